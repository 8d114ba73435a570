// The rules that find what needs the user's attention now: from the market snapshot, the portfolio
// view and the settings, the causes standing at `now`, each under a key that stays the same for as
// long as the cause does (so the alert it raises is raised once, not on every cycle).
import type { AlertCause } from '../shared/alerts';
import type { MarketSnapshot } from '../shared/market';
import type { FuturesPosition, PortfolioView } from '../shared/portfolio';
import type { Settings } from '../shared/settings';
import type { Regime } from '../shared/strategy';
import { REGIME_LABELS } from '../shared/strategy';
import { DAY_MS } from '../shared/time';
import { formatDuration, formatPercent, formatPrice } from './format';

/** The regime last seen for each asset, and the one it changed from when the change still stands. */
export type RegimeMemory = Record<string, { regime: Regime; changedFrom: Regime | null }>;

export interface AlertRulesInput {
  now: number;
  snapshot: MarketSnapshot | null;
  portfolio: PortfolioView | null;
  settings: Pick<Settings, 'alerts' | 'assets'>;
  regimes: RegimeMemory;
}

export interface AlertRulesResult {
  causes: AlertCause[];
  /** The memory to pass on the next cycle. */
  regimes: RegimeMemory;
}

/** The causes standing now and the regimes as last seen after this cycle. */
export function alertCauses(input: AlertRulesInput): AlertRulesResult {
  const regimes = nextRegimes(input);
  const causes = [
    ...regimeChanges(regimes),
    ...driftCauses(input.portfolio),
    ...positionCauses(input),
    ...staleCauses(input),
  ];
  return { causes, regimes };
}

/**
 * A change is remembered until the asset changes regime again or is no longer tracked; the first
 * regime seen for an asset is no change. An asset without a regime this cycle keeps its memory.
 */
function nextRegimes(input: AlertRulesInput): RegimeMemory {
  if (input.snapshot === null) return input.regimes;
  const tracked = new Set(input.settings.assets.tracked);
  const next: RegimeMemory = {};
  for (const [asset, seen] of Object.entries(input.regimes)) {
    if (tracked.has(asset)) next[asset] = seen;
  }
  for (const a of input.snapshot.assets) {
    if (!tracked.has(a.asset) || a.regime === null) continue;
    const seen = next[a.asset];
    if (seen === undefined) next[a.asset] = { regime: a.regime, changedFrom: null };
    else if (seen.regime !== a.regime)
      next[a.asset] = { regime: a.regime, changedFrom: seen.regime };
  }
  return next;
}

function regimeChanges(regimes: RegimeMemory): AlertCause[] {
  return Object.entries(regimes).flatMap(([asset, { regime, changedFrom }]): AlertCause[] => {
    if (changedFrom === null) return [];
    const from = REGIME_LABELS[changedFrom];
    const to = REGIME_LABELS[regime];
    return [
      {
        kind: 'regime-change',
        cause: `regime-change:${asset}:${changedFrom}>${regime}`,
        level: 'info',
        asset,
        accountId: null,
        title: `${asset} moved to ${to}`,
        message:
          `${asset}'s futures premium moved it from ${from} to ${to}; ` +
          'its targets follow the new regime.',
      },
    ];
  });
}

const BUCKET_NAMES = { spot: 'unhedged spot', hedged: 'hedged spot', stable: 'stablecoins' };

function driftCauses(portfolio: PortfolioView | null): AlertCause[] {
  const buckets = portfolio?.buckets;
  if (!buckets?.rebalanceDue || buckets.drift === null) return [];
  // The bucket furthest from its target, portfolio-wide or within one asset, is the one named.
  let worst = { where: 'the portfolio', bucket: 'spot', drift: 0 };
  for (const [bucket, drift] of Object.entries(buckets.drift)) {
    if (Math.abs(drift) > Math.abs(worst.drift)) worst = { where: 'the portfolio', bucket, drift };
  }
  for (const a of buckets.assets) {
    for (const [bucket, drift] of Object.entries(a.drift ?? {})) {
      if (Math.abs(drift) > Math.abs(worst.drift)) worst = { where: a.asset, bucket, drift };
    }
  }
  const name = BUCKET_NAMES[worst.bucket as keyof typeof BUCKET_NAMES];
  return [
    {
      kind: 'drift',
      cause: 'drift:portfolio',
      level: 'warning',
      asset: null,
      accountId: null,
      title: 'Rebalance due',
      message:
        `The portfolio is beyond its drift band of ${formatPercent(buckets.driftBand)}: ` +
        `the largest gap is ${name} of ${worst.where}, ${formatPercent(worst.drift)} from its target.`,
    },
  ];
}

