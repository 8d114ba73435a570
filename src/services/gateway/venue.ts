// What differs between venues, behind one interface: the ccxt class and options, the hosts the
// simulator stands in for, where funding intervals come from, which bulk calls make a refresh, what
// the venue's own error codes mean, how it names multiplied contracts, and the account calls whose
// parameters are the venue's own. Adding a venue means its id in the settings' list of exchanges, one
// file implementing this, and one line in ./adapters.
import type { Balances, Exchange, Market, Order, Tickers } from 'ccxt';
import type { MaintenanceBracket } from '../../core/planner-types';
import type { AccountModes, KeyPermissions } from '../../shared/accounts';
import type { ExchangeId } from '../../shared/settings';
import type { Ccxt, CcxtExchangeName } from './ccxt-loader';
import type { GatewayErrorKind } from './errors';

export interface QuoteRequest {
  spotSymbols: readonly string[];
  /** Perpetuals and dated futures (unified symbols). */
  contractSymbols: readonly string[];
}

export interface ContractQuote {
  mark: number | null;
  index: number | null;
  fundingRate: number | null;
  nextFundingAt: number | null;
  venueTime: number | null;
}

export interface VenueQuotes {
  spot: Map<string, { bid: number | null; ask: number | null }>;
  contracts: Map<string, ContractQuote>;
  /** Venue ids the answer quoted that the loaded markets do not know (a new listing). */
  unknownContracts: string[];
  /** Spot pairs the venue refused by name (unified symbol → its reason, when it gave one). */
  refusedSpot: Map<string, string | null>;
}

/** A contract on a multiple of an asset (binance's 1000PEPE is 1000 PEPE), as its name tells it. */
export interface ContractMultiple {
  asset: string;
  /** Units of `asset` per unit of the contract's base. */
  multiplier: number;
}

/** One coin of the futures account, as the venue reports it. */
export interface VenueFuturesBalanceRow {
  asset: string;
  wallet: number;
  unrealizedPnl: number;
  available: number;
}

/** One open position, as the venue reports it: prices per unit of the contract's base. */
export interface VenuePositionRow {
  /** The venue's id of the contract (BTCUSDT, BTCUSDT_260327). */
  id: string;
  /** Contracts, negative for a short. */
  amount: number;
  entryPrice: number;
  markPrice: number;
  unrealizedPnl: number;
  leverage: number | null;
  marginMode: 'cross' | 'isolated';
  isolatedWallet: number | null;
  liquidationPrice: number | null;
}

export interface VenueAccountSnapshot {
  spot: Balances;
  futures: VenueFuturesBalanceRow[];
  positions: VenuePositionRow[];
}

export interface VenueAdapter<
  N extends CcxtExchangeName = CcxtExchangeName,
  Id extends ExchangeId = ExchangeId,
