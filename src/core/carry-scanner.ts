// The carry scanner's figures for one perpetual: its funding now and averaged over trailing windows,
// its funding per UTC day, the nearest dated basis, the regime, and the best hedge's carry net of
// fees, priced by the plan's own carry of a pair; and the sorting, filtering and ranking the view does.
import type { ScannerCarry, ScannerRow } from '../shared/scanner';
import { SCANNER_WINDOWS_DAYS } from '../shared/scanner';
import type { Regime, Thresholds } from '../shared/strategy';
import { DAY_MS } from '../shared/time';
import { carryOf } from './planner-risk';
import type { PlanInstrument } from './planner-types';
import { annualizeBasis, annualizeFunding, annualizeSettledFunding } from './premium';
import { classifyRegime, DEFAULT_THRESHOLDS } from './regime';
import type { FundingPoint } from './signal';

/** What the scanner knows of one perpetual: the cycle's quote and the settlements held. */
export interface ScannerInput {
  asset: string;
  symbol: string;
  tracked: boolean;
  /** Per unit of the asset. */
  mark: number;
  index: number | null;
  fundingRate: number | null;
  fundingIntervalHours: number;
  nearestFuture: { symbol: string; expiry: number; price: number } | null;
  /** Published taker fees (decimals); null where the venue states none. */
  perpTakerFee: number | null;
  spotTakerFee: number | null;
  /** Settled funding, oldest first. */
  settlements: readonly FundingPoint[];
  /** A tracked asset's regime as the Markets page shows it; null for the others. */
  signalRegime: Regime | null;
}

export interface ScannerOptions {
  /** Market time. */
  now: number;
  /** Starts of the heat map's UTC days, oldest first. */
  days: readonly number[];
  /** Days a perpetual hedge's carry is counted over (the rebalance settings' own). */
  holdingDays: number;
  thresholds?: Thresholds;
  /** A fee assumed where the venue publishes none (binance's spot taker, 0.1%). */
  fallbackFee?: number;
}

const FALLBACK_FEE = 0.001;

/**
 * What the settlements in (from, to] paid, annualized over the hours they covered; null with none.
 * `points` must be sorted by time.
 */
export function windowAverage(
  points: readonly FundingPoint[],
  from: number,
  to: number,
): number | null {
  const inside = points.filter((p) => p.at > from && p.at <= to);
  return inside.length === 0 ? null : annualizeSettledFunding(inside);
}

/** Starts of the `count` UTC days ending with the one holding `now`, oldest first. */
export function heatmapDays(now: number, count: number): number[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => today - (count - 1 - i) * DAY_MS);
}

/** Each day's settlements annualized over the hours they covered (null for a day with none). */
export function dailyFunding(
  points: readonly FundingPoint[],
  days: readonly number[],
): (number | null)[] {
  return days.map((day) => windowAverage(points, day - 1, day + DAY_MS - 1));
}

/** The nearest future's annualized basis over the index (the mark where no index is quoted). */
export function nearestBasis(input: ScannerInput, now: number): ScannerRow['basis'] {
  const future = input.nearestFuture;
  if (!future || future.expiry <= now) return null;
  try {
    const annualized = annualizeBasis(input.index ?? input.mark, future.price, future.expiry - now);
    return { annualized, symbol: future.symbol, expiry: future.expiry };
  } catch {
    // A price the venue quoted as zero, or a basis hours from delivery too wide to annualize.
    return null;
  }
}

function instrument(
  symbol: string,
  market: 'perp' | 'future',
  price: number,
  takerFee: number,
  expiry: number | null,
  annualizedFunding: number | null,
): PlanInstrument {
  return {
    symbol,
    market,
    contractSize: 1,
    rules: { minAmount: null, minCost: null, amountStep: null, priceStep: null },
    takerFee,
    feeSource: 'venue-default',
    price,
    expiry,
    annualizedFunding,
    brackets: [],
  };
}

/**
 * The better of the two hedges of spot bought for it: the perpetual short held `holdingDays` and
 * earning the 7-day average funding (the rate now where nothing has settled yet), or the nearest
 * dated future held to expiry. Each is priced by the plan's carry of a pair, fees in and out on both
 * legs; null when neither can be priced.
 */
export function bestCarry(
  input: ScannerInput,
  avg7: number | null,
  options: ScannerOptions,
): ScannerCarry | null {
  const fallback = options.fallbackFee ?? FALLBACK_FEE;
  const spotFee = input.spotTakerFee ?? fallback;
  const contractFee = input.perpTakerFee ?? fallback;
  const spotPrice = input.index ?? input.mark;
  if (!(spotPrice > 0)) return null;
  const funding =
    avg7 ??
    (input.fundingRate !== null
      ? annualizeFunding(input.fundingRate, input.fundingIntervalHours)
      : null);
  const candidates: PlanInstrument[] = [];
  if (funding !== null) {
    candidates.push(instrument(input.symbol, 'perp', input.mark, contractFee, null, funding));
  }
  const future = input.nearestFuture;
  if (future && future.expiry > options.now && future.price > 0) {
    candidates.push(
      instrument(future.symbol, 'future', future.price, contractFee, future.expiry, null),
    );
  }
  let best: ScannerCarry | null = null;
  for (const candidate of candidates) {
    const figures = carryOf({
      instrument: candidate,
      spotPrice,
      shortPrice: candidate.price,
      quantity: 1,
      spotFee,
      now: options.now,
      holdingDays: options.holdingDays,
    });
    if (best !== null && figures.netAnnualized <= best.netAnnualized) continue;
    best = {
      kind: figures.kind,
      symbol: candidate.symbol,
      netAnnualized: figures.netAnnualized,
      breakevenDays: Number.isFinite(figures.breakevenDays) ? figures.breakevenDays : null,
      feeShare: figures.fees / spotPrice,
      days: figures.days,
    };
  }
  return best;
}

/** The scanner's row of one perpetual. */
export function scannerRow(input: ScannerInput, options: ScannerOptions): ScannerRow {
  const { now } = options;
  const [avg7, avg14, avg30] = SCANNER_WINDOWS_DAYS.map((days) =>
    windowAverage(input.settlements, now - days * DAY_MS, now),
  ) as [number | null, number | null, number | null];
  const settlements30 = input.settlements.filter((p) => p.at > now - 30 * DAY_MS && p.at <= now);
  const byFunding =
    avg7 !== null ? classifyRegime(avg7, null, options.thresholds ?? DEFAULT_THRESHOLDS) : null;
  return {
    asset: input.asset,
    symbol: input.symbol,
    tracked: input.tracked,
    fundingNow:
      input.fundingRate !== null
        ? annualizeFunding(input.fundingRate, input.fundingIntervalHours)
        : null,
    fundingIntervalHours: input.fundingIntervalHours,
    avg7,
    avg14,
    avg30,
    settlements30: settlements30.length,
    basis: nearestBasis(input, now),
    regime: input.signalRegime ?? byFunding,
    regimeFrom: input.signalRegime !== null ? 'signal' : byFunding !== null ? 'funding-7d' : null,
    carry: bestCarry(input, avg7, options),
    daily: dailyFunding(input.settlements, options.days),
  };
}
