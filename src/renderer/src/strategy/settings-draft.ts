// The Strategy form's state: every setting as the user types it (percents as percents, intervals in
// seconds), turned back into a validated `Settings` by the same zod schema the host applies.
import {
  SETTINGS_VERSION,
  settingsSchema,
  type ExchangeId,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import type {
  BasisMethod,
  Bucket,
  ExtremeAction,
  HistoryK,
  SignalSource,
  Thresholds,
  Weights,
} from '../../../shared/strategy';
import { issueText } from '../../../shared/issue-text';
import { thresholdsSchema, weightsSchema } from '../../../shared/strategy';
import {
  decimalToPercentText,
  numberToText,
  parseNumberText,
  readNumberText,
} from '../ui/number-text';

export type WeightsDraft = Record<Bucket, string>;
export type ThresholdKey = keyof Thresholds;
export type HistoryKKey = keyof HistoryK;

/** The weight sets of the policy as the form lays them out: extreme contango has one per action. */
export const WEIGHT_SETS = [
  'deep-backwardation',
  'neutral',
  'moderate-contango',
  'extreme-contango.hedge',
  'extreme-contango.sell',
] as const;
export type WeightSetId = (typeof WEIGHT_SETS)[number];

export interface SettingsDraft {
  thresholds: {
    mode: Settings['thresholds']['mode'];
    /** Percent a year. */
    fixed: Record<ThresholdKey, string>;
    historyK: Record<HistoryKKey, string>;
  };
  signal: {
    source: SignalSource;
    averagingWindowDays: string;
    minDaysToExpiry: string;
    constantMaturityDays: string;
    basisMethod: BasisMethod;
  };
  policy: {
    /** Percent of the asset's slice, keyed by weight set. */
    weights: Record<WeightSetId, WeightsDraft>;
    extremeAction: ExtremeAction;
  };
  assets: {
    tracked: string[];
    mixMode: 'equal' | 'custom';
    /** Percent of the portfolio per tracked asset; used in `custom` mode. */
    mix: Record<string, string>;
  };
  rebalance: {
    driftBand: string;
    slippageLimit: string;
    leverageCap: string;
    holdingDays: string;
    planTtlSeconds: string;
    convertStablecoins: boolean;
  };
  market: {
    source: Settings['market']['source'];
    exchange: ExchangeId;
    refreshIntervalSeconds: string;
  };
  portfolio: {
    holdingsIntervalSeconds: string;
    /** Extra stablecoins as typed: tickers separated by commas or spaces. */
    extraStablecoins: string;
  };
  vault: { autoLockMinutes: string };
  alerts: { liquidationDistance: string; expiryDays: string; notifications: boolean };
  execution: { secondLegTimeoutSeconds: string; secondLegAttempts: string };
  desktop: Settings['desktop'];
}

/** Problems keyed by the dotted settings path they concern (e.g. `policy.neutral`, `rebalance.driftBand`). */
export type FieldErrors = Record<string, string>;

export type DraftResult = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

const THRESHOLD_KEYS: ThresholdKey[] = ['deepBelow', 'moderateFrom', 'extremeAbove', 'extremeExit'];
const HISTORY_K_KEYS: HistoryKKey[] = ['deep', 'moderate', 'extreme'];
const BUCKET_KEYS: Bucket[] = ['spot', 'hedged', 'stable'];

/** The settings path of a weight set: `policy.neutral`, `policy.extreme-contango.hedge`. */
export function weightSetPath(set: WeightSetId): string {
  return `policy.${set}`;
}

function weightsOfSet(policy: Settings['policy'], set: WeightSetId): Weights {
  switch (set) {
    case 'extreme-contango.hedge':
      return policy['extreme-contango'].hedge;
    case 'extreme-contango.sell':
      return policy['extreme-contango'].sell;
    default:
      return policy[set];
  }
}

function mapRecord<K extends string, B>(keys: readonly K[], f: (key: K) => B): Record<K, B> {
  return Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, B>;
}

function weightsToDraft(w: Weights): WeightsDraft {
  return mapRecord(BUCKET_KEYS, (b) => decimalToPercentText(w[b]));
}

export function draftFromSettings(settings: Settings): SettingsDraft {
  const {
    thresholds,
    signal,
    policy,
    assets,
    rebalance,
    market,
    portfolio,
    vault,
    alerts,
    execution,
    desktop,
  } = settings;
  const custom = Object.keys(assets.mix).length > 0;
  return {
    thresholds: {
      mode: thresholds.mode,
      fixed: mapRecord(THRESHOLD_KEYS, (k) => decimalToPercentText(thresholds.fixed[k])),
      historyK: mapRecord(HISTORY_K_KEYS, (k) => numberToText(thresholds.historyK[k])),
    },
    signal: {
      source: signal.source,
      averagingWindowDays: numberToText(signal.averagingWindowDays),
      minDaysToExpiry: numberToText(signal.minDaysToExpiry),
      constantMaturityDays: numberToText(signal.constantMaturityDays),
      basisMethod: signal.basisMethod,
    },
    policy: {
      weights: mapRecord(WEIGHT_SETS, (set) => weightsToDraft(weightsOfSet(policy, set))),
      extremeAction: policy.extremeAction,
    },
    assets: {
      tracked: [...assets.tracked],
      mixMode: custom ? 'custom' : 'equal',
      mix: custom ? mixDraftFor(assets.tracked, assets.mix) : {},
    },
    rebalance: {
      driftBand: decimalToPercentText(rebalance.driftBand),
      slippageLimit: decimalToPercentText(rebalance.slippageLimit),
      leverageCap: numberToText(rebalance.leverageCap),
      holdingDays: numberToText(rebalance.holdingDays),
      planTtlSeconds: numberToText(rebalance.planTtlSeconds),
      convertStablecoins: rebalance.convertStablecoins,
    },
    market: {
      source: market.source,
      exchange: market.exchange,
      refreshIntervalSeconds: numberToText(market.refreshIntervalMs / 1000),
    },
    portfolio: {
      holdingsIntervalSeconds: numberToText(portfolio.holdingsIntervalMs / 1000),
      extraStablecoins: portfolio.extraStablecoins.join(', '),
    },
    vault: { autoLockMinutes: numberToText(vault.autoLockMinutes) },
    alerts: {
      liquidationDistance: decimalToPercentText(alerts.liquidationDistance),
      expiryDays: numberToText(alerts.expiryDays),
      notifications: alerts.notifications,
    },
    execution: {
      secondLegTimeoutSeconds: numberToText(execution.secondLegTimeoutSeconds),
      secondLegAttempts: numberToText(execution.secondLegAttempts),
    },
    desktop: { ...desktop },
  };
}

/** Tickers typed as a list: separated by commas or white space, empty entries dropped. */
export function tickerList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t !== '');
}

