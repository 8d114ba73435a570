// The calculator's form state and its translation into the API's quote input.
import type { QuoteEvaluation, QuoteInput } from '../../../shared/api';
import { quoteInputSchema } from '../../../shared/api';
import { issueText } from '../../../shared/issue-text';
import type { BasisMethod, Regime } from '../../../shared/strategy';
import { formatPercent } from '../../../core/format';
import { numberToText, readNumberText } from '../ui/number-text';

export interface QuoteDraft {
  kind: QuoteInput['kind'];
  spot: string;
  futures: string;
  daysToExpiry: string;
  method: BasisMethod;
  /** Funding rate per interval, in percent. */
  ratePercent: string;
  intervalHours: string;
  previousRegime: Regime | null;
}

export const INITIAL_QUOTE_DRAFT: QuoteDraft = {
  kind: 'future',
  spot: '100',
  futures: '101.5',
  daysToExpiry: '30',
  method: 'simple',
  ratePercent: '0.01',
  intervalHours: '8',
  previousRegime: null,
};

/** Problems keyed by the quote field they concern: spot, futures, daysToExpiry, rate, intervalHours. */
export type QuoteErrors = Partial<Record<string, string>>;

export type QuoteDraftResult = { ok: true; input: QuoteInput } | { ok: false; errors: QuoteErrors };

export function quoteFromDraft(draft: QuoteDraft): QuoteDraftResult {
  const errors: QuoteErrors = {};
  // Exactly as typed: '-5' stays negative (and is refused where it must be above 0).
  const num = (field: string, text: string): number => {
    const reading = readNumberText(text);
    if (!reading.ok) {
      errors[field] = reading.problem;
      return Number.NaN;
    }
    return reading.value;
  };
  const candidate =
    draft.kind === 'future'
      ? {
          kind: 'future' as const,
          spot: num('spot', draft.spot),
          futures: num('futures', draft.futures),
          daysToExpiry: num('daysToExpiry', draft.daysToExpiry),
          method: draft.method,
          previousRegime: draft.previousRegime,
        }
      : {
          kind: 'funding' as const,
          rate: num('rate', draft.ratePercent) / 100,
          intervalHours: num('intervalHours', draft.intervalHours),
          previousRegime: draft.previousRegime,
        };
  const parsed = quoteInputSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      errors[field] ??= issueText(issue);
    }
  }
  return { ok: false, errors };
}

function intervalText(hours: number): string {
  return `${numberToText(hours)} h`;
}

/** The premium with how it was annualized, e.g. '18.25% a year, simple'. */
export function describePremium(evaluation: QuoteEvaluation, input: QuoteInput): string {
  const premium = `${formatPercent(evaluation.premium)} a year`;
  if (evaluation.method === 'funding') {
    const every = input.kind === 'funding' ? ` every ${intervalText(input.intervalHours)}` : '';
    return `${premium}, from funding${every}`;
  }
  return `${premium}, ${evaluation.method}`;
}
