// The venue adapters, one for each exchange the settings offer. The registry is typed by the
// settings' list, so an exchange offered without an adapter, an adapter for an exchange not offered,
// or an adapter filed under another venue's id fails the type check.
import type { ExchangeId } from '../../shared/settings';
import { binanceAdapter } from './binance';
import type { CcxtExchangeName } from './ccxt-loader';
import type { VenueAdapter } from './venue';

export type AdapterRegistry = {
  readonly [Id in ExchangeId]: VenueAdapter<CcxtExchangeName, Id>;
};

export const ADAPTERS: AdapterRegistry = { binance: binanceAdapter };

/** The adapter of `exchange`, or null for a name no adapter answers to (input not yet checked). */
export function adapterOf(exchange: string): VenueAdapter | null {
  return Object.hasOwn(ADAPTERS, exchange) ? ADAPTERS[exchange as ExchangeId] : null;
}
