// One line of the execution journal: a state change of one order or wallet transfer, as the executor
// learns it. Records are versioned (`v`) so a later Premia can read this one's journal, and checked
// with zod on the way in (append) and on the way back (opening the file).
import { z } from 'zod';
import type { JournalStatus } from '../../shared/execution';
import { JOURNAL_STATUSES } from '../../shared/execution';
import { planIdSchema } from '../../shared/plan';

export const JOURNAL_VERSION = 1;

export { JOURNAL_STATUSES };
export type { JournalStatus };

/** Statuses after which the order (or transfer) is over on the venue. */
export const FINAL_STATUSES: ReadonlySet<JournalStatus> = new Set([
  'filled',
  'failed',
  'unwound',
  'abandoned',
  'canceled',
]);

/** The venue's rule for client order ids (binance: at most 36 characters of these). */
export const CLIENT_ORDER_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const amount = z.number().positive();
const quantity = z.number().nonnegative();
const text = z.string().min(1).max(200);

const recordObject = z
  .object({
    v: z.literal(JOURNAL_VERSION),
    /** Wall time the journal wrote the record (ms since the epoch). */
    at: z.number().int().nonnegative(),
    kind: z.enum(['order', 'transfer']),
    clientOrderId: z.string().regex(CLIENT_ORDER_ID_PATTERN, 'must be a client order id'),
    planId: planIdSchema,
    step: z.number().int().nonnegative(),
    attempt: z.number().int().nonnegative(),
    pair: text.nullable(),
    account: text,
    exchange: text,
    asset: text,
    /** The market's symbol; null for a transfer. */
    symbol: text.nullable(),
    /** null for a transfer, which moves `asset` from one wallet to another instead. */
    side: z.enum(['buy', 'sell']).nullable(),
    from: z.enum(['spot', 'futures']).nullable(),
    to: z.enum(['spot', 'futures']).nullable(),
    /** Planned base amount (a transfer's amount of `asset`). */
    amount,
    /** Base amount done so far, as the venue reported it. */
    filled: quantity,
    /** Average fill price; null until something filled. */
    price: z.number().positive().nullable(),
    fee: quantity.nullable(),
    feeCurrency: text.nullable(),
    /** The venue's own id, once known. */
    orderId: text.nullable(),
    status: z.enum(JOURNAL_STATUSES),
    /**
     * Whether the order may still be open on the venue and fill more. True from intent to
     * acknowledged (a crash after sending leaves it so); false once final; for a partial fill, what
     * the venue said.
     */
    live: z.boolean(),
    /** Why, in words for people: a failure's cause, an abandonment's reason. */
    reason: z.string().max(1000).nullable(),
  })
  .strict();

export const journalRecordSchema = recordObject.superRefine((r, ctx) => {
  const problem = (message: string): void => void ctx.addIssue({ code: 'custom', message });
  if (r.kind === 'order') {
    if (r.symbol === null || r.side === null) problem('an order needs a symbol and a side');
    if (r.from !== null || r.to !== null) problem('an order moves no coin between wallets');
  } else {
    if (r.symbol !== null || r.side !== null) problem('a transfer has no symbol and no side');
    if (r.from === null || r.to === null || r.from === r.to) {
      problem('a transfer goes from one wallet to the other');
    }
  }
  if (FINAL_STATUSES.has(r.status) && r.live) problem(`a ${r.status} order cannot be live`);
  if ((r.status === 'intent' || r.status === 'sent' || r.status === 'acknowledged') && !r.live) {
    problem(`an order ${r.status === 'intent' ? 'about to be sent' : r.status} may still be live`);
  }
  if (r.status === 'intent' && r.orderId !== null) problem('an intent has no venue order id yet');
});

export type JournalRecord = z.infer<typeof recordObject>;

/** What the executor appends: the journal stamps the version and the time itself. */
export type JournalChange = Omit<JournalRecord, 'v' | 'at'>;

/** What an intent says of an order or transfer; the rest is the same for every intent. */
export type IntentFields = Omit<
  JournalChange,
  'filled' | 'price' | 'fee' | 'feeCurrency' | 'orderId' | 'status' | 'live' | 'reason'
>;

/** The first record of an order or transfer: about to be sent, nothing known of it yet at the venue. */
export function intentRecord(fields: IntentFields): JournalChange {
  return {
    ...fields,
    filled: 0,
    price: null,
    fee: null,
    feeCurrency: null,
    orderId: null,
    status: 'intent',
    live: true,
    reason: null,
  };
}

/** The latest state of one order or transfer: its last record that moved it, and when it began. */
export interface JournalEntry extends JournalRecord {
  /** Time of its first record (the intent, normally). */
  firstAt: number;
}

/** Over on the venue: a final status, or a partial fill that is no longer live. */
export function isFinal(entry: Pick<JournalRecord, 'status' | 'live'>): boolean {
  return FINAL_STATUSES.has(entry.status) || (entry.status === 'partially-filled' && !entry.live);
}

/** Zod's complaint about a record, in one short sentence's worth of words. */
export function describeRecordProblem(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
