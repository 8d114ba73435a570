// Carrying a saved plan out, as it crosses every boundary: the execution of a plan step by step, the
// orders still open on a venue, the journal's entries (one per order or transfer, in its latest state)
// and the queries over them.
import { z } from 'zod';
import type { PlanCheck, PlanMarket, WalletName } from './plan';
import { planIdSchema } from './plan';

/** An order's or transfer's state in the journal, from written intent to its end. */
export const JOURNAL_STATUSES = [
  'intent',
  'sent',
  'acknowledged',
  'partially-filled',
  'filled',
  'failed',
  'unwound',
  'abandoned',
  'canceled',
] as const;
export const journalStatusSchema = z.enum(JOURNAL_STATUSES);
export type JournalStatus = z.infer<typeof journalStatusSchema>;

/** One order or transfer in its latest state, as `premia journal` and the Journal view list them. */
export interface JournalEntry {
  clientOrderId: string;
  /** The venue's id, once it acknowledged the order. */
  orderId: string | null;
  planId: string;
  step: number;
  kind: 'order' | 'transfer';
  pair: string | null;
  account: string;
  exchange: string;
  asset: string;
  /** Null for a transfer. */
  symbol: string | null;
  side: 'buy' | 'sell' | null;
  /** A transfer's wallets; null for an order. */
  from: WalletName | null;
  to: WalletName | null;
  /** Planned base amount (a transfer's amount). */
  amount: number;
  filled: number;
  /** Average fill price per unit of the asset; null until something filled. */
  price: number | null;
  fee: number | null;
  feeCurrency: string | null;
  status: JournalStatus;
  /** Why, in words for people (a failure's cause, an abandonment's reason). */
  reason: string | null;
  updatedAt: number;
}

export const journalQuerySchema = z
  .object({
    planId: planIdSchema.optional(),
    account: z.string().min(1).max(100).optional(),
    asset: z.string().min(1).max(20).optional(),
    status: z.array(journalStatusSchema).max(JOURNAL_STATUSES.length).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
  })
  .strict();
export type JournalQuery = z.infer<typeof journalQuerySchema>;

export interface JournalView {
  entries: JournalEntry[];
}

/** How one step of a plan stands while it is carried out. */
export const EXECUTION_STEP_STATES = [
  'pending',
  'working',
  'done',
  /** Filled in part (an immediate-or-cancel order the book could not fill whole). */
  'partial',
  'failed',
  /** Left out: its pair's first leg filled nothing, or the plan stopped before it. */
  'skipped',
  /** Filled, then undone because its pair's other leg could not be completed. */
  'unwound',
] as const;
export type ExecutionStepState = (typeof EXECUTION_STEP_STATES)[number];

export interface ExecutionStep {
  step: number;
  kind: 'order' | 'transfer';
  pair: string | null;
  state: ExecutionStepState;
  /** Base amount planned and done (a transfer's amount). */
  planned: number;
  filled: number;
  averagePrice: number | null;
  /** What happened, in words for people. */
  message: string | null;
}

export const EXECUTION_STATES = [
  'running',
  /** Every step done as planned. */
  'done',
  /** Stopped with something left undone; `nextSteps` says what to do. */
  'failed',
  /** Refused before anything was sent: a check no longer passed. */
  'refused',
] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

export interface Execution {
  planId: string;
  state: ExecutionState;
  startedAt: number;
  finishedAt: number | null;
  /** The plan's checks judged again at the start, on fresh quotes, balances and books. */
  checks: PlanCheck[];
  steps: ExecutionStep[];
  /** Why it was refused or stopped, in words for people; null when it ran through. */
  problem: string | null;
  /** What the user should do now (cancel an order, unwind by hand …), when anything failed. */
  nextSteps: string[];
}

export const executePlanSchema = z.object({ planId: planIdSchema }).strict();
export type ExecutePlanInput = z.infer<typeof executePlanSchema>;

/** An order still open on a venue, whoever placed it. */
export interface OpenOrder {
  account: string;
  exchange: string;
  market: PlanMarket;
  symbol: string;
  side: 'buy' | 'sell';
  amount: number;
  filled: number;
  price: number | null;
  orderId: string;
  clientOrderId: string | null;
  /** The plan it belongs to, when Premia placed it. */
  planId: string | null;
  placedAt: number | null;
}

export const cancelOrderSchema = z
  .object({
    account: z.string().min(1).max(100),
    symbol: z.string().min(1).max(60),
    orderId: z.string().min(1).max(100),
  })
  .strict();
export type CancelOrderInput = z.infer<typeof cancelOrderSchema>;
