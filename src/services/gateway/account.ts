// The signed calls: both wallets' balances, an order sent once and never retried (an outcome the
// venue left unknown said so, to be looked up by its client id), and that look-up.
import type { Balances, Order } from 'ccxt';
import { finiteOrNull, positiveOrNull } from '../../core';
import { GatewayError, type GatewayErrorKind } from './errors';
import type { GatewayCore } from './gateway-core';
import { perUnit } from './market-data';
import type { AccountBalances, BalanceEntry, OrderRequest, OrderResult } from './types';

/** Keys of ccxt's balance object that name no currency. */
const NOT_CURRENCIES = new Set(['info', 'free', 'used', 'total', 'debt', 'timestamp', 'datetime']);

/** Failures after which the venue may or may not have done what was asked (an order, a transfer). */
export const OUTCOME_UNKNOWN_KINDS: ReadonlySet<GatewayErrorKind> = new Set([
  'network',
  'offline',
  'timeout',
  'unavailable',
  'bad-response',
]);

/** An order as the gateway gives it: its average price per unit of the asset. */
export function toOrder(order: Order, multiplier: number): OrderResult {
  return {
    id: String(order.id),
    clientOrderId: order.clientOrderId ?? null,
    symbol: order.symbol ?? '',
    side: order.side as 'buy' | 'sell',
    type: String(order.type ?? ''),
    status: (order.status as OrderResult['status']) ?? null,
    amount: finiteOrNull(order.amount),
    filled: finiteOrNull(order.filled) ?? 0,
    price: perUnit(positiveOrNull(order.price), multiplier),
    average: perUnit(finiteOrNull(order.average), multiplier),
    cost: finiteOrNull(order.cost),
    fee:
      order.fee && typeof order.fee.cost === 'number' && typeof order.fee.currency === 'string'
        ? { currency: order.fee.currency, cost: order.fee.cost }
        : null,
    timestamp: finiteOrNull(order.timestamp),
  };
}

/** The coins of a ccxt balance object, with their free, used and total amounts. */
export function balanceEntries(balances: Balances): Record<string, BalanceEntry> {
  const out: Record<string, BalanceEntry> = {};
  for (const [code, entry] of Object.entries(balances)) {
    if (NOT_CURRENCIES.has(code) || typeof entry !== 'object' || entry === null) continue;
    const total = finiteOrNull((entry as { total?: unknown }).total);
    if (total === null) continue;
    out[code] = {
      free: finiteOrNull((entry as { free?: unknown }).free) ?? 0,
      used: finiteOrNull((entry as { used?: unknown }).used) ?? 0,
      total,
    };
  }
  return out;
}

export async function fetchBalances(core: GatewayCore): Promise<AccountBalances> {
  core.requireCredentials();
  await core.listings.ready();
  const exchange = await core.exchange();
  const { spot, futures } = await core.read(() => core.adapter.fetchBalances(exchange));
  return { spot: balanceEntries(spot), futures: balanceEntries(futures) };
}

/** A refused order named for the permission the key lacks, once the key's permissions are known. */
function missingPermission(
  core: GatewayCore,
  request: OrderRequest,
  error: GatewayError,
): GatewayError {
  const known = core.permissions;
  const futures = request.symbol.includes(':');
  if (!known || (futures ? known.futuresTrading : known.spotTrading)) return error;
  const what = futures ? 'futures trading' : 'spot trading';
  return new GatewayError(
    'auth',
    `${core.Venue} refused the order: this API key does not allow ${what}. Allow ${what} for the key on the exchange, or keep the account read-only.`,
    { venueCode: error.venueCode, detail: error.detail },
  );
}

export async function placeOrder(core: GatewayCore, request: OrderRequest): Promise<OrderResult> {
  core.requireCredentials();
  await core.listings.ready();
  const exchange = await core.exchange();
  const wait = core.cooldownLeft();
  if (wait > 0) {
    throw new GatewayError(
      'rate-limited',
      `${core.Venue} is limiting requests; the order was not sent.`,
      {
        retryAfterMs: wait,
      },
    );
  }
  const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
  if (request.reduceOnly) params.reduceOnly = true;
  if (request.type === 'limit' && request.timeInForce) params.timeInForce = request.timeInForce;
  // The venue prices a contract on a multiple (1000PEPE) per multiple.
  const m = core.listings.multiplierOf(request.symbol);
  try {
    return toOrder(
      await exchange.createOrder(
        request.symbol,
        request.type,
        request.side,
        request.amount,
        request.price === undefined ? undefined : request.price * m,
        params,
      ),
      m,
    );
  } catch (thrown) {
    const error = core.classify(thrown);
    if (error.venueCode === core.adapter.permissionCode)
      throw missingPermission(core, request, error);
    if (error.kind === 'duplicate-order') {
      throw new GatewayError(
        'duplicate-order',
        `${core.Venue} refused the order: an open order already has the client id ${request.clientOrderId}. Look that order up by its client id rather than send another.`,
        { venueCode: error.venueCode, detail: error.detail },
      );
    }
    if (!OUTCOME_UNKNOWN_KINDS.has(error.kind)) throw error;
    throw new GatewayError(
      error.kind,
      `${error.message} The order may or may not have reached ${core.venue}: look it up by its client id before sending it again.`,
      {
        retryAfterMs: error.retryAfterMs,
        venueCode: error.venueCode,
        detail: error.detail,
        outcomeUnknown: true,
      },
    );
  }
}

export async function fetchOrderByClientId(
  core: GatewayCore,
  symbol: string,
  clientOrderId: string,
): Promise<OrderResult | null> {
  core.requireCredentials();
  await core.listings.ready();
  const exchange = await core.exchange();
  try {
    return toOrder(
      await core.read(() => core.adapter.fetchOrderByClientId(exchange, symbol, clientOrderId)),
      core.listings.multiplierOf(symbol),
    );
  } catch (thrown) {
    const error = core.classify(thrown);
    if (error.kind === 'order-not-found') return null;
    throw error;
  }
}
