// The manual-holding form: the text as typed, read into the input the host takes or refused field by
// field with the reason, so nothing typed is silently changed.
import type { ManualHolding, ManualHoldingInput } from '../../../shared/portfolio';
import { manualHoldingInputSchema } from '../../../shared/portfolio';
import { numberToText, readNumberText } from '../ui/number-text';
import { issueText } from '../../../shared/issue-text';
import { asSentence } from '../ui/sentence';

export interface ManualDraft {
  asset: string;
  amount: string;
  where: string;
  note: string;
}

export type DraftField = keyof ManualDraft;

export const EMPTY_MANUAL_DRAFT: ManualDraft = { asset: '', amount: '', where: '', note: '' };

export function draftFromHolding(h: ManualHolding): ManualDraft {
  return { asset: h.asset, amount: numberToText(h.amount), where: h.where, note: h.note };
}

export type DraftReading =
  | { ok: true; input: ManualHoldingInput }
  | { ok: false; problems: Partial<Record<DraftField, string>> };

export function readManualDraft(draft: ManualDraft): DraftReading {
  const problems: Partial<Record<DraftField, string>> = {};
  const amount = readNumberText(draft.amount);
  if (!amount.ok) problems.amount = amount.problem;
  const parsed = manualHoldingInputSchema.safeParse({
    asset: draft.asset,
    amount: amount.ok ? amount.value : 1,
    where: draft.where,
    note: draft.note,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (
        typeof field === 'string' &&
        field in draft &&
        problems[field as DraftField] === undefined
      ) {
        problems[field as DraftField] = asSentence(issueText(issue));
      }
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success || !amount.ok)
    return { ok: false, problems };
  return { ok: true, input: { ...parsed.data, amount: amount.value } };
}