function positionCauses(input: AlertRulesInput): AlertCause[] {
  const holdings = input.portfolio?.holdings ?? [];
  return holdings.flatMap((h) =>
    h.futures.positions.flatMap((p) => [
      ...fundingAgainst(input, h.accountId, p),
      ...liquidationNear(input, h.accountId, p),
      ...expiryNear(input, h.accountId, p),
    ]),
  );
}

function fundingAgainst(
  input: AlertRulesInput,
  accountId: string,
  p: FuturesPosition,
): AlertCause[] {
  if (p.kind !== 'perp' || p.side !== 'short') return [];
  const perp = input.snapshot?.assets.find((a) => a.asset === p.asset)?.perp;
  // Only the perpetual the snapshot quotes is judged: another one's funding is not known here.
  if (!perp || perp.symbol !== p.symbol || !(perp.fundingRate < 0)) return [];
  return [
    {
      kind: 'funding-against',
      cause: `funding-against:${accountId}:${p.symbol}`,
      level: 'warning',
      asset: p.asset,
      accountId,
      title: `${p.asset} short pays funding`,
      message:
        `Funding on ${p.symbol} is ${formatPercent(perp.fundingRate, 4)} per ` +
        `${perp.fundingIntervalHours} h (${formatPercent(perp.annualized)} a year): ` +
        'the short pays it, so the hedge costs instead of earning.',
    },
  ];
}

function liquidationNear(
  input: AlertRulesInput,
  accountId: string,
  p: FuturesPosition,
): AlertCause[] {
  const liq = p.liquidationPrice;
  if (p.side !== 'short' || liq === null || !(liq > 0) || !(p.markPrice > 0)) return [];
  const distance = (liq - p.markPrice) / p.markPrice;
  const limit = input.settings.alerts.liquidationDistance;
  if (!(distance < limit)) return [];
  return [
    {
      kind: 'liquidation-near',
      cause: `liquidation-near:${accountId}:${p.symbol}`,
      level: 'critical',
      asset: p.asset,
      accountId,
      title: `${p.asset} short near liquidation`,
      message:
        `${p.symbol} is marked at ${formatPrice(p.markPrice)}, ${formatPercent(distance)} below ` +
        `its liquidation price of ${formatPrice(liq)} (the alert limit is ${formatPercent(limit)}).`,
    },
  ];
}

function expiryNear(input: AlertRulesInput, accountId: string, p: FuturesPosition): AlertCause[] {
  if (p.kind !== 'future' || p.expiry === null) return [];
  const left = p.expiry - input.now;
  if (left > input.settings.alerts.expiryDays * DAY_MS) return [];
  return [
    {
      kind: 'expiry-near',
      cause: `expiry-near:${accountId}:${p.symbol}`,
      level: 'warning',
      asset: p.asset,
      accountId,
      title: `${p.asset} contract expires soon`,
      message:
        left > 0
          ? `${p.symbol} (${p.side}) delivers in ${formatDuration(left)}: roll or close it.`
          : `${p.symbol} (${p.side}) has reached its delivery time and is still held.`,
    },
  ];
}

function staleCauses(input: AlertRulesInput): AlertCause[] {
  const causes: AlertCause[] = [];
  const tracked = new Set(input.settings.assets.tracked);
  const stale = (input.snapshot?.assets ?? [])
    .filter((a) => a.stale && tracked.has(a.asset))
    .map((a) => a.asset);
  if (stale.length > 0) {
    causes.push({
      kind: 'data-stale',
      cause: 'data-stale:quotes',
      level: 'warning',
      asset: null,
      accountId: null,
      title: 'Prices are not current',
      message:
        `The latest quotes of ${stale.join(', ')} are not current` +
        `${input.snapshot?.offline === true ? ' (Premia is offline)' : ''}; ` +
        'regimes and values use the last ones received.',
    });
  }
  const portfolio = input.portfolio;
  if (portfolio === null) return causes;
  const perAccount = portfolio.buckets.warnings.filter((w) => w.kind === 'stale-holdings');
  for (const w of perAccount) {
    const accountId = w.accountId ?? null;
    causes.push({
      kind: 'data-stale',
      cause: `data-stale:holdings:${accountId ?? 'all'}`,
      level: 'warning',
      asset: null,
      accountId,
      title: 'Holdings are not current',
      message: w.message,
    });
  }
  if (perAccount.length === 0 && portfolio.holdingsFreshness.stale) {
    causes.push({
      kind: 'data-stale',
      cause: 'data-stale:holdings:all',
      level: 'warning',
      asset: null,
      accountId: null,
      title: 'Holdings are not current',
      message: 'The holdings shown are not current: the last sync is too old.',
    });
  }
  return causes;
}
