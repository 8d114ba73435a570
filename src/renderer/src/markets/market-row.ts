// One asset of a snapshot as the Markets table shows it: the snapshot's own numbers, formatted for
// people, and for every missing number the reason a screen reader announces instead of a dash.
import { formatPercent, formatPrice, MISSING } from '../../../core/format';
import type { AssetSnapshot, FutureQuote, MarketSnapshot } from '../../../shared/market';
import type { Settings } from '../../../shared/settings';
import type {
  BasisMethod,
  Regime,
  ResolvedSignalSource,
  Thresholds,
} from '../../../shared/strategy';
import { formatDate, formatDays, formatInterval } from './time-text';

/** A figure as shown: its text, and when it is the missing mark, what is missing. */
export interface Shown {
  text: string;
  /** Set only for a missing value: read out in place of the dash. */
  missing: string | null;
}

export interface FundingView {
  /** '0.0100% / 8 h', or '0.0100% / 8 h*' with the table's footnote saying what the mark means. */
  perInterval: Shown;
  /** `perInterval` in parts, so a narrow cell can wrap before the note: '0.0100%', '8 h'. */
  rate: string;
  interval: string;
  /** The footnote mark when the venue publishes no interval, else null. */
  intervalNote: string | null;
  /** '10.95% a year'. */
  annualized: Shown;
  /** True when the venue publishes no interval and the 8 h default is assumed. */
  venueDefault: boolean;
  nextFundingAt: number | null;
}

export interface NearestFutureView {
  symbol: string;
  basis: Shown;
  /** '87 days to expiry'. */
  expiry: string;
  expiryDate: string;
  /** False when every listed contract is too near expiry to feed the signal. */
  inSignal: boolean;
}

export interface MarketRow {
  asset: string;
  /** False while the tracked asset has had no data yet (not in the snapshot, or never received). */
  listed: boolean;
  spot: Shown;
  mark: Shown;
  funding: FundingView | null;
  nearestFuture: NearestFutureView | null;
  premium: Shown;
  /** Where the signal premium comes from, in a few words. */
  source: string | null;
  /** How a dated future's basis was annualized; null for funding-based premiums. */
  method: string | null;
  regime: Regime | null;
  /** 'held: exit below 5.00%' while hysteresis keeps the asset in extreme contango. */
  held: string | null;
  /**
   * Wall time of the data shown: the asset's receipt time; the snapshot's for a snapshot saved
   * before receipt times were kept; null when none was ever received.
   */
  receivedAt: number | null;
  stale: boolean;
  /** Why the asset's data is missing or partial, as the host words it; null when nothing is wrong. */
  problem: string | null;
}

/** Settings that add detail to the source's label (window lengths). */
export interface SourceDetail {
  averagingWindowDays?: number;
  constantMaturityDays?: number;
}

function shown(text: string): Shown {
  return { text, missing: null };
}

function missing(reason: string): Shown {
  return { text: MISSING, missing: reason };
}

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A short name for where a signal premium comes from. */
export function sourceLabel(source: ResolvedSignalSource, detail: SourceDetail = {}): string {
  switch (source) {
    case 'nearest-future':
      return 'Nearest future';
    case 'constant-maturity':
      return detail.constantMaturityDays === undefined
        ? 'Constant maturity'
        : `${detail.constantMaturityDays}-day constant maturity`;
    case 'funding-average':
      return detail.averagingWindowDays === undefined
        ? 'Averaged funding'
        : `${detail.averagingWindowDays}-day average funding`;
    case 'funding-current':
      return 'Current funding';
  }
}

export const BASIS_METHOD_LABELS: Record<BasisMethod, string> = {
  simple: 'simple basis',
  compound: 'compounded basis',
};

function usesBasis(source: ResolvedSignalSource): boolean {
  return source === 'nearest-future' || source === 'constant-maturity';
}

/** The dated future the row shows: the first that may feed the signal, else the nearest of all. */
export function shownFuture(futures: readonly FutureQuote[]): FutureQuote | null {
  const usable = futures.filter((f) => finite(f.daysToExpiry) && finite(f.annualized));
  const byExpiry = [...usable].sort((a, b) => a.daysToExpiry - b.daysToExpiry);
  return byExpiry.find((f) => f.inSignal) ?? byExpiry[0] ?? null;
}

export const VENUE_DEFAULT_MARK = '*';

/** The table's one footnote about assumed funding intervals, or null when every venue states its own. */
export function intervalFootnote(rows: readonly MarketRow[]): string | null {
  const assumed = rows.filter((r) => r.funding?.venueDefault).map((r) => r.asset);
  if (assumed.length === 0) return null;
  return `${VENUE_DEFAULT_MARK} The venue publishes no funding interval for ${assumed.join(', ')}: its default is assumed.`;
}

