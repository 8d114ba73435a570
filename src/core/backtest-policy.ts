// The regime policy replayed bar by bar: the signal from the funding before each bar, the regime
// with hysteresis, and the portfolio moved to the regime's slice weights when the rule says so.
import type { RebalanceRule } from '../shared/backtest';
import type { AllocationPolicy, HistoryK, Regime, Thresholds, Weights } from '../shared/strategy';
import { REGIMES } from '../shared/strategy';
import { targetWeights } from './allocation';
import type { RunContext, StrategyRun } from './backtest-benchmarks';
import { MIN_HISTORY_POINTS, thresholdsFromMoments } from './calibration';
import { classifyRegime } from './regime';

export interface ResolvedPolicy {
  thresholds: { mode: 'fixed' | 'history'; fixed: Thresholds; historyK: HistoryK };
  /** Bars of funding the signal averages. */
  signalBars: number;
  /** Bars of signal history thresholds are drawn from in `history` mode. */
  historyBars: number;
  weights: AllocationPolicy;
  rule: RebalanceRule;
  driftBand: number;
}

export interface PolicyRun extends StrategyRun {
  /** regimes[a][i]: asset a's regime on bar i. */
  regimes: Regime[][];
}

/** Below this a trailing spread is rounding, not history: the fixed levels stand in. */
const NO_SPREAD = 1e-12;

/**
 * Each asset's annualized signal per bar: the mean funding of the `signalBars` bars before it (fewer
 * at the start, never the bar itself), times bars per year. Bar 0 has none (NaN).
 */
export function signalSeries(
  paid: readonly number[],
  signalBars: number,
  perYear: number,
): number[] {
  const out = new Array<number>(paid.length);
  out[0] = Number.NaN;
  let sum = 0;
  for (let i = 1; i < paid.length; i++) {
    sum += paid[i - 1] as number;
    if (i - 1 - signalBars >= 0) sum -= paid[i - 1 - signalBars] as number;
    out[i] = (sum / Math.min(i, signalBars)) * perYear;
  }
  return out;
}

/**
 * Thresholds per bar. `fixed` mode: the fixed set throughout. `history` mode: the levels of
 * `thresholdsFromHistory` over the signals of the trailing `historyBars` bars up to and including
 * bar i (each of which looked only at funding before its bar), the fixed set until 30 such signals
 * exist or while they never vary.
 */
export function thresholdSeries(signal: readonly number[], policy: ResolvedPolicy): Thresholds[] {
  const { mode, fixed, historyK } = policy.thresholds;
  if (mode === 'fixed') return signal.map(() => fixed);
  const out: Thresholds[] = [fixed];
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let i = 1; i < signal.length; i++) {
    const s = signal[i] as number;
    sum += s;
    squares += s * s;
    count += 1;
    const leaving = i - policy.historyBars;
    if (leaving >= 1) {
      const old = signal[leaving] as number;
      sum -= old;
      squares -= old * old;
      count -= 1;
    }
    if (count < MIN_HISTORY_POINTS) {
      out.push(fixed);
      continue;
    }
    const mean = sum / count;
    const std = Math.sqrt(Math.max(0, squares / count - mean * mean));
    out.push(std > NO_SPREAD ? thresholdsFromMoments(mean, std, historyK) : fixed);
  }
  return out;
}

/** Each asset's regime per bar: neutral on bar 0, then by its signal and the bar before's regime. */
export function regimeSeries(
  paid: readonly number[],
  policy: ResolvedPolicy,
  perYear: number,
): Regime[] {
  const signal = signalSeries(paid, policy.signalBars, perYear);
  const thresholds = thresholdSeries(signal, policy);
  const out: Regime[] = ['neutral'];
  for (let i = 1; i < paid.length; i++) {
    out.push(classifyRegime(signal[i] as number, out[i - 1] as Regime, thresholds[i]));
  }
  return out;
}

