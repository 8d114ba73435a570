// Each tradable account's markets as the planner takes them: the instruments its venue lists for the
// tracked assets (and the held stablecoins' USDT pairs when converting them is allowed), with the
// venue's rules, the account's taker fees, the contracts' maintenance brackets, the snapshot's
// prices and each perpetual's funding averaged over the signal window. Fees and brackets change
// rarely, so they are kept per account for a while.
import type { AccountMeta } from '../../shared/accounts';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import type { ExchangeId } from '../../shared/settings';
import type {
  MaintenanceBracket,
  PlanAccount,
  PlanAssetMarkets,
  PlanInstrument,
} from '../../core/planner-types';
import type {
  AssetInstruments,
  DatedFutureInstrument,
  ExchangeGateway,
  InstrumentLimits,
  PerpInstrument,
  SpotInstrument,
  TakerFee,
} from '../gateway';

/** What the plan service asks of an account's gateway: reads only, never an order. */
export type PlanGateway = Pick<
  ExchangeGateway,
  'discover' | 'fetchTakerFees' | 'fetchMaintenanceBrackets' | 'fetchOrderBook' | 'fetchBalances'
>;

/** How long an account's fees and brackets are reused before they are read again. */
export const TRADING_COSTS_TTL_MS = 60 * 60_000;

interface CostEntry<T> {
  value: T;
  at: number;
}

/** Fees and brackets per account and symbol, read again after TRADING_COSTS_TTL_MS. */
export class TradingCostCache {
  readonly #fees = new Map<string, CostEntry<TakerFee>>();
  readonly #brackets = new Map<string, CostEntry<MaintenanceBracket[]>>();

  constructor(private readonly ttlMs = TRADING_COSTS_TTL_MS) {}

  async fees(
    account: string,
    gateway: PlanGateway,
    symbols: readonly string[],
    now: number,
  ): Promise<Record<string, TakerFee>> {
    return this.#read(this.#fees, account, symbols, now, (missing) =>
      gateway.fetchTakerFees(missing),
    );
  }

  async brackets(
    account: string,
    gateway: PlanGateway,
    symbols: readonly string[],
    now: number,
  ): Promise<Record<string, MaintenanceBracket[]>> {
    return this.#read(this.#brackets, account, symbols, now, (missing) =>
      gateway.fetchMaintenanceBrackets(missing),
    );
  }

  /** Forgets an account's figures (its key changed, or it was removed). */
  forget(account: string): void {
    for (const map of [this.#fees, this.#brackets] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${account} `)) map.delete(key);
    }
  }

  async #read<T>(
    map: Map<string, CostEntry<T>>,
    account: string,
    symbols: readonly string[],
    now: number,
    fetch: (missing: string[]) => Promise<Record<string, T>>,
  ): Promise<Record<string, T>> {
    const key = (symbol: string) => `${account} ${symbol}`;
    const fresh = (symbol: string) => {
      const entry = map.get(key(symbol));
      return entry !== undefined && now - entry.at < this.ttlMs;
    };
    const missing = symbols.filter((s) => !fresh(s));
    if (missing.length > 0) {
      const read = await fetch(missing);
      for (const symbol of missing) {
        const value = read[symbol];
        if (value !== undefined) map.set(key(symbol), { value, at: now });
      }
    }
    const out: Record<string, T> = {};
    for (const symbol of symbols) {
      const entry = map.get(key(symbol));
      if (entry) out[symbol] = entry.value;
    }
    return out;
  }
}

export interface AccountMarketsInput {
  account: AccountMeta;
  gateway: PlanGateway;
  /** The assets to find markets for: the tracked ones, then any stablecoins to convert. */
  assets: readonly string[];
  snapshot: MarketSnapshot | null;
  /** USDT prices of coins the snapshot does not quote (held stablecoins). */
  prices: Readonly<Record<string, number>>;
  /**
   * Prices per contract symbol used where the snapshot quotes none (a flatten on stale quotes
   * prices its closes at the positions' marks until their books are read).
   */
  contractPrices?: Readonly<Record<string, number>>;
  /** The perpetual's annualized funding averaged over the signal window, per asset. */
  funding: (asset: string) => Promise<number | null>;
  costs: TradingCostCache;
  now: number;
}

