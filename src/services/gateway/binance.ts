// Binance through ccxt: spot and USDⓈ-M markets only, funding intervals from /fapi/v1/fundingInfo
// (which lists only the perpetuals whose interval is not 8 h), and a refresh of two bulk requests —
// spot best bid/ask (/api/v3/ticker/bookTicker) and every contract's mark, index, funding rate and
// next funding time (/fapi/v1/premiumIndex) — whatever the number of assets.
import type { Exchange, FundingRate, Tickers, Ticker } from 'ccxt';
import { EXCHANGE_NAMES } from '../../shared/settings';
import { GatewayError, venueMessage } from './errors';
import type { ContractMultiple, ContractQuote, VenueAdapter, VenueQuotes } from './venue';
import {
  binanceAccountModes,
  binanceAccountSnapshot,
  binanceKeyPermissions,
} from './binance-account';
import { finiteOrNull, positiveOrNull } from '../../core';
import { binanceMaintenanceBrackets, binanceTakerFees } from './binance-fees';

/** "4h" → 4; null for anything else. */
export function intervalHours(interval: unknown): number | null {
  if (typeof interval !== 'string') return null;
  const m = /^(\d+(?:\.\d+)?)h$/.exec(interval.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  return hours > 0 ? hours : null;
}

/** Binance's -1121 Invalid symbol, which ccxt raises as BadSymbol. */
function refusesSymbol(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'BadSymbol' || venueMessage(error.message).code === -1121;
}

/**
 * Best bid and ask of the spot pairs. Binance refuses the whole request when one pair is refused,
 * without naming it: the request then goes out again for every pair (the same weight), and the pairs
 * missing from that answer are the refused ones.
 */
async function spotQuotes(
  exchange: Exchange,
  symbols: readonly string[],
): Promise<{ tickers: Tickers; refused: Map<string, string | null> }> {
  try {
    return { tickers: await exchange.fetchBidsAsks([...symbols]), refused: new Map() };
  } catch (error) {
    if (!refusesSymbol(error)) throw error;
    const reason = venueMessage((error as Error).message).msg;
    const all = await exchange.fetchBidsAsks();
    const tickers: Tickers = {};
    const refused = new Map<string, string | null>();
    for (const symbol of symbols) {
      const ticker = all[symbol];
      if (ticker) tickers[symbol] = ticker;
      else refused.set(symbol, reason);
    }
    return { tickers, refused };
  }
}

/**
 * Binance names a USDⓈ-M contract on a multiple of a low-priced asset by the multiple: 1000PEPE,
 * 10000SATS, 1000000MOG, 1MBABYDOGE (a million).
 */
export function binanceContractMultiple(base: string): ContractMultiple | null {
  const million = /^1M([A-Z][A-Z0-9]*)$/.exec(base);
  if (million) return { asset: million[1]!, multiplier: 1_000_000 };
  const powers = /^(10{3,})([A-Z][A-Z0-9]*)$/.exec(base);
  if (powers) return { asset: powers[2]!, multiplier: Number(powers[1]) };
  return null;
}

function venueId(entry: { info?: unknown }): string | null {
  const info = entry.info as { symbol?: unknown } | undefined;
  return typeof info?.symbol === 'string' ? info.symbol : null;
}

export const binanceAdapter: VenueAdapter<'binance', 'binance'> = {
  id: 'binance',
  ccxtClass: 'binance',
  displayName: EXCHANGE_NAMES.binance,
  hosts: /(^|\.)binance\.com$/i,
  quote: 'USDT',
  defaultFundingIntervalHours: 8,
  // Binance spot opened on 2017-08-17; USDⓈ-M's first perpetual settled funding on 2019-09-10.
  historyStarts: { dailyCloses: Date.UTC(2017, 7, 17), funding: Date.UTC(2019, 8, 10) },
  // Of the 500 funding requests per 5 minutes, 200 for long downloads: the interval reads and the
  // trailing-year backfill keep the rest.
  fundingPagesPer5Min: 200,
  // /fapi/v1/fundingInfo shares 500 requests per 5 minutes per IP with /fapi/v1/fundingRate, which
  // the backfill pages through: a read every 10 minutes (and at most one a minute when a settlement
  // comes off schedule) leaves that budget to the backfill.
  fundingIntervalRefreshMs: 10 * 60_000,
  requestsPerRefresh: 2,
  // After a first success ccxt calls -2015 a ban (PermissionDenied): it is a key refused.
  errorKinds: {
    [-2014]: 'auth',
    [-2015]: 'auth',
    [-1022]: 'auth',
    [-1021]: 'clock',
    [-1003]: 'rate-limited',
    [-4116]: 'duplicate-order',
  },
  errorMessageKinds: { 'Duplicate order sent.': 'duplicate-order' },
  errorWords: {
    [-2015]:
      'refused the API key: the key is wrong, this computer’s IP address is not on the key’s list of allowed addresses, or the key lacks the permission this needs. Check the key and its restrictions on the exchange.',
    [-2014]: 'refused the API key as malformed: copy the whole key again, without spaces.',
    // No colon after 'signature': redaction reads 'signature: <word>' as a credential and hides the word.
    [-1022]:
      'refused the request’s signature, because the API secret does not match the key. Enter the secret that was shown with this key when it was created.',
  },
  permissionCode: -2015,
  contractMultiple: binanceContractMultiple,

  create(ccxt, config) {
    return new ccxt.binance({
      ...config,
      options: {
        defaultType: 'spot',
        // Spot and USDⓈ-M only: no coin-margined or option markets, no margin pairs, and no
        // currency list (a signed /sapi call per load that Premia does not need).
        fetchMarkets: { types: ['spot', 'linear'], loadAllOptions: false },
        fetchCurrencies: false,
        fetchMargins: false,
        adjustForTimeDifference: false,
        // ccxt retries nothing by itself: reads are retried by the gateway, orders never are.
        maxRetriesOnFailure: 0,
        maxRetriesOnFailureDelay: 0,
        // Open orders of every symbol are asked for knowingly (a heavier request, made rarely).
        warnOnFetchOpenOrdersWithoutSymbol: false,
        ...(config.options as Record<string, unknown> | undefined),
      },
    });
  },

  async fundingIntervals(exchange) {
    const intervals = await exchange.fetchFundingIntervals();
    const out = new Map<string, number>();
    for (const [symbol, entry] of Object.entries(intervals)) {
      const hours = intervalHours((entry as FundingRate).interval);
      if (hours !== null) out.set(symbol, hours);
    }
    return out;
  },

  async fetchQuotes(exchange: Exchange, request): Promise<VenueQuotes> {
    const wantSpot = request.spotSymbols.length > 0;
    const wantContracts = request.contractSymbols.length > 0;
    const [spotAnswer, rates] = await Promise.all([
      wantSpot
        ? spotQuotes(exchange, request.spotSymbols)
        : Promise.resolve({ tickers: {}, refused: new Map<string, string | null>() }),
      wantContracts ? exchange.fetchFundingRates() : Promise.resolve({}),
    ]);
    const spot = new Map<string, { bid: number | null; ask: number | null }>();
    for (const [symbol, ticker] of Object.entries(spotAnswer.tickers as Record<string, Ticker>)) {
      spot.set(symbol, { bid: positiveOrNull(ticker.bid), ask: positiveOrNull(ticker.ask) });
    }
    const contracts = new Map<string, ContractQuote>();
    const unknownContracts: string[] = [];
    const byId = exchange.markets_by_id ?? {};
    for (const [symbol, rate] of Object.entries(rates as Record<string, FundingRate>)) {
      const id = venueId(rate);
      if (id !== null && !(id in byId)) unknownContracts.push(id);
      contracts.set(symbol, {
        mark: positiveOrNull(rate.markPrice),
        index: positiveOrNull(rate.indexPrice),
        fundingRate: finiteOrNull(rate.fundingRate),
        nextFundingAt: positiveOrNull(rate.fundingTimestamp),
        venueTime: positiveOrNull(rate.timestamp),
      });
    }
    // An answer with nothing in it is a broken answer, not an empty market.
    if (wantSpot && spot.size === 0 && spotAnswer.refused.size < request.spotSymbols.length) {
      throw new GatewayError(
        'bad-response',
        'The exchange answered the spot price request with no prices.',
      );
    }
    if (wantContracts && contracts.size === 0) {
      throw new GatewayError(
        'bad-response',
        'The exchange answered the futures price request with no prices.',
      );
    }
    return { spot, contracts, unknownContracts, refusedSpot: spotAnswer.refused };
  },

  async fetchBalances(exchange) {
    const [spot, futures] = await Promise.all([
      exchange.fetchBalance(),
      exchange.fetchBalance({ type: 'future' }),
    ]);
    return { spot, futures };
  },

  // ccxt sends the client id as binance's origClientOrderId; the order id itself is not needed.
  fetchOrderByClientId: (exchange, symbol, clientOrderId) =>
    exchange.fetchOrder('', symbol, { clientOrderId }),

  async fetchOpenOrders(exchange, symbol) {
    if (symbol !== null) return exchange.fetchOpenOrders(symbol);
    const [spot, futures] = await Promise.all([
      exchange.fetchOpenOrders(undefined, undefined, undefined, { type: 'spot' }),
      exchange.fetchOpenOrders(undefined, undefined, undefined, {
        type: 'swap',
        subType: 'linear',
      }),
    ]);
    return [...spot, ...futures];
  },

  // Binance's universal transfer between the spot (MAIN) and USDⓈ-M (UMFUTURE) wallets.
  async transfer(exchange, coin, amount, from, to) {
    const account = (wallet: 'spot' | 'futures') => (wallet === 'spot' ? 'spot' : 'future');
    // The type named outright, so ccxt's account-name mapping cannot pick another wallet.
    const type = from === 'spot' ? 'MAIN_UMFUTURE' : 'UMFUTURE_MAIN';
    const done = await exchange.transfer(coin, amount, account(from), account(to), { type });
    return typeof done.id === 'string' && done.id !== '' ? done.id : null;
  },
  noChangeCodes: [-4046],

  fetchAccountSnapshot: binanceAccountSnapshot,
  requestsPerHoldings: 3,
  fetchKeyPermissions: binanceKeyPermissions,
  fetchAccountModes: binanceAccountModes,
  fetchTakerFees: binanceTakerFees,
  fetchMaintenanceBrackets: binanceMaintenanceBrackets,
  fetchSpotBook: (exchange) => exchange.fetchBidsAsks(),
  fetchServerTime: async (exchange) => {
    const time = await exchange.fetchTime();
    if (typeof time !== 'number' || !Number.isFinite(time))
      throw new GatewayError('bad-response', 'Binance answered the time request with no time.');
    return time;
  },
};
