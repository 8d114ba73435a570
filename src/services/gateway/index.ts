// The exchange gateway's public face. Importing it does not load ccxt: that happens in `ready()` (or
// `preloadExchange`), and then only the venue's own class.
export { createExchangeGateway, preloadExchange, supportedExchanges } from './exchange-gateway';
export type {
  ExchangeCredentials,
  ExchangeGateway,
  ExchangeGatewayOptions,
  FundingHistoryOptions,
  GatewayDiagnostics,
  MarginMode,
  OpenedGateway,
  PriceHistoryOptions,
  ReadOptions,
} from './exchange-gateway';
export type { CcxtSource } from './ccxt-loader';
export { GatewayError, classifyError, sanitize } from './errors';
export type { GatewayErrorKind } from './errors';
export { DEFAULT_RETRY } from './retry';
export type { RetryPolicy } from './retry';
export type * from './types';
export type { VenueListing } from './listings';
export { createListingCache, listingCachePath } from './listings-cache';
export type { ListingCache, SavedListing } from './listings-cache';
export type { Holdings } from './holdings';
export type { Multiple } from './discovery';