/** Whether the plan may trade on the account: the demo one, or a key allowed spot and futures trading. */
export function canTrade(account: AccountMeta): boolean {
  if (account.demo) return true;
  const p = account.permissions;
  return !account.readOnly && p !== null && p.spotTrading && p.futuresTrading;
}

/**
 * Whether each venue holds a reduce-only contract order to its minimum order value. Binance does not
 * (its minimum amount still holds), so a short worth less than the minimum can still be closed.
 */
const MIN_COST_FOR_REDUCE_ONLY: Readonly<Record<ExchangeId, boolean>> = { binance: false };

function rulesOf(
  limits: InstrumentLimits,
  exchange: ExchangeId,
  kind: PlanInstrument['market'],
): PlanInstrument['rules'] {
  return {
    minAmount: limits.minAmount,
    minCost: limits.minCost,
    amountStep: limits.amountStep,
    priceStep: limits.priceStep,
    minCostForReduceOnly: kind === 'spot' || MIN_COST_FOR_REDUCE_ONLY[exchange],
  };
}

const positive = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null;

function symbolsOf(found: readonly AssetInstruments[]): { all: string[]; contracts: string[] } {
  const all: string[] = [];
  const contracts: string[] = [];
  for (const a of found) {
    if (a.spot) all.push(a.spot.symbol);
    for (const c of [...(a.perp ? [a.perp] : []), ...a.futures]) {
      all.push(c.symbol);
      contracts.push(c.symbol);
    }
  }
  return { all, contracts };
}

export async function accountMarkets(input: AccountMarketsInput): Promise<PlanAccount> {
  const { account, gateway, costs, now } = input;
  const found = await gateway.discover(input.assets);
  const { all, contracts } = symbolsOf(found);
  const [fees, brackets] = await Promise.all([
    costs.fees(account.id, gateway, all, now),
    costs.brackets(account.id, gateway, contracts, now),
  ]);
  const quoted = new Map<string, AssetSnapshot>(
    (input.snapshot?.assets ?? []).map((a) => [a.asset, a]),
  );

  const instrument = (
    i: SpotInstrument | PerpInstrument | DatedFutureInstrument,
    price: number | null,
    extra: { expiry: number | null; annualizedFunding: number | null },
  ): PlanInstrument | null => {
    const fee = fees[i.symbol];
    if (price === null || fee === undefined) return null;
    return {
      symbol: i.symbol,
      market: i.kind,
      contractSize: i.kind === 'spot' ? 1 : i.contractSize,
      rules: rulesOf(i.limits, account.exchange, i.kind),
      takerFee: fee.rate,
      feeSource: fee.source,
      price,
      expiry: extra.expiry,
      annualizedFunding: extra.annualizedFunding,
      brackets: i.kind === 'spot' ? [] : (brackets[i.symbol] ?? []),
    };
  };

  const markets: PlanAssetMarkets[] = [];
  for (const a of found) {
    const quote = quoted.get(a.asset);
    const spotPrice = positive(quote?.spot) ?? positive(input.prices[a.asset]);
    const fallback = (symbol: string) => positive(input.contractPrices?.[symbol]);
    const perpPrice = positive(quote?.perp?.mark) ?? (a.perp ? fallback(a.perp.symbol) : null);
    markets.push({
      asset: a.asset,
      spot: a.spot
        ? instrument(a.spot, spotPrice, { expiry: null, annualizedFunding: null })
        : null,
      perp:
        a.perp && perpPrice !== null
          ? instrument(a.perp, perpPrice, {
              expiry: null,
              annualizedFunding: await input.funding(a.asset),
            })
          : null,
      futures: a.futures.flatMap((f) => {
        const price =
          positive(quote?.futures.find((q) => q.symbol === f.symbol)?.price) ?? fallback(f.symbol);
        const made = instrument(f, price, { expiry: f.expiry, annualizedFunding: null });
        return made ? [made] : [];
      }),
    });
  }
  return { id: account.id, exchange: account.exchange, canTrade: true, markets };
}
