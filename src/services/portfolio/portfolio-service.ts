// The portfolio behind the API: the manual holdings and the last synced holdings on disk, the sync
// that refreshes them, the value recorded after each complete sync, and the view composed from all
// of it at the market's latest prices. Every change is answered once saved, and heard by `onChange`.
import type { z } from 'zod';
import {
  ManualHoldingsCsvError,
  formatManualHoldingsCsv,
  parseManualHoldingsCsv,
} from '../../core';
import type { VaultStatus } from '../../shared/accounts';
import { apiInputSchemas } from '../../shared/api';
import { PremiaError, invalidInput } from '../../shared/errors';
import type { MarketSnapshot } from '../../shared/market';
import type {
  AccountHoldings,
  ManualHolding,
  ManualHoldingInput,
  ManualHoldingUpdate,
  PortfolioHistory,
  PortfolioHistoryQuery,
  PortfolioView,
} from '../../shared/portfolio';
import {
  manualHoldingInputSchema,
  manualHoldingsCsvSchema,
  manualHoldingUpdateSchema,
  portfolioHistoryQuerySchema,
  VALUATION_COIN,
} from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import type { HoldingsStore } from './holdings-store';
import { openHoldingsStore } from './holdings-store';
import type { HoldingsSource, HoldingsSync, SyncTimers } from './holdings-sync';
import { createHoldingsSync } from './holdings-sync';
import type { ManualHoldingsStore } from './manual-holdings-store';
import { openManualHoldingsStore } from './manual-holdings-store';
import type { CountedHoldings } from './portfolio-view';
import { composePortfolioView, countedAccounts, countedHoldings } from './portfolio-view';
import type { ValueHistory } from './value-history';

export interface PortfolioServiceOptions {
  dataDir: string;
  now: () => number;
  timers: SyncTimers;
  settings: () => Settings;
  snapshot: () => MarketSnapshot | null;
  source: HoldingsSource;
  vaultStatus: () => VaultStatus;
  history: ValueHistory;
  logger: Logger;
  onChange: (view: PortfolioView) => void;
  /** Where the user is told of a damaged or newer file found on opening. */
  notices?: NoticeBoard;
  /** Ids of new manual holdings (crypto.randomUUID by default). */
  newId?: () => string;
}

export interface PortfolioService {
  getPortfolio(): Promise<PortfolioView>;
  syncHoldings(): Promise<PortfolioView>;
  getPortfolioHistory(query: PortfolioHistoryQuery): Promise<PortfolioHistory>;
  addManualHolding(input: ManualHoldingInput): Promise<ManualHolding[]>;
  updateManualHolding(input: ManualHoldingUpdate): Promise<ManualHolding[]>;
  removeManualHolding(id: string): Promise<ManualHolding[]>;
  /** Replaces the manual holdings with a CSV file's, every row or none. */
  importManualHoldings(csv: string): Promise<ManualHolding[]>;
  exportManualHoldings(): Promise<string>;
  /** Syncs now and then every `settings.portfolio.holdingsIntervalMs`. */
  start(): void;
  /** The settings changed: a new sync interval, stablecoins, targets. */
  settingsChanged(): void;
  /** The snapshot, the vault or the accounts changed: the view is composed again and heard. */
  refresh(): void;
  /** What the buckets are worked out from now, for a rebalance plan. */
  countedHoldings(): CountedHoldings;
  /** Forgets a removed account's holdings. */
  accountRemoved(id: string): Promise<void>;
  close(): Promise<void>;
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

class PortfolioServiceImpl implements PortfolioService {
  readonly #sync: HoldingsSync;

