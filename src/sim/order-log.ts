// The simulator's log of orders: every order request that reached the order desk of an account,
// accepted or refused, with what was asked, the venue's answer, and each later change of status or
// fill with its market time. Tests (and a test driving the simulator in another process, through
// GET /__control/orders) read it to check what reached the venue and how often. It lives in memory
// from the simulator's start (or its last reset) and keeps the latest MAX_ENTRIES orders.
import type { OrderRecord, OrderStatus, Venue } from './account-state';
import type { VenueError } from './venue-error';

const MAX_ENTRIES = 10_000;

export interface OrderLogChange {
  status: OrderStatus;
  /** Filled so far, in the order's units (base units, or contracts). */
  filled: number;
  /** Market time of the change. */
  at: number;
}

export interface OrderLogEntry {
  /** Order of arrival, from 1. */
  seq: number;
  /** The account of the key that sent it (`main` for the start-up key's). */
  account: string;
  venue: Venue;
  /** As sent (a refused request may lack any of these). */
  symbol: string | null;
  side: string | null;
  type: string | null;
  timeInForce: string | null;
  /** Base units (contracts for a contract), as sent. */
  amount: number | null;
  /** Quote to spend or receive, for a spot market order sent by quote amount. */
  quoteAmount: number | null;
  price: number | null;
  reduceOnly: boolean;
  /** The client id sent; for an accepted order sent without one, the id the venue gave it. */
  clientOrderId: string | null;
  /** The venue's order id; null for a refused order. */
  orderId: number | null;
  /** Market time and wall time of arrival. */
  at: number;
  wallTime: number;
  outcome: 'accepted' | 'refused';
  /** The venue's error answer, for a refused order. */
  refusal: { code: number; msg: string } | null;
  /** The latest status (null for a refused order). */
  status: OrderStatus | null;
  filled: number;
  /** Every status or fill the order went through, the first being its state when accepted. */
  changes: OrderLogChange[];
}

/** The raw request, as far as it can be read, for the log. */
export interface OrderLogRequest {
  account: string;
  venue: Venue;
  params: URLSearchParams;
  at: number;
  wallTime: number;
}

const text = (p: URLSearchParams, name: string): string | null => {
  const v = p.get(name);
  return v === null || v === '' ? null : v;
};

const number = (p: URLSearchParams, name: string): number | null => {
  const v = text(p, name);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

function isOpen(status: OrderStatus | null): boolean {
  return status === 'NEW' || status === 'PARTIALLY_FILLED';
}

export class OrderLog {
  private entries: OrderLogEntry[] = [];
  private seq = 0;
  /** Entries of open orders, beside the record the account updates in place. */
  private watched = new Map<OrderLogEntry, OrderRecord>();

  /** Notes a request the venue accepted, as the order it made. */
  accepted(request: OrderLogRequest, order: OrderRecord): void {
    const entry = this.entry(request, 'accepted');
    entry.symbol = order.symbol;
    entry.clientOrderId = order.clientOrderId;
    entry.orderId = order.orderId;
    entry.status = order.status;
    entry.filled = order.executedQty;
    entry.changes.push({ status: order.status, filled: order.executedQty, at: order.updateTime });
    this.keep(entry);
    if (isOpen(order.status)) this.watched.set(entry, order);
  }

  /** Notes a request the venue refused, with its answer. */
  refused(request: OrderLogRequest, error: VenueError): void {
    const entry = this.entry(request, 'refused');
    entry.refusal = { code: error.code, msg: error.message };
    this.keep(entry);
  }

  /** Catches up with the open orders' records: each new status or fill becomes a change. */
  observe(): void {
    for (const [entry, order] of this.watched) {
      if (order.status !== entry.status || order.executedQty !== entry.filled) {
        entry.status = order.status;
        entry.filled = order.executedQty;
        entry.changes.push({
          status: order.status,
          filled: order.executedQty,
          at: order.updateTime,
        });
      }
      if (!isOpen(order.status)) this.watched.delete(entry);
    }
  }

  list(): OrderLogEntry[] {
    this.observe();
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
    this.watched.clear();
  }

  private entry(request: OrderLogRequest, outcome: OrderLogEntry['outcome']): OrderLogEntry {
    const p = request.params;
    return {
      seq: ++this.seq,
      account: request.account,
      venue: request.venue,
      symbol: text(p, 'symbol'),
      side: text(p, 'side'),
      type: text(p, 'type'),
      timeInForce: text(p, 'timeInForce'),
      amount: number(p, 'quantity'),
      quoteAmount: number(p, 'quoteOrderQty'),
      price: number(p, 'price'),
      reduceOnly: text(p, 'reduceOnly') === 'true',
      clientOrderId: text(p, 'newClientOrderId'),
      orderId: null,
      at: request.at,
      wallTime: request.wallTime,
      outcome,
      refusal: null,
      status: null,
      filled: 0,
      changes: [],
    };
  }

  private keep(entry: OrderLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) {
      const dropped = this.entries.shift()!;
      this.watched.delete(dropped);
    }
  }
}
