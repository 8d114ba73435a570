// The REST endpoints of binance spot (/api/v3), USDⓈ-M futures (/fapi) and the wallet transfer
// (/sapi), with binance's parameters, request weights, signing requirements and answers.
import type { Route } from './binance-request';
import { FUTURES_ROUTES } from './binance-futures-routes';
import { API_RESTRICTIONS_ROUTE } from './binance-mode-routes';
import { SPOT_ROUTES, WALLET_ROUTES } from './binance-spot-routes';

export type { Route, RouteContext } from './binance-request';

export const ROUTES: Route[] = [
  ...SPOT_ROUTES,
  ...FUTURES_ROUTES,
  ...WALLET_ROUTES,
  API_RESTRICTIONS_ROUTE,
];

const BY_KEY = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));

export function findRoute(method: string, path: string): Route | undefined {
  return BY_KEY.get(`${method} ${path}`);
}
