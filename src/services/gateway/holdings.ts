// What an account holds, read in a constant number of bulk requests whatever the number of assets:
// spot wallet balances, futures wallet balances per coin and open futures positions in units of the
// asset (a contract on a multiple of it, binance's 1000PEPE, counted in PEPE); USDT prices of coins
// from one bulk request; and what the key may do and the futures account's modes.
import type { Exchange } from 'ccxt';
import type { AccountModes, KeyPermissions } from '../../shared/accounts';
import type {
  AccountHoldings,
  FuturesBalance,
  FuturesPosition,
  SpotBalance,
} from '../../shared/portfolio';
import { positiveOrNull } from '../../core';
import { balanceEntries } from './account';
import type { GatewayCore } from './gateway-core';
import { perUnit } from './market-data';
import { signedRead } from './signed-read';
import type { VenueAdapter, VenuePositionRow } from './venue';

export type Holdings = Omit<AccountHoldings, 'accountId'>;

/** What a position is read against: its market as ccxt loaded it, or as its id names it. */
interface ContractLike {
  symbol: string;
  base: string;
  settle?: string;
  expiry?: number | null;
  contract?: boolean;
  contractSize?: number;
}

/** The contract market a position's venue id names (spot and contract markets share ids). */
function contractMarket(exchange: Exchange, id: string): ContractLike | null {
  const markets = (exchange.markets_by_id?.[id] ?? []) as (ContractLike | undefined)[];
  return markets.find((m) => m?.contract === true) ?? null;
}

/** What a position's id says when the loaded markets do not know it (listed since they loaded). */
function guessMarket(id: string, quote: string): ContractLike & { expiry: number | null } {
  const dated = new RegExp(`^([A-Z0-9]+)${quote}_(\\d{2})(\\d{2})(\\d{2})$`).exec(id);
  if (dated) {
    const [, base, yy, mm, dd] = dated;
    return {
      symbol: `${base}/${quote}:${quote}-${yy}${mm}${dd}`,
      base: base!,
      settle: quote,
      expiry: Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd), 8),
    };
  }
  const base = id.endsWith(quote) ? id.slice(0, -quote.length) : id;
  return { symbol: `${base}/${quote}:${quote}`, base, settle: quote, expiry: null };
}

function toPosition(
  row: VenuePositionRow,
  exchange: Exchange,
  adapter: VenueAdapter,
  multiplierOf: (symbol: string) => number,
): FuturesPosition {
  const market = contractMarket(exchange, row.id);
  const known = market
    ? {
        symbol: market.symbol,
        base: market.base,
        settle: market.settle ?? adapter.quote,
        expiry: market.expiry ?? null,
      }
    : guessMarket(row.id, adapter.quote);
  const multiple = adapter.contractMultiple(known.base);
  const multiplier = market ? multiplierOf(market.symbol) : (multiple?.multiplier ?? 1);
  const asset = multiplier > 1 ? (multiple?.asset ?? known.base) : known.base;
  const contractSize = positiveOrNull(market?.contractSize) ?? 1;
  const contracts = Math.abs(row.amount);
  const quantity = contracts * contractSize * multiplier;
  const markPrice = perUnit(row.markPrice, multiplier) ?? 0;
  return {
    symbol: known.symbol,
    asset,
    kind: known.expiry === null ? 'perp' : 'future',
    expiry: known.expiry,
    side: row.amount > 0 ? 'long' : 'short',
    contracts,
    contractSize,
    multiplier,
    quantity,
    entryPrice: perUnit(row.entryPrice, multiplier) ?? 0,
    markPrice,
    unrealizedPnl: row.unrealizedPnl,
    leverage: row.leverage,
    marginMode: row.marginMode,
    isolatedMargin: row.isolatedWallet,
    liquidationPrice: perUnit(row.liquidationPrice, multiplier),
    notional: quantity * markPrice,
    settle: known.settle ?? adapter.quote,
  };
}

export async function fetchHoldings(core: GatewayCore): Promise<Holdings> {
  return core.call(async () => {
    const snapshot = await signedRead(core, (exchange) =>
      core.adapter.fetchAccountSnapshot(exchange),
    );
    const syncedAt = core.now();
    const exchange = await core.exchange();
    const spot: SpotBalance[] = Object.entries(balanceEntries(snapshot.spot))
      .filter(([, entry]) => entry.total !== 0)
      .map(([asset, entry]) => ({ asset, ...entry }))
      .sort((a, b) => a.asset.localeCompare(b.asset));
    const balances: FuturesBalance[] = snapshot.futures.map((row) => ({
      asset: row.asset,
      wallet: row.wallet,
      unrealizedPnl: row.unrealizedPnl,
      margin: row.wallet + row.unrealizedPnl,
      available: row.available,
    }));
    const positions = snapshot.positions.map((row) =>
      toPosition(row, exchange, core.adapter, (symbol) => core.listings.multiplierOf(symbol)),
    );
    return {
      exchange: core.adapter.id,
      syncedAt,
      spot,
      futures: { balances, positions },
    };
  });
}

/**
 * The price in the quote coin (USDT) of each coin, from one request for every spot pair's best bid
 * and ask: the quote coin is 1, a coin quoted against it the mid of its pair (a stablecoin's too, so
 * a depeg shows), a coin only the quote coin is priced in the inverse; null for a coin with neither.
 */
export async function fetchSpotPrices(
  core: GatewayCore,
  coins: readonly string[],
): Promise<Record<string, number | null>> {
  return core.call(async () => {
    const out: Record<string, number | null> = {};
    const quote = core.adapter.quote;
    const wanted = [...new Set(coins.map((c) => c.trim().toUpperCase()))];
    if (wanted.every((c) => c === quote)) {
      for (const c of wanted) out[c] = 1;
      return out;
    }
    await core.listings.ready();
    const exchange = await core.exchange();
    const book = await core.read(() => core.adapter.fetchSpotBook(exchange));
    const mid = (symbol: string): number | null => {
      const ticker = book[symbol];
      if (!ticker) return null;
      const bid = positiveOrNull(ticker.bid);
      const ask = positiveOrNull(ticker.ask);
      if (bid !== null && ask !== null) return (bid + ask) / 2;
      return bid ?? ask ?? positiveOrNull(ticker.last);
    };
    for (const coin of wanted) {
      if (coin === quote) {
        out[coin] = 1;
        continue;
      }
      const direct = mid(`${coin}/${quote}`);
      const inverse = direct === null ? mid(`${quote}/${coin}`) : null;
      out[coin] = direct ?? (inverse === null ? null : 1 / inverse);
    }
    return out;
  });
}

export async function fetchKeyPermissions(core: GatewayCore): Promise<KeyPermissions> {
  return core.call(async () => {
    const permissions = await signedRead(core, (exchange) =>
      core.adapter.fetchKeyPermissions(exchange, core.now()),
    );
    core.permissions = permissions;
    return permissions;
  });
}

export async function fetchAccountModes(core: GatewayCore): Promise<AccountModes> {
  return core.call(() => signedRead(core, (exchange) => core.adapter.fetchAccountModes(exchange)));
}
