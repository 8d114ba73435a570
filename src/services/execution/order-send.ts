// One order of a plan, sent once: its intent journaled and flushed first, then the immediate-or-cancel
// limit order under the client id made from (plan, step, attempt), then the venue's answer journaled.
// An answer that was lost is never answered by sending again: the order is looked up by its client
// id and followed to its end. Every further try at a step is a new attempt with an id of its own.
import { clientOrderIdFor } from '../../core/client-order-id';
import type { OrderSide } from '../../shared/plan';
import { GatewayError, type GatewayErrorKind } from '../gateway';
import type { ExecutionGateway, MarketUnits } from './execution-gateway';
import { toBase } from './execution-gateway';
import type { Journal } from './journal';
import type { JournalEntry } from './journal-record';
import { intentRecord } from './journal-record';
import { answerChange, changeOf, settleJournaledOrder, type FollowOptions } from './order-follow';

export interface OrderContext {
  journal: Journal;
  gateway: ExecutionGateway;
  follow: FollowOptions;
}

export interface OrderSpec {
  planId: string;
  step: number;
  attempt: number;
  role?: 'unwind';
  pair: string | null;
  account: string;
  asset: string;
  units: MarketUnits;
  side: OrderSide;
  /** In the market's units (contracts for a contract market), on its grid. */
  marketAmount: number;
  limitPrice: number;
  reduceOnly: boolean;
}

export type OrderOutcome =
  /** The venue's word on the order is journaled: what filled (possibly nothing), at what price. */
  | { kind: 'answered'; entry: JournalEntry }
  /** The venue did not take it (it was busy, or the order never arrived): a new attempt may follow. */
  | { kind: 'not-taken'; entry: JournalEntry; retryAfterMs: number | null; problem: string }
  /** The venue refused it, or it was never sent; another attempt would be refused the same way. */
  | { kind: 'refused'; entry: JournalEntry | null; problem: string }
  /** What happened to a sent order is not known: nothing more may be sent until it is. */
  | { kind: 'unknown'; entry: JournalEntry | null; problem: string };

/** Refusals that say the venue looked at the order and did not take it: no look-up is needed. */
const REFUSED: ReadonlySet<GatewayErrorKind> = new Set([
  'auth',
  'bad-symbol',
  'invalid-order',
  'insufficient-funds',
  'rejected',
  'region-refused',
  'clock',
]);

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export async function sendOrder(ctx: OrderContext, spec: OrderSpec): Promise<OrderOutcome> {
  const { journal, gateway } = ctx;
  const clientOrderId = clientOrderIdFor({
    planId: spec.planId,
    step: spec.step,
    attempt: spec.attempt,
    role: spec.role,
  });
  const amount = toBase(spec.units, spec.marketAmount);
  const intent = intentRecord({
    kind: 'order',
    clientOrderId,
    planId: spec.planId,
    step: spec.step,
    attempt: spec.attempt,
    pair: spec.pair,
    account: spec.account,
    exchange: gateway.exchange,
    asset: spec.asset,
    symbol: spec.units.symbol,
    side: spec.side,
    from: null,
    to: null,
    amount,
  });
  let entry: JournalEntry;
  try {
    entry = (await journal.append(intent)).entry;
  } catch (error) {
    return { kind: 'refused', entry: null, problem: `Not sent: ${messageOf(error)}` };
  }

  let answer;
  try {
    answer = await gateway.placeOrder({
      symbol: spec.units.symbol,
      side: spec.side,
      type: 'limit',
      timeInForce: 'IOC',
      amount: spec.marketAmount,
      price: spec.limitPrice,
      clientOrderId,
      ...(spec.reduceOnly ? { reduceOnly: true } : {}),
    });
  } catch (error) {
    return afterFailedSend(ctx, entry, spec.units.contractSize, error);
  }
  try {
    const done = await journal.append(
      changeOf(entry, answerChange(answer, amount, spec.units.contractSize)),
    );
    return { kind: 'answered', entry: done.entry };
  } catch (error) {
    return {
      kind: 'unknown',
      entry,
      problem: `Order ${clientOrderId} was sent, but its answer could not be journaled: ${messageOf(error)}`,
    };
  }
}

async function afterFailedSend(
  ctx: OrderContext,
  entry: JournalEntry,
  contractSize: number,
  error: unknown,
): Promise<OrderOutcome> {
  const { journal } = ctx;
  const problem = messageOf(error);
  const known = error instanceof GatewayError && !error.outcomeUnknown;
  try {
    if (known && error.kind === 'rate-limited') {
      const failed = await journal.append(
        changeOf(entry, { status: 'failed', live: false, reason: problem }),
      );
      return { kind: 'not-taken', entry: failed.entry, retryAfterMs: error.retryAfterMs, problem };
    }
    if (known && REFUSED.has(error.kind)) {
      const failed = await journal.append(
        changeOf(entry, { status: 'failed', live: false, reason: problem }),
      );
      return { kind: 'refused', entry: failed.entry, problem };
    }
    // Anything else may have reached the venue (a lost answer, a client id an open order holds):
    // the order is looked up, never sent again.
    const sent = await journal.append(
      changeOf(entry, {
        status: 'sent',
        live: true,
        reason: 'Its answer was lost; it is looked up by its client id.',
      }),
    );
    const settled = await settleJournaledOrder(
      journal,
      ctx.gateway,
      sent.entry,
      contractSize,
      ctx.follow,
    );
    if (settled.problem) return { kind: 'unknown', entry: settled.entry, problem: settled.problem };
    if (settled.entry.status === 'abandoned') {
      return {
        kind: 'not-taken',
        entry: settled.entry,
        retryAfterMs: null,
        problem: `${problem} The venue has no such order: it never arrived.`,
      };
    }
    return { kind: 'answered', entry: settled.entry };
  } catch (journalError) {
    return {
      kind: 'unknown',
      entry,
      problem: `Order ${entry.clientOrderId} could not be settled: ${messageOf(journalError)}`,
    };
  }
}
