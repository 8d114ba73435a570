// The Backtest form: a draft seeded from the saved settings and edited here only, and the request
// it makes, or the reasons in words why it cannot make one yet.
import {
  backtestPolicyFromSettings,
  backtestRequestSchema,
  type BacktestRequestInput,
  type RebalanceRule,
} from '../../../shared/backtest';
import type { Settings } from '../../../shared/settings';
import { decimalToPercentText, numberToText, readNumberText } from '../ui/number-text';

/** What "my settings" contributes to a backtest: the policy parts the form does not edit. */
export type BacktestBase = ReturnType<typeof backtestPolicyFromSettings>;

/** Every field as typed: percents as percent text, dates YYYY-MM-DD or empty for open-ended. */
export interface BacktestDraft {
  assets: string[];
  from: string;
  to: string;
  feePercent: string;
  slippagePercent: string;
  thresholdMode: 'fixed' | 'history';
  /** Annualized premium, percent. */
  moderateFrom: string;
  extremeAbove: string;
  /** Standard deviations above the mean, for thresholds set from history. */
  kModerate: string;
  kExtreme: string;
  averagingWindowDays: string;
  rule: RebalanceRule;
}

export type DraftField = keyof BacktestDraft;
export type DraftProblems = Partial<Record<DraftField, string>>;

export type DraftReading =
  { ok: true; request: BacktestRequestInput } | { ok: false; problems: DraftProblems };

/** The default fee a backtest charges per trade when the user has not changed it. */
const DEFAULT_FEE = 0.001;

export function draftFromBase(base: BacktestBase): BacktestDraft {
  const { thresholds } = base.policy;
  return {
    assets: [...base.assets],
    from: '',
    to: '',
    feePercent: decimalToPercentText(DEFAULT_FEE),
    slippagePercent: '0',
    thresholdMode: thresholds.mode,
    moderateFrom: decimalToPercentText(thresholds.fixed.moderateFrom),
    extremeAbove: decimalToPercentText(thresholds.fixed.extremeAbove),
    kModerate: numberToText(thresholds.historyK.moderate),
    kExtreme: numberToText(thresholds.historyK.extreme),
    averagingWindowDays: numberToText(base.policy.averagingWindowDays),
    rule: base.rebalance.rule,
  };
}

export function draftFromSettings(settings: Settings): BacktestDraft {
  return draftFromBase(backtestPolicyFromSettings(settings));
}

/**
 * The mix for the chosen assets: the saved shares rescaled to sum to 100% over them, or none (equal
 * shares) when the saved mix gives them nothing to go on.
 */
export function mixFor(assets: readonly string[], saved: Record<string, number>) {
  const shares = assets.map((a) => saved[a] ?? 0);
  const sum = shares.reduce((s, v) => s + v, 0);
  if (!(sum > 0) || shares.some((v) => !(v >= 0))) return undefined;
  return Object.fromEntries(assets.map((a, i) => [a, shares[i]! / sum]));
}

const FIELD_OF_PATH: Record<string, DraftField> = {
  assets: 'assets',
  from: 'from',
  to: 'to',
  fee: 'feePercent',
  slippage: 'slippagePercent',
  'policy.thresholds.fixed.moderateFrom': 'moderateFrom',
  'policy.thresholds.fixed.extremeAbove': 'extremeAbove',
  'policy.thresholds.fixed.extremeExit': 'extremeAbove',
  'policy.thresholds.fixed.deepBelow': 'moderateFrom',
  'policy.thresholds.historyK.moderate': 'kModerate',
  'policy.thresholds.historyK.extreme': 'kExtreme',
  'policy.averagingWindowDays': 'averagingWindowDays',
  'rebalance.rule': 'rule',
};

/** The request the draft asks for, with the saved settings filling what the form does not show. */
export function requestFromDraft(draft: BacktestDraft, base: BacktestBase): DraftReading {
  const problems: DraftProblems = {};
  const number = (field: DraftField, text: string, scale = 1): number => {
    const reading = readNumberText(text);
    if (!reading.ok) {
      problems[field] = reading.problem;
      return NaN;
    }
    return reading.value * scale;
  };
  if (draft.assets.length === 0) problems.assets = 'Choose at least one asset';
  const fee = number('feePercent', draft.feePercent, 0.01);
  const slippage = number('slippagePercent', draft.slippagePercent, 0.01);
  const window = number('averagingWindowDays', draft.averagingWindowDays);
  const moderateFrom = number('moderateFrom', draft.moderateFrom, 0.01);
  const extremeAbove = number('extremeAbove', draft.extremeAbove, 0.01);
  const kModerate = number('kModerate', draft.kModerate);
  const kExtreme = number('kExtreme', draft.kExtreme);
  const from = draft.from.trim();
  const to = draft.to.trim();
  // Checked here too: the request check skips it while any other field is refused.
  if (from && to && from > to) problems.to = 'Must not be before the start date';

  const saved = base.policy.thresholds;
  const fixed = {
    ...saved.fixed,
    moderateFrom,
    extremeAbove,
    // Leaving extreme contango can be no higher than entering it.
    extremeExit: Math.min(saved.fixed.extremeExit, extremeAbove),
  };
  const mix = mixFor(draft.assets, base.mix);
  const request: BacktestRequestInput = {
    assets: [...draft.assets],
    ...(mix ? { mix } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    fee,
    slippage,
    rebalance: { rule: draft.rule, driftBand: base.rebalance.driftBand },
    policy: {
      thresholds: {
        mode: draft.thresholdMode,
        fixed,
        historyK: { ...saved.historyK, moderate: kModerate, extreme: kExtreme },
      },
      averagingWindowDays: window,
      weights: base.policy.weights,
    },
  };
  const checked = backtestRequestSchema.safeParse(request);
  if (checked.success && Object.keys(problems).length === 0) return { ok: true, request };
  // A field already refused keeps its first reason: an unreadable number is not also "not finite".
  for (const issue of checked.error?.issues ?? []) {
    const field = FIELD_OF_PATH[issue.path.join('.')] ?? null;
    const words = field === null ? `${issue.path.join(' ')} ${issue.message}` : issue.message;
    const key = field ?? 'assets';
    problems[key] ??= sentenceCase(words);
  }
  return { ok: false, problems };
}

function sentenceCase(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** Whether the draft edits the policy away from what the saved settings say. */
export function draftDiffersFromBase(draft: BacktestDraft, base: BacktestBase): boolean {
  const fresh = draftFromBase(base);
  const keys: DraftField[] = [
    'thresholdMode',
    'moderateFrom',
    'extremeAbove',
    'kModerate',
    'kExtreme',
    'averagingWindowDays',
    'rule',
  ];
  return keys.some((k) => draft[k] !== fresh[k]);
}