function mixDraftFor(tracked: string[], mix: Record<string, number>): Record<string, string> {
  return Object.fromEntries(tracked.map((a) => [a, decimalToPercentText(mix[a] ?? 0)]));
}

/**
 * Equal shares in percent with two decimals that still sum to exactly 100 (the last asset takes the
 * rounding remainder), as a starting point when the user switches to a custom mix.
 */
export function equalMixDraft(tracked: string[]): Record<string, string> {
  if (tracked.length === 0) return {};
  const share = Math.floor(10_000 / tracked.length) / 100;
  const last = Math.round((100 - share * (tracked.length - 1)) * 100) / 100;
  return Object.fromEntries(
    tracked.map((a, i) => [a, numberToText(i === tracked.length - 1 ? last : share)]),
  );
}

/** The tracked list changed: keep the shares of assets still tracked, start new ones at 0. */
export function mixDraftAfterTrackedChange(
  tracked: string[],
  previous: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(tracked.map((a) => [a, previous[a] ?? '0']));
}

/** One field of a rebased draft: the user's value where they changed it, else the newly saved one. */
function rebaseField<T>(base: T, mine: T, theirs: T): T {
  return mine === base ? theirs : mine;
}

function rebaseFields<T extends Record<string, string | boolean>>(base: T, mine: T, theirs: T): T {
  const out = { ...theirs };
  for (const key of Object.keys(out) as (keyof T)[]) {
    out[key] = rebaseField(base[key], mine[key], theirs[key]);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The user's additions to and removals from the tracked list, applied to the newly saved list (in its
 * order, additions last), so an asset tracked or dropped elsewhere stays so.
 */
function rebaseTracked(base: string[], mine: string[], theirs: string[]): string[] {
  if (sameList(mine, base)) return [...theirs];
  if (sameList(theirs, base)) return [...mine];
  const removed = new Set(base.filter((a) => !mine.includes(a)));
  const kept = theirs.filter((a) => !removed.has(a));
  return [...kept, ...mine.filter((a) => !base.includes(a) && !kept.includes(a))];
}

function rebaseAssets(
  base: SettingsDraft['assets'],
  mine: SettingsDraft['assets'],
  theirs: SettingsDraft['assets'],
): SettingsDraft['assets'] {
  const tracked = rebaseTracked(base.tracked, mine.tracked, theirs.tracked);
  const mixMode = rebaseField(base.mixMode, mine.mixMode, theirs.mixMode);
  // Share by share; the mix then names exactly the tracked assets, an asset new to it at 0%.
  const share = (asset: string): string =>
    rebaseField(base.mix[asset], mine.mix[asset], theirs.mix[asset]) ?? theirs.mix[asset] ?? '0';
  return {
    tracked,
    mixMode,
    mix: mixMode === 'custom' ? Object.fromEntries(tracked.map((a) => [a, share(a)])) : {},
  };
}

/**
 * The draft once the saved settings have changed elsewhere (from `saved` to `next`: the threshold
 * mode switched on this page's calibration section, assets tracked from the Markets view, another
 * window): every field the user has not edited takes the newly saved value, every field they have
 * edited keeps their text. A draft without edits becomes `draftFromSettings(next)`; saving a rebased
 * draft undoes nothing saved elsewhere that the user did not edit themselves.
 */
export function rebaseDraft(draft: SettingsDraft, saved: Settings, next: Settings): SettingsDraft {
  const base = draftFromSettings(saved);
  const theirs = draftFromSettings(next);
  return {
    thresholds: {
      mode: rebaseField(base.thresholds.mode, draft.thresholds.mode, theirs.thresholds.mode),
      fixed: rebaseFields(base.thresholds.fixed, draft.thresholds.fixed, theirs.thresholds.fixed),
      historyK: rebaseFields(
        base.thresholds.historyK,
        draft.thresholds.historyK,
        theirs.thresholds.historyK,
      ),
    },
    signal: rebaseFields(base.signal, draft.signal, theirs.signal),
    policy: {
      weights: mapRecord(WEIGHT_SETS, (set) =>
        rebaseFields(
          base.policy.weights[set],
          draft.policy.weights[set],
          theirs.policy.weights[set],
        ),
      ),
      extremeAction: rebaseField(
        base.policy.extremeAction,
        draft.policy.extremeAction,
        theirs.policy.extremeAction,
      ),
    },
    assets: rebaseAssets(base.assets, draft.assets, theirs.assets),
    rebalance: rebaseFields(base.rebalance, draft.rebalance, theirs.rebalance),
    market: rebaseFields(base.market, draft.market, theirs.market),
    portfolio: rebaseFields(base.portfolio, draft.portfolio, theirs.portfolio),
    vault: rebaseFields(base.vault, draft.vault, theirs.vault),
    alerts: rebaseFields(base.alerts, draft.alerts, theirs.alerts),
    execution: rebaseFields(base.execution, draft.execution, theirs.execution),
    desktop: rebaseFields(base.desktop, draft.desktop, theirs.desktop),
  };
}

/** Seconds as typed, in the whole milliseconds the settings hold; null when they are not whole. */
function wholeMilliseconds(seconds: number): number | null {
  const ms = seconds * 1000;
  const whole = Math.round(ms);
  // Within float noise of a whole number (2.001 s is 2000.9999999999998 ms).
  return Math.abs(ms - whole) <= 1e-6 * Math.max(1, Math.abs(ms)) ? whole : null;
}

/**
 * Parses the draft's numbers exactly as typed and validates the result with `settingsSchema`. A field
 * whose text is not a number is refused with the reason, never read as some other number.
 */
export function settingsFromDraft(draft: SettingsDraft): DraftResult {
  const errors: FieldErrors = {};
  const num = (path: string, text: string): number => {
    const reading = readNumberText(text);
    if (!reading.ok) {
      errors[path] = reading.problem;
      return Number.NaN;
    }
    return reading.value;
  };
  const milliseconds = (path: string, secondsText: string): number => {
    const seconds = num(path, secondsText);
    if (Number.isNaN(seconds)) return seconds;
    const ms = wholeMilliseconds(seconds);
    if (ms === null) {
      errors[path] = 'Can have at most three decimals (whole milliseconds)';
      return Number.NaN;
    }
    return ms;
  };
  // Dividing by 100 (not multiplying by 0.01) gives back the exact decimal that was shown: 15 → 0.15.
  const pct = (path: string, text: string) => num(path, text) / 100;
  const weights = (set: WeightSetId): Weights => {
    const w = draft.policy.weights[set];
    const path = weightSetPath(set);
    return mapRecord(BUCKET_KEYS, (b) => pct(`${path}.${b}`, w[b]));
  };

  const candidate = {
    version: SETTINGS_VERSION,
    thresholds: {
      mode: draft.thresholds.mode,
      fixed: mapRecord(THRESHOLD_KEYS, (k) =>
        pct(`thresholds.fixed.${k}`, draft.thresholds.fixed[k]),
      ),
      historyK: mapRecord(HISTORY_K_KEYS, (k) =>
        num(`thresholds.historyK.${k}`, draft.thresholds.historyK[k]),
      ),
    },
    signal: {
      source: draft.signal.source,
      averagingWindowDays: num('signal.averagingWindowDays', draft.signal.averagingWindowDays),
      minDaysToExpiry: num('signal.minDaysToExpiry', draft.signal.minDaysToExpiry),
      constantMaturityDays: num('signal.constantMaturityDays', draft.signal.constantMaturityDays),
      basisMethod: draft.signal.basisMethod,
    },
    policy: {
      'deep-backwardation': weights('deep-backwardation'),
      neutral: weights('neutral'),
      'moderate-contango': weights('moderate-contango'),
      'extreme-contango': {
        hedge: weights('extreme-contango.hedge'),
        sell: weights('extreme-contango.sell'),
      },
      extremeAction: draft.policy.extremeAction,
    },
    assets: {
      tracked: draft.assets.tracked,
      mix:
        draft.assets.mixMode === 'custom'
          ? Object.fromEntries(
              draft.assets.tracked.map((a) => [
                a,
                pct(`assets.mix.${a}`, draft.assets.mix[a] ?? ''),
              ]),
            )
          : {},
    },
    rebalance: {
      driftBand: pct('rebalance.driftBand', draft.rebalance.driftBand),
      slippageLimit: pct('rebalance.slippageLimit', draft.rebalance.slippageLimit),
      leverageCap: num('rebalance.leverageCap', draft.rebalance.leverageCap),
      holdingDays: num('rebalance.holdingDays', draft.rebalance.holdingDays),
      planTtlSeconds: num('rebalance.planTtlSeconds', draft.rebalance.planTtlSeconds),
      convertStablecoins: draft.rebalance.convertStablecoins,
    },
    market: {
      source: draft.market.source,
      exchange: draft.market.exchange,
      refreshIntervalMs: milliseconds(
        'market.refreshIntervalMs',
        draft.market.refreshIntervalSeconds,
      ),
    },
    portfolio: {
      holdingsIntervalMs: milliseconds(
        'portfolio.holdingsIntervalMs',
        draft.portfolio.holdingsIntervalSeconds,
      ),
      extraStablecoins: tickerList(draft.portfolio.extraStablecoins),
    },
    vault: { autoLockMinutes: num('vault.autoLockMinutes', draft.vault.autoLockMinutes) },
    alerts: {
      liquidationDistance: pct('alerts.liquidationDistance', draft.alerts.liquidationDistance),
      expiryDays: num('alerts.expiryDays', draft.alerts.expiryDays),
      notifications: draft.alerts.notifications,
    },
    execution: {
      secondLegTimeoutSeconds: num(
        'execution.secondLegTimeoutSeconds',
        draft.execution.secondLegTimeoutSeconds,
      ),
      secondLegAttempts: num('execution.secondLegAttempts', draft.execution.secondLegAttempts),
    },
    desktop: { ...draft.desktop },
  };

  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) {
    return { ok: true, settings: parsed.data };
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // A field that is not a number at all keeps its own reason over the schema's.
      if (!(path in errors)) errors[path] = issueText(issue);
    }
  }
  return { ok: false, errors };
}

