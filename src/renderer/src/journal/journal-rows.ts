// How the Journal page words its entries and open orders, and how its filters become the host's query:
// each status with a label and a colour, amounts and prices with the app's formatters, dates typed as
// calendar days in the machine's time zone.
import { formatPrice, MISSING } from '../../../core/format';
import {
  JOURNAL_STATUSES,
  type JournalEntry,
  type JournalQuery,
  type JournalStatus,
  type OpenOrder,
} from '../../../shared/execution';
import { PLAN_ID_PATTERN, type PlanMarket } from '../../../shared/plan';
import { formatMoment } from '../markets/time-text';
import { formatQuantity } from '../portfolio/value-text';

export const JOURNAL_STATUS_LABELS: Record<JournalStatus, string> = {
  intent: 'Written, not yet sent',
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  'partially-filled': 'Partly filled',
  filled: 'Filled',
  failed: 'Failed',
  unwound: 'Unwound',
  abandoned: 'Abandoned',
  canceled: 'Canceled',
};

export const JOURNAL_STATUS_COLORS: Record<JournalStatus, string> = {
  intent: 'gray',
  sent: 'blue',
  acknowledged: 'blue',
  'partially-filled': 'yellow',
  filled: 'teal',
  failed: 'red',
  unwound: 'orange',
  abandoned: 'red',
  canceled: 'gray',
};

/** The statuses as the filter offers them, in the journal's own order. */
export const STATUS_OPTIONS = JOURNAL_STATUSES.map((status) => ({
  value: status,
  label: JOURNAL_STATUS_LABELS[status],
}));

export interface JournalRow {
  key: string;
  time: string;
  plan: string;
  account: string;
  venue: string;
  /** The symbol of an order, or a transfer's wallets: 'spot → futures'. */
  what: string;
  side: string;
  amount: string;
  filled: string;
  price: string;
  /** '0.25 USDT', or a dash when no fee is known. */
  fee: string;
  status: JournalStatus;
  statusLabel: string;
  statusColor: string;
  reason: string;
}

const SIDES = { buy: 'Buy', sell: 'Sell' } as const;

function entryRow(entry: JournalEntry, accountLabel: (id: string) => string, timeZone?: string) {
  const transfer = entry.kind === 'transfer';
  return {
    key: entry.clientOrderId,
    time: formatMoment(entry.updatedAt, timeZone),
    plan: entry.planId,
    account: accountLabel(entry.account),
    venue: entry.exchange,
    what: transfer
      ? `Transfer ${entry.from ?? MISSING} → ${entry.to ?? MISSING}`
      : (entry.symbol ?? MISSING),
    side: entry.side === null ? MISSING : SIDES[entry.side],
    amount: `${formatQuantity(entry.amount)} ${entry.asset}`,
    filled: formatQuantity(entry.filled),
    price: entry.price === null ? MISSING : formatPrice(entry.price),
    fee:
      entry.fee === null
        ? MISSING
        : `${formatQuantity(entry.fee)}${entry.feeCurrency === null ? '' : ` ${entry.feeCurrency}`}`,
    status: entry.status,
    statusLabel: JOURNAL_STATUS_LABELS[entry.status],
    statusColor: JOURNAL_STATUS_COLORS[entry.status],
    reason: entry.reason ?? '',
  } satisfies JournalRow;
}

/** Every entry, newest first (a plan's steps in their order when they moved at the same moment). */
export function journalRows(
  entries: readonly JournalEntry[],
  accountLabel: (id: string) => string,
  timeZone?: string,
): JournalRow[] {
  return [...entries]
    .sort(
      (a, b) => b.updatedAt - a.updatedAt || a.planId.localeCompare(b.planId) || a.step - b.step,
    )
    .map((entry) => entryRow(entry, accountLabel, timeZone));
}