> {
  id: Id;
  /** ccxt's name for the venue's class, which names its module too: only that module is loaded. */
  ccxtClass: N;
  displayName: string;
  /** Host names of the venue's REST API (what the simulator stands in for). */
  hosts: RegExp;
  /** The quote and settlement currency of the markets Premia uses. */
  quote: string;
  /**
   * Where the venue's long histories begin (ms): its first daily spot candles and its first funding
   * settlement. A download of everything starts here; an asset listed later starts at its listing.
   */
  historyStarts: { dailyCloses: number; funding: number };
  /**
   * Funding-history pages a long download may take per five minutes: the venue shares one request
   * count between funding history and funding intervals, and the live market needs its part.
   */
  fundingPagesPer5Min: number;
  /** Where a venue publishes no funding interval. */
  defaultFundingIntervalHours: number;
  /** Builds the ccxt instance (class and options limiting market loading to spot and linear). */
  create(ccxt: Pick<Ccxt, N>, config: Record<string, unknown>): Exchange;
  /** Funding intervals in hours by unified symbol, for the perpetuals where the venue states one. */
  fundingIntervals(exchange: Exchange, perps: readonly Market[]): Promise<Map<string, number>>;
  /** How often the intervals are read again (the venue changes them without notice to the API). */
  fundingIntervalRefreshMs: number;
  /**
   * One refresh cycle: a constant number of bulk requests, whatever the number of symbols; one more
   * when the venue refuses a spot pair by name, to find which.
   */
  fetchQuotes(exchange: Exchange, request: QuoteRequest): Promise<VenueQuotes>;
  /** Requests `fetchQuotes` makes (for the bench and the tests). */
  requestsPerRefresh: number;
  /**
   * The venue's own error codes (in the `code` of its error answers) whose meaning overrides the
   * class ccxt gave the error.
   */
  errorKinds: Readonly<Record<number, GatewayErrorKind>>;
  /**
   * The venue's own error messages whose meaning overrides the code's (binance answers a duplicate
   * spot order with -2010, the code of every refused new order).
   */
  errorMessageKinds: Readonly<Record<string, GatewayErrorKind>>;
  /**
   * The asset a contract's base stands for a multiple of, when its name says so (binance's 1000PEPE:
   * PEPE × 1000); null for a plain base.
   */
  contractMultiple(base: string): ContractMultiple | null;
  /** The spot and the futures (USDⓈ-M) wallets (signed). */
  fetchBalances(exchange: Exchange): Promise<{ spot: Balances; futures: Balances }>;
  /** An order looked up by the client id it was sent with (signed). */
  fetchOrderByClientId(exchange: Exchange, symbol: string, clientOrderId: string): Promise<Order>;
  /** The open orders of one symbol, or of every spot and USDⓈ-M symbol when none is named (signed). */
  fetchOpenOrders(exchange: Exchange, symbol: string | null): Promise<Order[]>;
  /**
   * Moves a coin between the spot and USDⓈ-M wallets (signed); the venue's transfer id, when it
   * gives one.
   */
  transfer(
    exchange: Exchange,
    coin: string,
    amount: number,
    from: 'spot' | 'futures',
    to: 'spot' | 'futures',
  ): Promise<string | null>;
  /**
   * The venue's codes for a leverage or margin mode that is already what was asked: success, not a
   * refusal (binance: -4046 No need to change margin type).
   */
  noChangeCodes: readonly number[];
  /** Both wallets and the open positions: a constant number of bulk requests (signed). */
  fetchAccountSnapshot(exchange: Exchange): Promise<VenueAccountSnapshot>;
  /** Requests `fetchAccountSnapshot` makes (for the bench and the tests). */
  requestsPerHoldings: number;
  /** What the key may do (signed); `now` is wall time, against which a lapsed permission is judged. */
  fetchKeyPermissions(exchange: Exchange, now: number): Promise<KeyPermissions>;
  /** The futures account's position and margin modes (signed). */
  fetchAccountModes(exchange: Exchange): Promise<AccountModes>;
  /** Best bid and ask of every spot pair, in one request. */
  fetchSpotBook(exchange: Exchange): Promise<Tickers>;
  /** The venue's server time (ms), to tell how far this computer's clock is off. */
  fetchServerTime(exchange: Exchange): Promise<number>;
  /**
   * What to tell people for the venue's own error codes that need more than the kind's words (a
   * refused key, a signature that does not match), mid-sentence after the venue's name.
   */
  errorWords: Readonly<Record<number, string>>;
  /**
   * The account's own taker rate per unified symbol (signed); a symbol the venue did not answer for
   * is left out, and the market's published rate stands in for it.
   */
  fetchTakerFees(exchange: Exchange, symbols: readonly string[]): Promise<Map<string, number>>;
  /** Each contract's maintenance-margin brackets, ascending by cap (signed). */
  fetchMaintenanceBrackets(
    exchange: Exchange,
    symbols: readonly string[],
  ): Promise<Map<string, MaintenanceBracket[]>>;
  /** The venue's code for a request its key is not permitted to make (binance: -2015). */
  permissionCode: number;
}
