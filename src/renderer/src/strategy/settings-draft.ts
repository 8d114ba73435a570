// The Strategy form's state: every setting as the user types it (percents as percents, intervals in
// seconds), turned back into a validated `Settings` by the same zod schema the host applies.
import {
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
import { thresholdsSchema, weightsSchema } from '../../../shared/strategy';
import { decimalToPercentText, numberToText, parseNumberText } from '../ui/number-text';

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
  rebalance: { driftBand: string; slippageLimit: string; leverageCap: string };
  market: {
    source: Settings['market']['source'];
    exchange: ExchangeId;
    refreshIntervalSeconds: string;
  };
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
  const { thresholds, signal, policy, assets, rebalance, market } = settings;
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
    },
    market: {
      source: market.source,
      exchange: market.exchange,
      refreshIntervalSeconds: numberToText(market.refreshIntervalMs / 1000),
    },
  };
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

/** Parses the draft's numbers and validates the result with `settingsSchema`. */
export function settingsFromDraft(draft: SettingsDraft): DraftResult {
  const errors: FieldErrors = {};
  const num = (path: string, text: string): number => {
    const value = parseNumberText(text);
    if (value === null) {
      errors[path] = 'Enter a number';
      return Number.NaN;
    }
    return value;
  };
  // Dividing by 100 (not multiplying by 0.01) gives back the exact decimal that was shown: 15 → 0.15.
  const pct = (path: string, text: string) => num(path, text) / 100;
  const weights = (set: WeightSetId): Weights => {
    const w = draft.policy.weights[set];
    const path = weightSetPath(set);
    return mapRecord(BUCKET_KEYS, (b) => pct(`${path}.${b}`, w[b]));
  };

  const candidate = {
    version: 1,
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
    },
    market: {
      source: draft.market.source,
      exchange: draft.market.exchange,
      refreshIntervalMs: Math.round(
        num('market.refreshIntervalMs', draft.market.refreshIntervalSeconds) * 1000,
      ),
    },
  };

  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) {
    return { ok: true, settings: parsed.data };
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // A field that is not a number at all keeps "Enter a number" over the schema's wording.
      if (!(path in errors)) errors[path] = issue.message;
    }
  }
  return { ok: false, errors };
}

/** Only the groups that differ from what is saved, so an update touches no more than it must. */
export function changedGroups(saved: Settings, next: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const group of [
    'thresholds',
    'signal',
    'policy',
    'assets',
    'rebalance',
    'market',
  ] as const) {
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