/** The filters as typed: empty text and no statuses mean no filter. Dates are 'YYYY-MM-DD'. */
export interface JournalFilters {
  planId: string;
  account: string | null;
  asset: string;
  statuses: JournalStatus[];
  from: string;
  to: string;
}

export const NO_FILTERS: JournalFilters = {
  planId: '',
  account: null,
  asset: '',
  statuses: [],
  from: '',
  to: '',
};

export type QueryReading = { ok: true; query: JournalQuery } | { ok: false; problem: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first millisecond of a calendar day in the machine's time zone, or null when it is not a date. */
function dayStart(text: string, offsetDays = 0): number | null {
  const match = DAY.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // 2026-02-31 would roll over into March: not a day anyone meant.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return null;
  }
  return new Date(year, month - 1, day + offsetDays).getTime();
}

/** The host's query for the filters, or why the filters cannot be asked as typed. */
export function journalQuery(filters: JournalFilters): QueryReading {
  const query: JournalQuery = {};
  const planId = filters.planId.trim().toLowerCase();
  if (planId !== '') {
    if (!PLAN_ID_PATTERN.test(planId)) {
      return { ok: false, problem: 'A plan id is 1 to 16 lower-case letters and digits.' };
    }
    query.planId = planId;
  }
  if (filters.account !== null && filters.account !== '') query.account = filters.account;
  const asset = filters.asset.trim().toUpperCase();
  if (asset !== '') query.asset = asset;
  if (filters.statuses.length > 0) query.status = [...filters.statuses];
  if (filters.from !== '') {
    const from = dayStart(filters.from);
    if (from === null) return { ok: false, problem: 'The first day is not a date.' };
    query.from = from;
  }
  if (filters.to !== '') {
    const next = dayStart(filters.to, 1);
    if (next === null) return { ok: false, problem: 'The last day is not a date.' };
    // The whole last day counts, up to its last millisecond.
    query.to = next - 1;
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    return { ok: false, problem: 'The first day is after the last one.' };
  }
  return { ok: true, query };
}

/** The exported file's name for the day it is saved: 'premia-journal-2026-03-27.csv'. */
export function journalCsvFilename(now: number): string {
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `premia-journal-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`;
}

const MARKET_NAMES: Record<PlanMarket, string> = {
  spot: 'Spot',
  perp: 'Perpetual',
  future: 'Dated future',
};

export interface OpenOrderRow {
  key: string;
  account: string;
  /** The account's id, the symbol and the order id: what cancelling needs. */
  cancel: { account: string; symbol: string; orderId: string };
  venue: string;
  market: string;
  symbol: string;
  side: string;
  amount: string;
  filled: string;
  price: string;
  /** The plan it belongs to, or 'not placed by Premia'. */
  plan: string;
  placedAt: string;
  /** The order in a few words: 'Buy 0.05 BTC/USDT'. */
  what: string;
  /** The Cancel button's name: 'Cancel Buy 0.05 BTC/USDT'. */
  cancelLabel: string;
}

export function openOrderRows(
  orders: readonly OpenOrder[],
  accountLabel: (id: string) => string,
  timeZone?: string,
): OpenOrderRow[] {
  return orders.map((o) => {
    const side = SIDES[o.side];
    const amount = formatQuantity(o.amount);
    const what = `${side} ${amount} ${o.symbol}`;
    return {
      key: `${o.account}-${o.symbol}-${o.orderId}`,
      account: accountLabel(o.account),
      cancel: { account: o.account, symbol: o.symbol, orderId: o.orderId },
      venue: o.exchange,
      market: MARKET_NAMES[o.market],
      symbol: o.symbol,
      side,
      amount,
      filled: formatQuantity(o.filled),
      price: o.price === null ? 'market' : formatPrice(o.price),
      plan: o.planId ?? 'not placed by Premia',
      placedAt: o.placedAt === null ? MISSING : formatMoment(o.placedAt, timeZone),
      what,
      cancelLabel: `Cancel ${what}`,
    };
  });
}
