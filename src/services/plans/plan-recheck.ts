// A saved plan's checks judged again now, just before it is executed: still within its lifetime, the
// quotes current (not for a flatten, which may run on a stale signal), the holdings synced, the vault
// open for an account of one's own, every order book read again and each order walked through it
// against its protected limit, and every wallet read again and the steps run on it in order.
import type { FreshBalances } from '../../core/planner-recheck';
import { balanceShortfalls, freshFill } from '../../core/planner-recheck';
import type { PlanBook } from '../../core/planner-types';
import { bookKey } from '../../core/planner-types';
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import type { MarketSnapshot } from '../../shared/market';
import type { OrderStep, PlanCheck, RebalancePlan } from '../../shared/plan';
import { VALUATION_COIN } from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logger';
import type { CountedHoldings } from '../portfolio';
import {
  expiryCheck,
  freshBooksCheck,
  holdingsCheck,
  quotesCheck,
  vaultCheck,
} from './plan-checks';
import type { PlanGateway } from './plan-markets';

/** Levels of each order book read again: enough to walk any order Premia sizes. */
export const RECHECK_BOOK_DEPTH = 100;

export interface RecheckSources {
  now: () => number;
  logger: Logger;
  settings: () => Settings;
  snapshot: () => MarketSnapshot | null;
  holdings: () => CountedHoldings;
  gateway: (accountId: string) => Promise<PlanGateway>;
  vault: () => VaultStatus;
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
const list = (items: readonly string[]): string => [...new Set(items)].join(', ');
const amount = (v: number): string => String(Number(v.toPrecision(8)));

function judged(
  code: PlanCheck['code'],
  failures: readonly string[],
  ok: string,
  bad: string,
): PlanCheck {
  return failures.length === 0
    ? { code, ok: true, message: ok }
    : { code, ok: false, message: `${bad}: ${list(failures)}.` };
}

/** What was read for the plan's accounts: each gateway, book and balance, or why not. */
interface Reads {
  books: Map<string, PlanBook>;
  unreadBooks: string[];
  balances: FreshBalances[];
  unreadBalances: string[];
}

async function readAll(
  plan: RebalancePlan,
  sources: RecheckSources,
  labelOf: (account: string) => string,
): Promise<Reads> {
  const reads: Reads = { books: new Map(), unreadBooks: [], balances: [], unreadBalances: [] };
  const accounts = [...new Set(plan.steps.map((s) => s.account))];
  const orders = plan.steps.filter((s): s is OrderStep => s.kind === 'order');
  await Promise.all(
    accounts.map(async (account) => {
      let gateway: PlanGateway;
      try {
        gateway = await sources.gateway(account);
      } catch (error) {
        const why = `${labelOf(account)} could not be reached (${reasonOf(error)})`;
        reads.unreadBalances.push(why);
        for (const o of orders) if (o.account === account) reads.unreadBooks.push(o.symbol);
        return;
      }
      const symbols = [
        ...new Set(orders.filter((o) => o.account === account).map((o) => o.symbol)),
      ];
      await Promise.all([
        ...symbols.map(async (symbol) => {
          try {
            const book = await gateway.fetchOrderBook(symbol, RECHECK_BOOK_DEPTH);
            reads.books.set(bookKey(account, symbol), { bids: book.bids, asks: book.asks });
          } catch (error) {
            sources.logger.warn(`the order book of ${symbol} could not be read again`, error);
            reads.unreadBooks.push(symbol);
          }
        }),
        (async () => {
          try {
            const b = await gateway.fetchBalances();
            reads.balances.push({
              account,
              spot: Object.fromEntries(Object.entries(b.spot).map(([c, e]) => [c, e.free])),
              futures: b.futures[VALUATION_COIN]?.free ?? 0,
            });
          } catch (error) {
            reads.unreadBalances.push(`${labelOf(account)} (${reasonOf(error)})`);
          }
        })(),
      ]);
    }),
  );
  return reads;
}

/** Every check of the plan judged again now; the executor sends nothing unless each one passes. */
export async function recheckPlan(
  plan: RebalancePlan,
  sources: RecheckSources,
): Promise<PlanCheck[]> {
  const settings = sources.settings();
  const holdings = sources.holdings();
  const counted = new Map<string, AccountMeta>(holdings.counted.map((a) => [a.id, a]));
  const labelOf = (account: string): string => counted.get(account)?.label ?? account;
  const reads = await readAll(plan, sources, labelOf);
  const at = sources.now();
  const orders = plan.steps.filter((s): s is OrderStep => s.kind === 'order');
  const fills = orders.flatMap((o) => {
    const book = reads.books.get(bookKey(o.account, o.symbol));
    return book ? [{ o, fill: freshFill(o, book) }] : [];
  });
  const positions = (account: string, symbol: string) =>
    holdings.input.holdings
      .find((h) => h.accountId === account)
      ?.futures.positions.find((p) => p.symbol === symbol && p.side === 'short') ?? null;
  const shortfalls = balanceShortfalls(
    plan.steps,
    reads.balances,
    positions,
    VALUATION_COIN,
    settings.rebalance.slippageLimit,
  );
  const gone = [...new Set(plan.steps.map((s) => s.account))].filter((a) => !counted.has(a));

  const checks: PlanCheck[] = [expiryCheck(plan, at)];
  if (plan.flatten) {
    checks.push(freshBooksCheck(orders, new Set(reads.books.keys())));
  } else {
    checks.push(
      quotesCheck(
        sources.snapshot(),
        settings.assets.tracked,
        settings.market.refreshIntervalMs,
        at,
      ),
    );
  }
  checks.push(
    holdingsCheck(holdings, at),
    vaultCheck(plan.steps, holdings.counted, sources.vault()),
    judged(
      'trading-account',
      gone,
      'Every account the plan trades on is still set up.',
      'The plan trades on an account that is no longer set up',
    ),
    judged(
      'books',
      reads.unreadBooks,
      'Every order book was read again just now.',
      'The order book could not be read again for',
    ),
    judged(
      'slippage',
      fills.filter(({ fill }) => fill.deepEnough && !fill.withinLimit).map(({ o }) => o.symbol),
      'Every order still fills within its protected limit on the books read now.',
      'On the book read now the expected price is worse than the protected limit for',
    ),
    judged(
      'liquidity',
      fills.filter(({ fill }) => !fill.deepEnough).map(({ o }) => o.symbol),
      'The books read now are deep enough for every order.',
      'The book read now is too thin for the whole order on',
    ),
    reads.unreadBalances.length > 0
      ? {
          code: 'balance',
          ok: false,
          message: `The balances could not be read again for ${list(reads.unreadBalances)}.`,
        }
      : judged(
          'balance',
          shortfalls.map(
            (s) =>
              `${labelOf(s.account)} ${s.wallet} wallet ${s.coin} (short by ${amount(s.missing)})`,
          ),
          'Every wallet, read just now, holds what the plan takes from it.',
          'A wallet read just now holds less than the plan takes from it',
        ),
  );
  return checks;
}
