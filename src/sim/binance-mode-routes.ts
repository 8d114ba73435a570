// The key's and the futures account's settings as binance reports them: the key's API restrictions
// (/sapi/v1/account/apiRestrictions), and the futures position mode (one-way or hedge) and
// Multi-Assets margin mode, which the account's key may read and, with futures trading, change.
import type { Json } from './binance-json';
import type { Route, RouteContext } from './binance-request';
import { required, w } from './binance-request';
import { isOpen } from './account';
import { VenueError, venueErrors } from './venue-error';

/** Binance sets a key's spot trading authority to lapse after 90 days unless renewed. */
const TRADING_AUTHORITY_MS = 90 * 24 * 60 * 60 * 1000;

function flag(ctx: RouteContext, name: string): boolean {
  const value = required(ctx.params, name);
  if (value !== 'true' && value !== 'false') throw venueErrors.invalidValue(name);
  return value === 'true';
}

function apiRestrictions(ctx: RouteContext): Json {
  const key = ctx.key!;
  const p = key.permissions;
  const answer: { [name: string]: Json } = {
    ipRestrict: p.ipRestricted,
    createTime: key.createdAt,
    enableReading: true,
    enableWithdrawals: p.withdrawals,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: p.futuresTrading,
    permitsUniversalTransfer: p.universalTransfer,
    enableVanillaOptions: false,
    enableFixApiTrade: false,
    enableFixReadOnly: true,
    enableSpotAndMarginTrading: p.spotTrading,
    enablePortfolioMarginTrading: false,
  };
  if (p.spotTrading) answer.tradingAuthorityExpirationTime = key.createdAt + TRADING_AUTHORITY_MS;
  return answer;
}

export const API_RESTRICTIONS_ROUTE: Route = {
  method: 'GET',
  path: '/sapi/v1/account/apiRestrictions',
  family: 'sapi',
  signed: true,
  weight: w(1),
  handle: apiRestrictions,
};

const fapi = (
  method: Route['method'],
  path: string,
  weight: number,
  handle: Route['handle'],
): Route => ({
  method,
  path: `/fapi/${path}`,
  family: 'futures',
  signed: true,
  weight: w(weight),
  handle,
  ...(method === 'POST' ? { permission: 'futuresTrading' as const } : {}),
});

export const MODE_ROUTES: Route[] = [
  fapi('GET', 'v1/positionSide/dual', 30, (ctx) => ({
    dualSidePosition: ctx.account.state.dualSidePosition === true,
  })),
  fapi('POST', 'v1/positionSide/dual', 1, (ctx) => {
    const wanted = flag(ctx, 'dualSidePosition');
    const state = ctx.account.state;
    if ((state.dualSidePosition === true) === wanted)
      throw new VenueError(400, -4059, 'No need to change position side.');
    if (Object.values(state.positions).some((p) => p.amount !== 0))
      throw new VenueError(400, -4068, 'Position side cannot be changed if there exists position.');
    if (state.orders.some((o) => o.venue === 'futures' && isOpen(o)))
      throw new VenueError(
        400,
        -4067,
        'Position side cannot be changed if there exists open orders.',
      );
    state.dualSidePosition = wanted;
    ctx.changed();
    return { code: 200, msg: 'success' };
  }),
  fapi('GET', 'v1/multiAssetsMargin', 30, (ctx) => ({
    multiAssetsMargin: ctx.account.state.multiAssetsMargin === true,
  })),
  fapi('POST', 'v1/multiAssetsMargin', 1, (ctx) => {
    const wanted = flag(ctx, 'multiAssetsMargin');
    const state = ctx.account.state;
    if ((state.multiAssetsMargin === true) === wanted)
      throw new VenueError(400, -4171, 'Multi-Assets mode is already set to this value.');
    state.multiAssetsMargin = wanted;
    ctx.changed();
    return { code: 200, msg: 'success' };
  }),
];