/** Only the groups that differ from what is saved, so an update touches no more than it must. */
export function changedGroups(saved: Settings, next: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  // Every group the settings hold, so a group added later is never silently left unsaved.
  for (const group of Object.keys(next) as (keyof Settings)[]) {
    if (group === 'version') continue;
    if (JSON.stringify(saved[group]) !== JSON.stringify(next[group])) patch[group] = next[group];
  }
  return patch as SettingsPatch;
}

/** Whether the draft would change what is saved (an invalid draft always would: the saved one is valid). */
export function isDraftDirty(draft: SettingsDraft, saved: Settings): boolean {
  const result = settingsFromDraft(draft);
  return !result.ok || Object.keys(changedGroups(saved, result.settings)).length > 0;
}

function percentDecimal(text: string): number {
  const value = parseNumberText(text);
  return value === null ? Number.NaN : value / 100;
}

/** The draft's fixed thresholds as decimals, or null while they are incomplete or out of order. */
export function thresholdsFromDraft(draft: SettingsDraft): Thresholds | null {
  const candidate = mapRecord(THRESHOLD_KEYS, (k) => percentDecimal(draft.thresholds.fixed[k]));
  return thresholdsSchema.safeParse(candidate).success ? candidate : null;
}

/** One weight set of the draft as decimals, or null while it is incomplete or does not sum to 100%. */
export function weightsFromDraft(draft: SettingsDraft, set: WeightSetId): Weights | null {
  const candidate = mapRecord(BUCKET_KEYS, (b) => percentDecimal(draft.policy.weights[set][b]));
  return weightsSchema.safeParse(candidate).success ? candidate : null;
}