function fundingView(asset: AssetSnapshot): FundingView | null {
  const perp = asset.perp;
  if (!perp) return null;
  const interval = formatInterval(perp.fundingIntervalHours);
  // Said once under the table rather than in every cell, where it would force the column to wrap.
  const intervalNote = perp.intervalFromVenue ? null : VENUE_DEFAULT_MARK;
  const rate = finite(perp.fundingRate) ? formatPercent(perp.fundingRate, 4) : MISSING;
  return {
    perInterval: finite(perp.fundingRate)
      ? shown(`${rate} / ${interval}${intervalNote ?? ''}`)
      : missing(`No funding rate from ${perp.symbol}`),
    rate,
    interval,
    intervalNote,
    annualized: finite(perp.annualized)
      ? shown(`${formatPercent(perp.annualized)} a year`)
      : missing('No annualized funding'),
    venueDefault: !perp.intervalFromVenue,
    nextFundingAt: finite(perp.nextFundingAt) ? perp.nextFundingAt : null,
  };
}

function futureView(asset: AssetSnapshot): NearestFutureView | null {
  const future = shownFuture(asset.futures);
  if (!future) return null;
  return {
    symbol: future.symbol,
    basis: shown(`${formatPercent(future.annualized)} a year`),
    expiry: `${formatDays(future.daysToExpiry)} to expiry`,
    expiryDate: formatDate(future.expiry),
    inSignal: future.inSignal,
  };
}

/**
 * The row of `asset` (null: tracked but not in the snapshot yet). `exitLevel` is the extreme-contango
 * exit threshold in force, used when the snapshot does not carry the asset's own thresholds.
 */
export function marketRow(
  name: string,
  asset: AssetSnapshot | null,
  snapshotAt: number | null,
  exitLevel: number | null,
  detail: SourceDetail = {},
): MarketRow {
  if (!asset) {
    const waiting = missing(`No data for ${name} yet`);
    return {
      asset: name,
      listed: false,
      spot: waiting,
      mark: waiting,
      funding: null,
      nearestFuture: null,
      premium: waiting,
      source: null,
      method: null,
      regime: null,
      held: null,
      receivedAt: null,
      stale: false,
      problem: null,
    };
  }
  const exit = asset.thresholds?.extremeExit ?? exitLevel;
  const source = asset.premium !== null ? asset.premiumSource : null;
  // Null: nothing was ever received, so nothing is "just now" or grew stale; absent: an older
  // snapshot that kept no receipt times, whose own time stands for them.
  const receivedAt = asset.receivedAt === undefined ? snapshotAt : asset.receivedAt;
  return {
    asset: asset.asset,
    listed: receivedAt !== null,
    spot: finite(asset.spot) ? shown(formatPrice(asset.spot)) : missing('No spot price'),
    mark: !asset.perp
      ? missing('No perpetual listed')
      : finite(asset.perp.mark)
        ? shown(formatPrice(asset.perp.mark))
        : missing('No mark price'),
    funding: fundingView(asset),
    nearestFuture: futureView(asset),
    premium: finite(asset.premium)
      ? shown(`${formatPercent(asset.premium)} a year`)
      : missing('No signal premium: no usable quote'),
    source: source ? sourceLabel(source, detail) : null,
    method: source && usesBasis(source) ? BASIS_METHOD_LABELS[asset.basisMethod] : null,
    regime: asset.regime,
    held:
      asset.heldByHysteresis && asset.regime === 'extreme-contango'
        ? exit === null
          ? 'held until the premium collapses'
          : `held: exit below ${formatPercent(exit)}`
        : null,
    receivedAt,
    stale: receivedAt !== null && asset.stale,
    problem: asset.problem ?? null,
  };
}

/**
 * The rows in the order the user tracks the assets, each with its snapshot entry when there is one;
 * before the settings are known, the snapshot's own order.
 */
export function rowAssets(
  tracked: readonly string[] | null,
  assets: readonly AssetSnapshot[],
): { name: string; asset: AssetSnapshot | null }[] {
  const byName = new Map(assets.map((a) => [a.asset, a]));
  if (tracked === null) return assets.map((a) => ({ name: a.asset, asset: a }));
  return tracked.map((name) => ({ name, asset: byName.get(name) ?? null }));
}

/**
 * The thresholds that set an asset's regime: the asset's own when the snapshot carries them, else
 * the fixed ones when they apply to every asset; null when history mode is on and they are unknown.
 */
export function thresholdsInForce(
  asset: AssetSnapshot | null,
  settings: Pick<Settings, 'thresholds'> | null,
): Thresholds | null {
  if (asset?.thresholds) return asset.thresholds;
  if (settings?.thresholds.mode === 'fixed') return settings.thresholds.fixed;
  return null;
}

/** Of the snapshot held and one that arrives, the later: a slow first fetch must not undo an event. */
export function laterSnapshot(
  held: MarketSnapshot | null,
  incoming: MarketSnapshot | null,
): MarketSnapshot | null {
  if (incoming === null) return held;
  if (held === null) return incoming;
  return incoming.at >= held.at ? incoming : held;
}