  constructor(
    private readonly options: PortfolioServiceOptions,
    private readonly manual: ManualHoldingsStore,
    private readonly holdings: HoldingsStore,
  ) {
    this.#sync = createHoldingsSync({
      source: options.source,
      store: holdings,
      timers: options.timers,
      now: options.now,
      intervalMs: () => options.settings().portfolio.holdingsIntervalMs,
      vaultStatus: options.vaultStatus,
      accounts: (all) => countedAccounts(all).counted,
      coinsToPrice: (known) => this.#coinsToPrice(known),
      logger: options.logger,
      onSynced: async (outcome) => {
        const view = this.#view();
        if (outcome.complete) await this.#record(view);
        options.onChange(view);
      },
    });
  }

  async getPortfolio(): Promise<PortfolioView> {
    return this.#view();
  }

  async syncHoldings(): Promise<PortfolioView> {
    await this.#sync.syncNow();
    return this.#view();
  }

  async getPortfolioHistory(query: PortfolioHistoryQuery): Promise<PortfolioHistory> {
    const range = parse(portfolioHistoryQuerySchema, query);
    return { points: await this.options.history.read(range) };
  }

  async addManualHolding(input: ManualHoldingInput): Promise<ManualHolding[]> {
    return this.#changed(await this.manual.add(parse(manualHoldingInputSchema, input)));
  }

  async updateManualHolding(input: ManualHoldingUpdate): Promise<ManualHolding[]> {
    const { id, holding } = parse(manualHoldingUpdateSchema, input);
    return this.#changed(await this.manual.update(id, holding));
  }

  async removeManualHolding(id: string): Promise<ManualHolding[]> {
    return this.#changed(await this.manual.remove(parse(apiInputSchemas.removeManualHolding, id)));
  }

  async importManualHoldings(csv: string): Promise<ManualHolding[]> {
    let rows;
    try {
      rows = parseManualHoldingsCsv(parse(manualHoldingsCsvSchema, csv));
    } catch (error) {
      if (!(error instanceof ManualHoldingsCsvError)) throw error;
      throw new PremiaError(
        'invalid-input',
        `${error.message}. Nothing from the file was imported.`,
      );
    }
    return this.#changed(await this.manual.replaceAll(rows));
  }

  async exportManualHoldings(): Promise<string> {
    return formatManualHoldingsCsv(this.manual.list());
  }

  start(): void {
    this.#sync.start();
  }

  settingsChanged(): void {
    this.#sync.reschedule();
    this.refresh();
  }

  refresh(): void {
    this.options.onChange(this.#view());
  }

  async accountRemoved(id: string): Promise<void> {
    this.#sync.forget(id);
    await this.holdings.drop(id);
    this.refresh();
  }

  async close(): Promise<void> {
    await this.#sync.close();
    await Promise.all([this.manual.close(), this.holdings.close()]);
  }

  #changed(list: ManualHolding[]): ManualHolding[] {
    this.refresh();
    return list;
  }

  countedHoldings(): CountedHoldings {
    const { options } = this;
    return countedHoldings({
      now: options.now(),
      settings: options.settings(),
      snapshot: options.snapshot(),
      accounts: options.source.accounts(),
      holdings: this.holdings.all(),
      tickers: this.holdings.prices(),
      manual: this.manual.list(),
    });
  }

  #view(): PortfolioView {
    const { options } = this;
    return composePortfolioView({
      now: options.now(),
      settings: options.settings(),
      snapshot: options.snapshot(),
      accounts: options.source.accounts(),
      holdings: this.holdings.all(),
      tickers: this.holdings.prices(),
      manual: this.manual.list(),
      vault: options.vaultStatus(),
      syncWarnings: this.#sync.warnings(),
    });
  }

  // Only a value every part of which is current goes on the chart: all accounts read, prices fresh,
  // every held asset priced.
  async #record(view: PortfolioView): Promise<void> {
    const { buckets } = view;
    const doubtful = buckets.warnings.some((w) =>
      ['no-price', 'no-value', 'stale-prices', 'stale-holdings'].includes(w.kind),
    );
    if (doubtful || view.prices.stale || !(buckets.value > 0)) return;
    try {
      await this.options.history.append(view.at, buckets.value);
    } catch (error) {
      this.options.logger.warn('could not record the portfolio value', error);
    }
  }

  #coinsToPrice(known: readonly AccountHoldings[]): string[] {
    const tracked = new Set(this.options.settings().assets.tracked);
    const coins = new Set<string>();
    const add = (coin: string): void => {
      if (coin !== VALUATION_COIN && !tracked.has(coin)) coins.add(coin);
    };
    for (const h of known) {
      for (const b of h.spot) add(b.asset);
      for (const b of h.futures.balances) add(b.asset);
      for (const p of h.futures.positions) add(p.asset);
    }
    for (const m of this.manual.list()) add(m.asset);
    return [...coins].sort();
  }
}

/** Opens the portfolio's files in `dataDir`; `start()` begins syncing. */
export async function createPortfolioService(
  options: PortfolioServiceOptions,
): Promise<PortfolioService> {
  const tell = (message: string): void => {
    options.logger.warn(message);
    options.notices?.add({ level: 'warning', message, at: options.now() });
  };
  const base = { dataDir: options.dataDir, now: options.now, tell };
  const manual = await openManualHoldingsStore(
    options.newId ? { ...base, newId: options.newId } : base,
  );
  const holdings = await openHoldingsStore(base).catch(async (error: unknown) => {
    await manual.close();
    throw error;
  });
  return new PortfolioServiceImpl(options, manual, holdings);
}
