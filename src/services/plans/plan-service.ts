// Makes, saves and serves rebalance plans, and judges a plan's checks again before it is executed. A
// plan is made in two passes of the planner: the first, without order books, names the instruments
// the plan trades; only their books are read; the second plans with them. The service adds the checks
// it can judge (quotes — for a flatten, its books read now instead —, holdings, vault, expiry), gives
// the plan a random id and a lifetime, saves it and tells every window. Nothing here places an order.
import { randomInt } from 'node:crypto';
import { annualizeSettledFunding, planRebalance } from '../../core';
import type { PlanBook, PlannerInput } from '../../core/planner-types';
import { bookKey } from '../../core/planner-types';
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import type { PremiaEvent } from '../../shared/api';
import { invalidInput, PremiaError } from '../../shared/errors';
import type { HistorySeries, MarketSnapshot } from '../../shared/market';
import type { PlanCheck, PlanProposal, PlanRequest, RebalancePlan } from '../../shared/plan';
import { PLAN_ID_MAX_LENGTH, planIdSchema, planRequestSchema } from '../../shared/plan';
import { VALUATION_COIN } from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import { DAY_MS } from '../../shared/time';
import type { Logger } from '../logger';
import type { CountedHoldings } from '../portfolio';
import {
  expiryCheck,
  freshBooksCheck,
  holdingsCheck,
  judgedAt,
  quotesCheck,
  vaultCheck,
} from './plan-checks';
import type { PlanGateway } from './plan-markets';
import { accountMarkets, canTrade, TradingCostCache } from './plan-markets';
import { recheckPlan } from './plan-recheck';
import { openPlanStore, type PlanStore } from './plan-store';

/** The pure planner (src/core), injected so the service can be tried with a small one. */
export type Planner = (input: PlannerInput) => PlanProposal;

