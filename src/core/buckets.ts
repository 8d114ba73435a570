// The three buckets measured from what the user holds: unhedged spot, hedged spot and stablecoins,
// per tracked asset and for the whole portfolio, against the targets of each asset's regime, with
// the drift between the two and what the user must know about the figures (see docs/strategy.md).
import type {
  AccountHoldings,
  AssetBuckets,
  ManualHolding,
  PortfolioBuckets,
  PortfolioWarning,
  UntrackedHolding,
} from '../shared/portfolio';
import { DEPEG_TOLERANCE, VALUATION_COIN } from '../shared/portfolio';
import type { AllocationPolicy, Regime, Weights } from '../shared/strategy';
import type { AssetMix } from './allocation';
import { portfolioTargets, resolveAssetMix, targetWeights } from './allocation';
import type { CoinQuantities } from './buckets-quantities';
import { gatherHoldings } from './buckets-quantities';
import { positiveOrNull, requireFinite } from './numbers';

export interface BucketsInput {
  /** The last synced holdings of every account counted. */
  holdings: readonly AccountHoldings[];
  manual: readonly ManualHolding[];
  /** USDT per unit of each coin; USDT itself is always 1. A missing or non-positive price is none. */
  prices: Readonly<Record<string, number>>;
  tracked: readonly string[];
  /** Each tracked asset's share; empty or absent means equal shares. */
  mix?: AssetMix | null;
  /** Each tracked asset's regime; null or absent while it is not known yet. */
  regimes: Readonly<Record<string, Regime | null | undefined>>;
  policy: AllocationPolicy;
  driftBand: number;
  stablecoins: readonly string[];
}

// Sums of floating-point shares land a hair off exact values; a drift this small is no drift.
const DRIFT_EPSILON = 1e-9;

const NO_QUANTITIES: CoinQuantities = { spot: 0, longFutures: 0, shortFutures: 0, longNotional: 0 };

const usdt = (value: number): string => `${value.toFixed(2)} USDT`;

function priceOf(prices: BucketsInput['prices'], coin: string): number | null {
  if (coin === VALUATION_COIN) return 1;
  return positiveOrNull(prices[coin]);
}

function nakedShort(asset: string, quantity: number, value: number | null): PortfolioWarning {
  const worth = value === null ? '' : ` (${usdt(-value)})`;
  return {
    kind: 'naked-short',
    asset,
    message:
      `${asset} is shorted by ${-quantity} more than is held${worth}: ` +
      'that short is not a hedge and loses money when the price rises.',
  };
}

/**
 * The portfolio's buckets. Per tracked asset a, with long_a the spot everywhere plus long futures and
 * short_a the short futures (in units of a): hedged_a = min(long_a, short_a) × price_a, spot_a =
 * (long_a − min) × price_a, net_a = (long_a − short_a) × price_a. Stable = stablecoins held + futures
 * margin in stablecoins − the notional of long futures. V = Σ(spot_a + hedged_a) + stable.
 *
 * An asset whose regime is not known yet is targeted at its neutral slice (its `regime` stays null).
 * A tracked asset with no price is left out of V (`no-price`); coins neither tracked nor stablecoins
 * are listed as untracked and never enter V. With V ≤ 0 there are no weights (`no-value`).
 */
