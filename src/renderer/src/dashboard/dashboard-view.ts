// The numbers behind the Dashboard, worded for people: the value and its change over the shown range,
// each bucket now against its target and drift band, each asset's shares and what its regime asks
// for, how fresh prices and holdings are, and the portfolio's warnings as alerts.
import { formatPercent } from '../../../core/format';
import type {
  AssetBuckets,
  Freshness,
  PortfolioBuckets,
  PortfolioHistoryQuery,
  PortfolioWarning,
  PortfolioWarningKind,
} from '../../../shared/portfolio';
import type { Bucket, ExtremeAction, Regime } from '../../../shared/strategy';
import { BUCKET_LABELS, BUCKETS } from '../../../shared/strategy';
import { DAY_MS } from '../../../shared/time';
import { formatWeight } from '../calculator/bucket-chart';
import { formatAge } from '../markets/time-text';
import { formatUsdtChange } from '../portfolio/value-text';

export const HISTORY_RANGES = [
  { id: '1w', label: '1 W', name: 'one week', ms: 7 * DAY_MS },
  { id: '1m', label: '1 M', name: 'one month', ms: 30 * DAY_MS },
  { id: '3m', label: '3 M', name: 'three months', ms: 91 * DAY_MS },
  { id: '1y', label: '1 Y', name: 'one year', ms: 365 * DAY_MS },
  { id: 'all', label: 'All', name: 'all time', ms: null },
] as const;
export type HistoryRangeId = (typeof HISTORY_RANGES)[number]['id'];

/** The history query for a range ending now; 'All' asks for everything kept. */
export function historyQuery(range: HistoryRangeId, now: number): PortfolioHistoryQuery {
  const ms = HISTORY_RANGES.find((r) => r.id === range)?.ms ?? null;
  return ms === null ? {} : { from: now - ms, to: now };
}

export interface ValueChange {
  absolute: number;
  /** Relative to the first value; null when that was not above 0. */
  relative: number | null;
  text: string;
}

/** The change from the first to the last point of the range; null with fewer than two points. */
export function valueChange(points: readonly (readonly [number, number])[]): ValueChange | null {
  const finite = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  const first = finite[0];
  const last = finite[finite.length - 1];
  if (!first || !last || finite.length < 2) return null;
  const absolute = last[1] - first[1];
  const relative = first[1] > 0 ? absolute / first[1] : null;
  const percent = relative === null ? '' : ` (${signedPercent(relative)})`;
  return { absolute, relative, text: `${formatUsdtChange(absolute)}${percent}` };
}