/** Levels of each order book read for a plan: enough to walk any order Premia sizes. */
export const PLAN_BOOK_DEPTH = 100;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 16 characters from a cryptographic source: an id nobody can guess or collide with. */
export function newPlanId(): string {
  let id = '';
  for (let i = 0; i < PLAN_ID_MAX_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export interface PlanServiceOptions {
  dataDir: string;
  now: () => number;
  logger: Logger;
  /** Tells the user what was done to a damaged or newer plans file on opening. */
  tell: (message: string) => void;
  settings: () => Settings;
  snapshot: () => MarketSnapshot | null;
  holdings: () => CountedHoldings;
  gateway: (accountId: string) => Promise<PlanGateway>;
  vault: () => VaultStatus;
  /** The funding settlements the market service keeps for an asset since `from`. */
  fundingHistory: (asset: string, from: number) => Promise<HistorySeries>;
  emit: (event: PremiaEvent) => void;
  planner?: Planner;
  newId?: () => string;
  costs?: TradingCostCache;
}

export interface PlanService {
  createPlan(request: PlanRequest): Promise<RebalancePlan>;
  getPlan(id: string): Promise<RebalancePlan>;
  listPlans(): Promise<RebalancePlan[]>;
  /**
   * Every check of `plan` judged again now, on books and balances read again (the holdings are
   * taken as given: sync them first). The executor sends nothing unless each one passes.
   */
  recheckPlan(plan: RebalancePlan): Promise<PlanCheck[]>;
  close(): Promise<void>;
}

export async function createPlanService(options: PlanServiceOptions): Promise<PlanService> {
  const { now, logger } = options;
  const planner = options.planner ?? planRebalance;
  const newId = options.newId ?? newPlanId;
  const costs = options.costs ?? new TradingCostCache();
  const store: PlanStore = await openPlanStore({
    dataDir: options.dataDir,
    now,
    tell: options.tell,
  });

  /** Annualized funding over the signal window: the snapshot's own average, else the kept history. */
  async function fundingOf(asset: string, settings: Settings): Promise<number | null> {
    const quote = options.snapshot()?.assets.find((a) => a.asset === asset);
    if (quote?.premiumSource === 'funding-average' && quote.premium !== null) return quote.premium;
    const from = now() - settings.signal.averagingWindowDays * DAY_MS;
    try {
      const history = await options.fundingHistory(asset, from);
      const paid = history.t.flatMap((at, i) => {
        const rate = history.v[i];
        const intervalHours = history.intervalHours?.[i];
        return at > from && rate !== undefined && intervalHours !== undefined && intervalHours > 0
          ? [{ rate, intervalHours }]
          : [];
      });
      if (paid.length > 0) return annualizeSettledFunding(paid);
    } catch (error) {
      logger.warn(`the funding history of ${asset} could not be read for a plan`, error);
    }
    return quote?.perp?.annualized ?? null;
  }

  async function plannerInput(request: PlanRequest): Promise<{
    input: PlannerInput;
    holdings: CountedHoldings;
    snapshot: MarketSnapshot | null;
    settings: Settings;
    gateways: Map<string, PlanGateway>;
    locked: AccountMeta[];
  }> {
    const settings = options.settings();
    const snapshot = options.snapshot();
    const holdings = options.holdings();
    const at = now();
    const held = new Set(
      holdings.input.holdings.flatMap((h) => h.spot.filter((b) => b.total > 0).map((b) => b.asset)),
    );
    const stables = settings.rebalance.convertStablecoins
      ? holdings.input.stablecoins.filter((c) => c !== VALUATION_COIN && held.has(c))
      : [];
    const assets = [...settings.assets.tracked, ...stables];
    // A flatten may run on stale quotes: a contract the snapshot does not price is priced at its
    // position's mark until its book is read.
    const contractPrices: Record<string, number> = {};
    if (request.flatten) {
      for (const h of holdings.input.holdings) {
        for (const p of h.futures.positions) contractPrices[p.symbol] = p.markPrice;
      }
    }
    const gateways = new Map<string, PlanGateway>();
    // Accounts whose keys the locked vault holds: planned as unable to trade, and the vault check
    // says why, rather than no plan at all.
    const locked: AccountMeta[] = [];
    const accounts = await Promise.all(
      holdings.counted.map(async (account) => {
        if (!canTrade(account)) {
          return { id: account.id, exchange: account.exchange, canTrade: false, markets: [] };
        }
        try {
          const gateway = await options.gateway(account.id);
          gateways.set(account.id, gateway);
          return await accountMarkets({
            account,
            gateway,
            assets,
            snapshot,
            prices: holdings.input.prices,
            contractPrices,
            funding: (asset) => fundingOf(asset, settings),
            costs,
            now: at,
          });
        } catch (error) {
          if (error instanceof PremiaError && error.code === 'locked') {
            locked.push(account);
            return { id: account.id, exchange: account.exchange, canTrade: false, markets: [] };
          }
          const reason = error instanceof Error ? error.message : String(error);
          throw new PremiaError(
            error instanceof PremiaError ? error.code : 'unavailable',
            `The markets of ${account.label} could not be read, so no plan was made: ${reason}`,
          );
        }
      }),
    );
    const input: PlannerInput = {
      now: at,
      buckets: holdings.input,
      accounts,
      books: {},
      settings: {
        driftBand: settings.rebalance.driftBand,
        slippageLimit: settings.rebalance.slippageLimit,
        leverageCap: settings.rebalance.leverageCap,
        holdingDays: settings.rebalance.holdingDays,
        minDaysToExpiry: settings.signal.minDaysToExpiry,
        convertStablecoins: settings.rebalance.convertStablecoins,
        marginCoin: VALUATION_COIN,
      },
      action: request.action ?? null,
      flatten: request.flatten === true,
    };
    return { input, holdings, snapshot, settings, gateways, locked };
  }

  /** The books of the instruments a first pass trades; a book that cannot be read is left out. */
  async function booksFor(
    proposal: PlanProposal,
    gateways: Map<string, PlanGateway>,
  ): Promise<Record<string, PlanBook>> {
    const wanted = new Map<string, { account: string; symbol: string }>();
    for (const step of proposal.steps) {
      if (step.kind !== 'order') continue;
      wanted.set(bookKey(step.account, step.symbol), {
        account: step.account,
        symbol: step.symbol,
      });
    }
    const books: Record<string, PlanBook> = {};
    await Promise.all(
      [...wanted].map(async ([key, { account, symbol }]) => {
        const gateway = gateways.get(account);
        if (!gateway) return;
        try {
          const book = await gateway.fetchOrderBook(symbol, PLAN_BOOK_DEPTH);
          books[key] = { bids: book.bids, asks: book.asks };
        } catch (error) {
          // The planner prices it at the reference price and its `books` check says so.
          logger.warn(`the order book of ${symbol} could not be read for a plan`, error);
        }
      }),
    );
    return books;
  }

  return {
    async createPlan(request) {
      const parsed = planRequestSchema.safeParse(request ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const flatten = parsed.data.flatten === true;
      const made = await plannerInput(parsed.data);
      const first = planner(made.input);
      const books = await booksFor(first, made.gateways);
      const proposal = planner({ ...made.input, books });
      // Never passed off as something else: a flatten asked for must come back as one.
      if (proposal.flatten !== flatten) {
        throw new PremiaError(
          'internal',
          flatten
            ? 'The planner answered a flatten with another plan; nothing was saved.'
            : 'The planner answered a rebalance with a flatten; nothing was saved.',
        );
      }
      const orders = proposal.steps.filter((s) => s.kind === 'order');
      const at = now();
      const expiresAt = at + made.settings.rebalance.planTtlSeconds * 1_000;
      const demoIds = new Set(made.holdings.counted.filter((a) => a.demo).map((a) => a.id));
      const checks = [
        flatten
          ? freshBooksCheck(orders, new Set(Object.keys(books)))
          : quotesCheck(
              made.snapshot,
              made.settings.assets.tracked,
              made.settings.market.refreshIntervalMs,
              at,
            ),
        holdingsCheck(made.holdings, at),
        vaultCheck(proposal.steps, made.holdings.counted, options.vault(), made.locked),
        expiryCheck({ expiresAt }, at),
        ...proposal.checks,
      ];
      const plan: RebalancePlan = {
        ...proposal,
        checks,
        id: newId(),
        at,
        expiresAt,
        demo: proposal.steps.some((s) => demoIds.has(s.account)),
        basedOn: { quotesAt: made.snapshot?.at ?? null, holdingsAt: made.holdings.oldestSync },
        ready: checks.every((c) => c.ok),
      };
      await store.save(plan);
      options.emit({ type: 'plan', plan });
      return plan;
    },

    async getPlan(id) {
      const parsed = planIdSchema.safeParse(id);
      const plan = parsed.success ? store.get(parsed.data) : null;
      if (!plan) {
        throw new PremiaError(
          'not-found',
          'There is no such plan: it may have expired and been dropped. Make a new plan.',
        );
      }
      return judgedAt(plan, now());
    },

    async listPlans() {
      const at = now();
      return store.list().map((plan) => judgedAt(plan, at));
    },

    recheckPlan: (plan) =>
      recheckPlan(plan, {
        now,
        logger,
        settings: options.settings,
        snapshot: options.snapshot,
        holdings: options.holdings,
        gateway: options.gateway,
        vault: options.vault,
      }),
    close: () => store.close(),
  };
}