function driftBeyondBand(
  spotValue: readonly number[],
  carry: readonly number[],
  cash: number,
  targets: readonly Weights[],
  shares: readonly number[],
  band: number,
): boolean {
  let value = cash;
  for (let a = 0; a < spotValue.length; a++)
    value += (spotValue[a] as number) + (carry[a] as number);
  if (!(value > 0)) return false;
  let spot = 0;
  let hedged = 0;
  let stable = 0;
  for (let a = 0; a < spotValue.length; a++) {
    const w = targets[a] as Weights;
    const share = shares[a] as number;
    const assetSpot = (spotValue[a] as number) / value - share * w.spot;
    const assetHedged = (carry[a] as number) / value - share * w.hedged;
    if (Math.abs(assetSpot) > band || Math.abs(assetHedged) > band) return true;
    spot += assetSpot;
    hedged += assetHedged;
    stable += share * w.stable;
  }
  return Math.abs(spot) > band || Math.abs(hedged) > band || Math.abs(cash / value - stable) > band;
}

/**
 * The policy over the mix. Holdings are spot quantities, carry positions (spot against an equal
 * perpetual short: their value moves only with the funding, which they keep) and one stablecoin
 * pool. Bar 0 opens at the neutral slices without a fee. Each later bar first accrues the carry and
 * the stablecoin yield, then, when the rule calls for it, moves every asset to its regime's weights
 * of the value V: the fee on |Δspot| + 2 × |Δcarry| (both legs of the carry trade) is taken from V
 * before it is split.
 */
export function runPolicy(ctx: RunContext, policy: ResolvedPolicy, perYear: number): PolicyRun {
  const { history, shares, paid, tradeCost, stableYieldPerBar } = ctx;
  const n = history.at.length;
  const assets = history.assets.length;
  const weightsOf = new Map<Regime, Weights>(
    REGIMES.map((r) => [r, targetWeights(r, policy.weights)]),
  );
  const regimes = paid.map((p) => regimeSeries(p, policy, perYear));
  const targetsAt = (i: number): Weights[] =>
    regimes.map((r) => weightsOf.get(r[i] as Regime) as Weights);

  const qty = new Array<number>(assets);
  const carry = new Array<number>(assets);
  const spotValue = new Array<number>(assets);
  let cash = 0;
  const split = (value: number, targets: readonly Weights[], i: number): void => {
    cash = 0;
    for (let a = 0; a < assets; a++) {
      const w = targets[a] as Weights;
      const share = shares[a] as number;
      qty[a] = (share * w.spot * value) / (history.price[a]![i] as number);
      carry[a] = share * w.hedged * value;
      cash += share * w.stable * value;
    }
  };
  split(1, targetsAt(0), 0);

  const equity = new Array<number>(n);
  equity[0] = 1;
  let feesPaid = 0;
  let fundingEarned = 0;
  let rebalances = 0;
  for (let i = 1; i < n; i++) {
    cash += cash * stableYieldPerBar;
    let value = cash;
    let regimeChanged = false;
    for (let a = 0; a < assets; a++) {
      const earned = (carry[a] as number) * (paid[a]![i] as number);
      fundingEarned += earned;
      carry[a] = (carry[a] as number) + earned;
      spotValue[a] = (qty[a] as number) * (history.price[a]![i] as number);
      value += (spotValue[a] as number) + (carry[a] as number);
      if (regimes[a]![i] !== regimes[a]![i - 1]) regimeChanged = true;
    }
    const targets = targetsAt(i);
    const due =
      policy.rule === 'drift-band'
        ? driftBeyondBand(spotValue, carry, cash, targets, shares, policy.driftBand)
        : history.opensMonth[i] || (policy.rule === 'regime-and-monthly' && regimeChanged);
    if (due) {
      let traded = 0;
      for (let a = 0; a < assets; a++) {
        const w = targets[a] as Weights;
        const share = shares[a] as number;
        traded += Math.abs(share * w.spot * value - (spotValue[a] as number));
        traded += 2 * Math.abs(share * w.hedged * value - (carry[a] as number));
      }
      const fee = traded * tradeCost;
      feesPaid += fee;
      value -= fee;
      split(value, targets, i);
      rebalances += 1;
    }
    equity[i] = value;
  }
  return { equity, rebalances, feesPaid, fundingEarned, regimes };
}