export function portfolioBuckets(input: BucketsInput): PortfolioBuckets {
  const { prices, tracked, policy, driftBand } = input;
  requireFinite(driftBand, 'driftBand');
  const stableSet = new Set(input.stablecoins);
  // Sets, not list searches: the planner runs this for portfolios of up to 100 assets.
  const trackedSet = new Set(tracked);
  const isStable = (coin: string): boolean => stableSet.has(coin) && !trackedSet.has(coin);
  const { coins, margin } = gatherHoldings(input.holdings, input.manual, isStable);
  const mix = resolveAssetMix(tracked, input.mix);
  const warnings: PortfolioWarning[] = [];

  // Every long future's notional was paid for out of margin: it leaves the stable bucket whatever
  // the asset, as buying spot would.
  let stable = 0;
  for (const q of coins.values()) stable -= q.longNotional;

  const stablecoins: PortfolioBuckets['stablecoins'] = [];
  for (const coin of input.stablecoins.filter(isStable)) {
    const q = coins.get(coin) ?? NO_QUANTITIES;
    const quantity = q.spot + q.longFutures - q.shortFutures + (margin.get(coin) ?? 0);
    if (quantity === 0) continue;
    const known = priceOf(prices, coin);
    const price = known ?? 1;
    if (known === null) {
      warnings.push({
        kind: 'no-price',
        asset: coin,
        message: `${coin} has no price from the exchange; it is counted at 1 USDT until one comes.`,
      });
    } else if (Math.abs(known - 1) > DEPEG_TOLERANCE) {
      warnings.push({
        kind: 'depeg',
        asset: coin,
        message: `${coin} trades at ${known} USDT, off its peg of 1 USDT; it is counted at that price.`,
      });
    }
    stablecoins.push({ asset: coin, quantity, price, value: quantity * price });
    stable += quantity * price;
  }

  const regimeOf = (asset: string): Regime | null => input.regimes[asset] ?? null;
  const targets = portfolioTargets(
    tracked.map((asset) => ({ asset, regime: regimeOf(asset) ?? 'neutral' })),
    mix,
    policy,
  );

  let spotTotal = 0;
  let hedgedTotal = 0;
  const assets = tracked.map((asset): AssetBuckets => {
    const q = coins.get(asset) ?? NO_QUANTITIES;
    const long = q.spot + q.longFutures;
    const short = q.shortFutures;
    const paired = Math.min(long, short);
    const price = priceOf(prices, asset);
    const regime = regimeOf(asset);
    const share = mix[asset] ?? 0;
    const slice = targetWeights(regime ?? 'neutral', policy);
    const target: Weights = {
      spot: share * slice.spot,
      hedged: share * slice.hedged,
      stable: share * slice.stable,
    };
    const held = long !== 0 || short !== 0;
    if (price === null && held) {
      warnings.push({
        kind: 'no-price',
        asset,
        message: `${asset} has no price yet, so its holdings are left out of the portfolio value.`,
      });
    }
    const spot = price === null ? 0 : (long - paired) * price;
    const hedged = price === null ? 0 : paired * price;
    const net = price === null ? 0 : (long - short) * price;
    if (long < short) warnings.push(nakedShort(asset, long - short, price === null ? null : net));
    spotTotal += spot;
    hedgedTotal += hedged;
    return {
      asset,
      long,
      short,
      price,
      spot,
      hedged,
      net,
      regime,
      current: null,
      target,
      drift: null,
      mix: share,
    };
  });

  const untracked: UntrackedHolding[] = [];
  for (const [coin, q] of [...coins].sort(([a], [b]) => a.localeCompare(b))) {
    if (trackedSet.has(coin) || isStable(coin)) continue;
    const quantity = q.spot + q.longFutures - q.shortFutures;
    if (quantity === 0 && q.longFutures === 0 && q.shortFutures === 0) continue;
    const price = priceOf(prices, coin);
    const value = price === null ? null : quantity * price;
    if (quantity < 0) warnings.push(nakedShort(coin, quantity, value));
    untracked.push({ asset: coin, quantity, value });
  }

  const value = spotTotal + hedgedTotal + stable;
  const base = {
    value,
    stable,
    target: targets.weights,
    driftBand,
    untracked,
    stablecoins,
    warnings,
  };
  if (!(value > 0)) {
    warnings.push({
      kind: 'no-value',
      message:
        value === 0
          ? 'Nothing is held yet, so there are no bucket weights to compare with the targets.'
          : `The portfolio is worth ${usdt(value)} (long futures cost more than the margin and ` +
            'stablecoins behind them), so bucket weights cannot be computed.',
    });
    return { ...base, current: null, drift: null, rebalanceDue: false, assets };
  }

  const current: Weights = {
    spot: spotTotal / value,
    hedged: hedgedTotal / value,
    stable: stable / value,
  };
  const drift: Weights = {
    spot: current.spot - targets.weights.spot,
    hedged: current.hedged - targets.weights.hedged,
    stable: current.stable - targets.weights.stable,
  };
  const drifts = [drift.spot, drift.hedged, drift.stable];
  const measured = assets.map((a): AssetBuckets => {
    if (a.price === null) return a;
    const mine = { spot: a.spot / value, hedged: a.hedged / value };
    const away = { spot: mine.spot - a.target.spot, hedged: mine.hedged - a.target.hedged };
    drifts.push(away.spot, away.hedged);
    return { ...a, current: mine, drift: away };
  });
  const rebalanceDue = drifts.some((d) => Math.abs(d) > driftBand + DRIFT_EPSILON);
  return { ...base, current, drift, rebalanceDue, assets: measured };
}
