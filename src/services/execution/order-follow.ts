// Following one journaled order to its end on the venue: looked up by the client id it was sent with
// (never sent again), an open remainder cancelled and read back, and the answer journaled. The
// executor uses it when an order's answer was lost; a start-up reconciliation can use it on every
// order the journal left unfinished.
import type { OrderResult } from '../gateway/types';
import type { ExecutionGateway } from './execution-gateway';
import type { Journal } from './journal';
import type { JournalChange, JournalEntry } from './journal-record';

export interface FollowOptions {
  sleep: (ms: number) => Promise<void>;
  /** Look-ups before an order the venue does not know is taken as never placed. */
  lookups?: number;
  /** Wait before the second look-up; later ones wait that much longer each. */
  lookupDelayMs?: number;
}

export type Followed =
  /** The venue's latest word on the order (open only when its cancel did not take). */
  | { kind: 'found'; order: OrderResult }
  /** The venue answered every look-up: it has no order with that client id. */
  | { kind: 'missing' }
  /** The venue could not be asked: the order's fate is still unknown. */
  | { kind: 'unknown'; problem: string };

export const DEFAULT_LOOKUPS = 3;
export const DEFAULT_LOOKUP_DELAY_MS = 1_000;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Looks the order up by its client id until the venue answers; an order still open is cancelled and
 * read again, so what comes back is over unless the venue refused the cancel.
 */
export async function followOrder(
  gateway: ExecutionGateway,
  symbol: string,
  clientOrderId: string,
  options: FollowOptions,
): Promise<Followed> {
  const lookups = options.lookups ?? DEFAULT_LOOKUPS;
  const delay = options.lookupDelayMs ?? DEFAULT_LOOKUP_DELAY_MS;
  let answered = false;
  let problem = 'the venue was not asked';
  for (let i = 0; i < lookups; i++) {
    if (i > 0) await options.sleep(delay * i);
    let found: OrderResult | null;
    try {
      found = await gateway.fetchOrderByClientId(symbol, clientOrderId);
    } catch (error) {
      problem = messageOf(error);
      continue;
    }
    answered = true;
    if (!found) continue;
    if (found.status !== 'open') return { kind: 'found', order: found };
    try {
      await gateway.cancelOrder(symbol, { clientOrderId });
      const after = await gateway.fetchOrderByClientId(symbol, clientOrderId);
      return { kind: 'found', order: after ?? found };
    } catch {
      return { kind: 'found', order: found };
    }
  }
  return answered ? { kind: 'missing' } : { kind: 'unknown', problem };
}

/** What the venue's answer means for the journal; `contractSize` turns contracts into the asset. */
export function answerChange(
  order: OrderResult,
  amount: number,
  contractSize: number,
): Pick<
  JournalChange,
  'status' | 'live' | 'filled' | 'price' | 'fee' | 'feeCurrency' | 'orderId' | 'reason'
> {
  const filled = Math.min(amount, Number((order.filled * contractSize).toPrecision(12)));
  const base = {
    filled,
    price: filled > 0 && order.average !== null && order.average > 0 ? order.average : null,
    fee: order.fee && order.fee.cost >= 0 ? order.fee.cost : null,
    feeCurrency: order.fee?.currency ?? null,
    orderId: order.id,
  };
  const whole = filled >= amount * (1 - 1e-9);
  if (order.status === 'closed' || whole) {
    return { ...base, status: 'filled', live: false, reason: null };
  }
  if (order.status === 'open') {
    return filled > 0
      ? {
          ...base,
          status: 'partially-filled',
          live: true,
          reason: 'Still open on the venue: its cancel did not take.',
        }
      : {
          ...base,
          status: 'acknowledged',
          live: true,
          reason: 'Still open on the venue: its cancel did not take.',
        };
  }
  if (order.status === 'canceled') {
    return { ...base, status: 'canceled', live: false, reason: 'Cancelled on the venue.' };
  }
  if (filled > 0) {
    return {
      ...base,
      status: 'partially-filled',
      live: false,
      reason: 'The book had no more within the limit price; the rest expired.',
    };
  }
  return {
    ...base,
    status: 'failed',
    live: false,
    reason:
      order.status === 'rejected'
        ? 'The venue rejected the order.'
        : 'Nothing filled: the book offered nothing at the limit price or better.',
  };
}

/** The change that keeps an entry's identity and moves it on. */
export function changeOf(entry: JournalEntry, patch: Partial<JournalChange>): JournalChange {
  return {
    kind: entry.kind,
    clientOrderId: entry.clientOrderId,
    planId: entry.planId,
    step: entry.step,
    attempt: entry.attempt,
    pair: entry.pair,
    account: entry.account,
    exchange: entry.exchange,
    asset: entry.asset,
    symbol: entry.symbol,
    side: entry.side,
    from: entry.from,
    to: entry.to,
    amount: entry.amount,
    filled: entry.filled,
    price: entry.price,
    fee: entry.fee,
    feeCurrency: entry.feeCurrency,
    orderId: entry.orderId,
    status: entry.status,
    live: entry.live,
    reason: entry.reason,
    ...patch,
  };
}

/**
 * Follows a journaled order to its end and journals what the venue says: its fills, or `abandoned`
 * when the venue has no such order (it never arrived, so it cannot fill). When the venue cannot be
 * asked the entry is left as it is, still to be looked up, and the problem returned.
 */
export async function settleJournaledOrder(
  journal: Journal,
  gateway: ExecutionGateway,
  entry: JournalEntry,
  contractSize: number,
  options: FollowOptions,
  missingReason = 'Its answer was lost and the venue has no order with its client id: it never arrived, and is not sent again.',
): Promise<{ entry: JournalEntry; problem: string | null }> {
  if (entry.kind !== 'order' || entry.symbol === null) {
    return { entry, problem: 'Only an order can be looked up by its client id.' };
  }
  const followed = await followOrder(gateway, entry.symbol, entry.clientOrderId, options);
  if (followed.kind === 'unknown') {
    return {
      entry,
      problem: `Order ${entry.clientOrderId} could not be looked up: ${followed.problem}`,
    };
  }
  const change =
    followed.kind === 'found'
      ? changeOf(entry, answerChange(followed.order, entry.amount, contractSize))
      : changeOf(entry, {
          status: 'abandoned',
          live: false,
          reason: missingReason,
        });
  const result = await journal.append(change);
  return { entry: result.entry, problem: null };
}
