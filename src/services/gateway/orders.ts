// Orders already on the venue: cancelling one by the venue's id or by its client id (an order that
// is no longer open answers null, as the venue says, rather than an error), and listing the open
// ones. Both are safe to repeat, so both are retried as reads are.
import type { Order } from 'ccxt';
import { toOrder } from './account';
import type { GatewayCore } from './gateway-core';
import { signedRead } from './signed-read';
import type { OrderRef, OrderResult } from './types';

/**
 * Cancels the order; null when the venue has no OPEN order by that reference (already filled,
 * cancelled, expired, or never placed): look it up by its client id to learn which.
 */
export async function cancelOrder(
  core: GatewayCore,
  symbol: string,
  ref: OrderRef,
): Promise<OrderResult | null> {
  try {
    const cancelled = await signedRead(core, (exchange) =>
      'id' in ref
        ? exchange.cancelOrder(ref.id, symbol)
        : exchange.cancelOrder('', symbol, { clientOrderId: ref.clientOrderId }),
    );
    return toOrder(cancelled, core.listings.multiplierOf(symbol));
  } catch (thrown) {
    const error = core.classify(thrown);
    if (error.kind === 'order-not-found') return null;
    throw error;
  }
}

/** The open orders of `symbol`, or of every spot and futures symbol when none is given. */
export async function fetchOpenOrders(
  core: GatewayCore,
  symbol: string | null,
): Promise<OrderResult[]> {
  const orders: Order[] = await signedRead(core, (exchange) =>
    core.adapter.fetchOpenOrders(exchange, symbol),
  );
  return orders.map((order) => toOrder(order, core.listings.multiplierOf(order.symbol ?? '')));
}
