// The carry scanner's contract: every asset the market's venue lists with a perpetual, its funding now
// and averaged over 7, 14 and 30 days, its nearest dated basis, regime and best carry net of fees, and
// its funding day by day for the heat map. Rates are annualized decimals.
import type { Regime } from './strategy';

/** The averaging windows the scanner shows, in days. */
export const SCANNER_WINDOWS_DAYS = [7, 14, 30] as const;
/** Days the heat map spans, newest last. */
export const SCANNER_HEATMAP_DAYS = 14;

export interface ScannerCarry {
  /** The hedge that earns most: short the perpetual over the holding days, or the dated future to expiry. */
  kind: 'perp' | 'dated';
  symbol: string;
  /** Net of entry and exit fees on both legs, a year's worth (decimal). */
  netAnnualized: number;
  /** Days until the earnings have paid the fees; null when it never does. */
  breakevenDays: number | null;
  /** The fees of both legs, in and out, as a share of the notional. */
  feeShare: number;
  /** Days the carry is counted over: the holding days, or the days to expiry. */
  days: number;
}

export interface ScannerRow {
  asset: string;
  /** The perpetual's unified symbol. */
  symbol: string;
  tracked: boolean;
  /** The rate quoted for the coming settlement, annualized; null when the venue gave none. */
  fundingNow: number | null;
  fundingIntervalHours: number;
  /** Annualized funding the settlements of the last 7, 14 and 30 days paid; null with none held. */
  avg7: number | null;
  avg14: number | null;
  avg30: number | null;
  /** Settlements held of the last 30 days: how much the averages rest on. */
  settlements30: number;
  /** The nearest dated future's annualized basis over the index; null when none trades. */
  basis: { annualized: number; symbol: string; expiry: number } | null;
  /** The regime the thresholds give; a tracked asset's is the Markets page's own. */
  regime: Regime | null;
  /** Where the regime comes from: the tracked asset's signal premium, or the 7-day average funding. */
  regimeFrom: 'signal' | 'funding-7d' | null;
  /** The best carry net of fees; null when no hedge can be priced. */
  carry: ScannerCarry | null;
  /** Annualized funding per UTC day of the heat map's days (null: no settlement that day). */
  daily: (number | null)[];
}

export interface CarryScannerView {
  /** `demo` or the venue's id. */
  source: string;
  /** Market time of the quotes shown; null before the first cycle. */
  at: number | null;
  /** Starts of the heat map's UTC days, oldest first. */
  days: number[];
  rows: ScannerRow[];
  /** What the carry figures assume. */
  carryBasis: { holdingDays: number; feesFrom: 'venue-published' };
  /** How the history behind the averages stands: its fill from the venue, in words when it failed. */
  history: { state: 'waiting' | 'filling' | 'filled' | 'failed'; message: string | null };
}
