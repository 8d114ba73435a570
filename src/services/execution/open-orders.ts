// Orders still open on the venues, whoever placed them (Premia's are known by their client ids), and
// cancelling one: the venue's answer is journaled for an order of a plan, so the journal never shows
// an order working that the user cancelled.
import { parseClientOrderId } from '../../core/client-order-id';
import type { CancelOrderInput, OpenOrder } from '../../shared/execution';
import { PremiaError } from '../../shared/errors';
import type { OrderResult } from '../gateway/types';
import { marketOfSymbol, type ExecutionGateway } from './execution-gateway';
import type { Journal } from './journal';
import { isFinal } from './journal-record';
import { answerChange, changeOf } from './order-follow';
import { messageOf } from './step-words';

export interface TradableAccount {
  id: string;
  exchange: string;
  label: string;
}

export function toOpenOrder(account: TradableAccount, o: OrderResult): OpenOrder {
  return {
    account: account.id,
    exchange: account.exchange,
    market: marketOfSymbol(o.symbol),
    symbol: o.symbol,
    side: o.side,
    amount: o.amount ?? 0,
    filled: o.filled,
    price: o.price ?? o.average,
    orderId: o.id,
    clientOrderId: o.clientOrderId,
    planId: o.clientOrderId ? (parseClientOrderId(o.clientOrderId)?.planId ?? null) : null,
    placedAt: o.timestamp,
  };
}

/** Every account's open orders; an account that cannot be read is named rather than left out. */
export async function listOpenOrders(
  accounts: readonly TradableAccount[],
  gateway: (accountId: string) => Promise<ExecutionGateway>,
): Promise<OpenOrder[]> {
  const lists = await Promise.all(
    accounts.map(async (account) => {
      try {
        const orders = await (await gateway(account.id)).fetchOpenOrders();
        return orders.map((o) => toOpenOrder(account, o));
      } catch (error) {
        throw new PremiaError(
          'unavailable',
          `The open orders on ${account.label} could not be read: ${messageOf(error)}`,
        );
      }
    }),
  );
  return lists.flat();
}

/** Cancels one order; a Premia order's journal entry ends 'canceled' with what it filled. */
export async function cancelOpenOrder(
  input: CancelOrderInput,
  account: TradableAccount,
  gateway: ExecutionGateway,
  journal: Journal,
): Promise<void> {
  const cancelled = await gateway.cancelOrder(input.symbol, { id: input.orderId });
  if (!cancelled) {
    throw new PremiaError(
      'not-found',
      `${account.label} has no open order ${input.orderId} on ${input.symbol}: it filled, expired or was cancelled already.`,
    );
  }
  const entry = journal
    .entries()
    .find(
      (e) =>
        e.account === account.id &&
        ((cancelled.clientOrderId !== null && e.clientOrderId === cancelled.clientOrderId) ||
          e.orderId === cancelled.id),
    );
  if (!entry || isFinal(entry)) return;
  // Contracts back to the asset: the journal's planned amount in the order's own units gives the size.
  const contractSize =
    cancelled.amount && cancelled.amount > 0 ? entry.amount / cancelled.amount : 1;
  const answer = answerChange(cancelled, entry.amount, contractSize);
  await journal.append(
    changeOf(entry, {
      ...answer,
      status: answer.status === 'filled' ? 'filled' : 'canceled',
      live: false,
      reason: answer.status === 'filled' ? null : 'Cancelled by the user.',
    }),
  );
}