function signedPercent(decimal: number): string {
  const text = formatPercent(decimal, 2);
  return decimal > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/**
 * What the regime asks the asset's slice to do, in a few words. Neutral holds the baseline, named by
 * its spot-to-stablecoin split of the slice ('hold 70/30').
 */
export function regimeAsk(
  regime: Regime,
  slice: { spot: number; hedged: number; stable: number },
  extremeAction: ExtremeAction,
): string {
  switch (regime) {
    case 'deep-backwardation':
      return 'accumulate spot';
    case 'neutral': {
      const sum = slice.spot + slice.hedged + slice.stable;
      if (!(sum > 0)) return 'hold the baseline';
      const spot = Math.round(((slice.spot + slice.hedged) / sum) * 100);
      return `hold ${spot}/${100 - spot}`;
    }
    case 'moderate-contango':
      return 'open a basis trade';
    case 'extreme-contango':
      return extremeAction === 'hedge' ? 'hedge spot' : 'sell into stablecoins';
  }
}

export interface BucketBar {
  bucket: Bucket;
  label: string;
  /** Shares of the portfolio value, 0 to 1; current is null when the value is not above 0. */
  current: number | null;
  target: number;
  /** The band around the target within which no rebalance is due. */
  low: number;
  high: number;
  /** True when the current share is outside the band. */
  beyondBand: boolean;
  /** The bar in words, for screen readers and the legend. */
  text: string;
}

function bar(
  bucket: Bucket,
  label: string,
  current: number | null,
  target: number,
  band: number,
): BucketBar {
  const low = Math.max(0, target - band);
  const high = Math.min(1, target + band);
  const beyondBand = current !== null && Math.abs(current - target) > band + 1e-12;
  const now = current === null ? 'no share' : `${formatWeight(current)} now`;
  const text = `${label}: ${now}, target ${formatWeight(target)} (band ${formatWeight(low)} to ${formatWeight(high)})${beyondBand ? ', beyond the band' : ''}`;
  return { bucket, label, current, target, low, high, beyondBand, text };
}

/** One bar per bucket of the whole portfolio. */
export function bucketBars(buckets: PortfolioBuckets): BucketBar[] {
  return BUCKETS.map((b) =>
    bar(b, BUCKET_LABELS[b], buckets.current?.[b] ?? null, buckets.target[b], buckets.driftBand),
  );
}

export interface AssetRow {
  asset: string;
  regime: Regime | null;
  /** What the regime asks for; null without a regime. */
  ask: string | null;
  spot: BucketBar;
  hedged: BucketBar;
  /** The asset is net short: more sold in futures than held. */
  nakedShort: boolean;
}

/** Each tracked asset's spot and hedged shares of the portfolio against its targets. */
export function assetRows(buckets: PortfolioBuckets, extremeAction: ExtremeAction): AssetRow[] {
  return buckets.assets.map((a: AssetBuckets) => {
    const slice = sliceWeights(a);
    return {
      asset: a.asset,
      regime: a.regime,
      ask: a.regime === null ? null : regimeAsk(a.regime, slice, extremeAction),
      spot: bar(
        'spot',
        `${a.asset} spot`,
        a.current?.spot ?? null,
        a.target.spot,
        buckets.driftBand,
      ),
      hedged: bar(
        'hedged',
        `${a.asset} hedged`,
        a.current?.hedged ?? null,
        a.target.hedged,
        buckets.driftBand,
      ),
      nakedShort: a.net < 0,
    };
  });
}

/** The slice's own weights: the asset's target is its mix times them. */
function sliceWeights(a: AssetBuckets): { spot: number; hedged: number; stable: number } {
  if (!(a.mix > 0)) return a.target;
  return {
    spot: a.target.spot / a.mix,
    hedged: a.target.hedged / a.mix,
    stable: a.target.stable / a.mix,
  };
}

export interface FreshnessText {
  /** 'updated 3 min ago', or 'never' before the first. */
  text: string;
  /** Why the figures are not current; null while they are. */
  notCurrent: string | null;
}

/** How old prices or holdings are, and whether to mark them. */
export function freshnessText(what: string, freshness: Freshness, now: number): FreshnessText {
  if (freshness.at === null) {
    return { text: 'never', notCurrent: `No ${what} have been received yet.` };
  }
  const age = formatAge(now - freshness.at);
  return {
    text: `updated ${age}`,
    notCurrent: freshness.stale ? `The ${what} were last updated ${age}.` : null,
  };
}

const WARNING_TITLES: Record<PortfolioWarningKind, string> = {
  'naked-short': 'Naked short',
  depeg: 'Stablecoin off its peg',
  'no-price': 'No price',
  'no-value': 'No portfolio value',
  'stale-prices': 'Prices not current',
  'stale-holdings': 'Holdings not current',
  'vault-locked': 'Vault locked',
  'sync-failed': 'Sync failed',
};

const SERIOUS: readonly PortfolioWarningKind[] = [
  'naked-short',
  'depeg',
  'sync-failed',
  'no-value',
];

export interface WarningItem {
  key: string;
  title: string;
  message: string;
  /** Serious warnings (money at risk, or nothing to show) come first, in red. */
  serious: boolean;
}

/** The warnings as an alert list, the serious ones first, otherwise in the host's order. */
export function warningItems(warnings: readonly PortfolioWarning[]): WarningItem[] {
  const items = warnings.map((w, i) => ({
    key: `${w.kind}:${w.asset ?? ''}:${w.accountId ?? ''}:${i}`,
    title: w.asset ? `${WARNING_TITLES[w.kind]}: ${w.asset}` : WARNING_TITLES[w.kind],
    message: w.message,
    serious: SERIOUS.includes(w.kind),
    order: i,
  }));
  items.sort((a, b) => Number(b.serious) - Number(a.serious) || a.order - b.order);
  return items.map(({ order: _order, ...item }) => item);
}

/** Why no weights are shown when the portfolio's value is not above 0. */
export function noWeightsReason(buckets: PortfolioBuckets): string | null {
  if (buckets.current !== null && buckets.value > 0) return null;
  const told = buckets.warnings.find((w) => w.kind === 'no-value');
  if (told) return told.message;
  return buckets.value === 0
    ? 'The portfolio holds nothing of value yet, so it has no weights.'
    : 'The portfolio’s value is below zero (futures losses exceed what is held), so it has no weights.';
}
