// The portfolio's part of the services: the key vault, the exchange accounts and the holdings wired
// together, answering the API's vault, account and portfolio methods. The composition root opens it
// beside the market and tells it when the demo market starts or stops and when prices move.
import type { VaultStatus } from '../shared/accounts';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import type { MarketSnapshot } from '../shared/market';
import type { Settings } from '../shared/settings';
import type { AccountService, DemoSimulator } from './accounts';
import { createAccountService } from './accounts';
import type { ExchangeGateway, ExchangeGatewayOptions } from './gateway';
import type { HistoryStore } from './history';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';
import type {
  CountedHoldings,
  HoldingsSource,
  PortfolioService,
  SyncTimers,
  ValueHistory,
} from './portfolio';
import { createPortfolioService, historyValueHistory } from './portfolio';
import type { OneShotTimers } from './settle-within';
import type { KeyKeeper, Vault } from './vault';
import { openVault } from './vault';
import type { KdfCost } from './vault/vault-crypto';

export const PORTFOLIO_METHODS = [
  'getVaultStatus',
  'createVault',
  'unlockVault',
  'lockVault',
  'changeVaultPassphrase',
  'resetVault',
  'listAccounts',
  'addAccount',
  'testAccount',
  'removeAccount',
  'getPortfolio',
  'syncHoldings',
  'getPortfolioHistory',
  'addManualHolding',
  'updateManualHolding',
  'removeManualHolding',
  'importManualHoldings',
  'exportManualHoldings',
] as const satisfies readonly (keyof PremiaApi)[];

export type PortfolioMethod = (typeof PORTFOLIO_METHODS)[number];

/** Settings for tests: timers, a cheaper key derivation, the gateways' retries and clocks. */
export interface PortfolioPartsTuning {
  timers?: OneShotTimers & SyncTimers;
  kdf?: KdfCost;
  gateway?: Partial<Omit<ExchangeGatewayOptions, 'exchange' | 'credentials' | 'environment'>>;
}

export interface PortfolioPartsOptions extends PortfolioPartsTuning {
  dataDir: string;
  now: () => number;
  logger: Logger;
  settings: () => Settings;
  snapshot: () => MarketSnapshot | null;
  /** The market's history store, where the portfolio's value is recorded beside prices. */
  historyStore: () => Promise<HistoryStore>;
  notices: NoticeBoard;
  emit: (event: PremiaEvent) => void;
  keyKeeper: KeyKeeper;
}

export interface PortfolioParts {
  api: Pick<PremiaApi, PortfolioMethod>;
  /** The demo market runs: its account is made (once) and synced. */
  demoMarketStarted(sim: DemoSimulator): Promise<void>;
  demoMarketStopped(): void;
  /** New prices or regimes: the view is composed again. */
  snapshotChanged(): void;
  settingsChanged(): void;
  /** What a rebalance plan starts from: the counted holdings, their accounts, the vault. */
  planSources(): {
    holdings: () => CountedHoldings;
    gateway: (accountId: string) => Promise<ExchangeGateway>;
    vault: () => VaultStatus;
  };
  close(): Promise<void>;
}

const globalTimers: OneShotTimers & SyncTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Reaches the history store only when a value is recorded or read, as the market opens it lazily. */
function lazyValueHistory(store: () => Promise<HistoryStore>): ValueHistory {
  return {
    append: async (at, value) => historyValueHistory(await store()).append(at, value),
    read: async (query) => historyValueHistory(await store()).read(query),
  };
}

export async function openPortfolioParts(options: PortfolioPartsOptions): Promise<PortfolioParts> {
  const { logger, now } = options;
  const timers = options.timers ?? globalTimers;
  let simulatorUrl: string | null = null;
  // Declared before the vault, whose status events reach it once it exists.
  let portfolio: PortfolioService | null = null;

  const vault: Vault = await openVault({
    dataDir: options.dataDir,
    now,
    timers,
    keyKeeper: options.keyKeeper,
    autoLockMinutes: () => options.settings().vault.autoLockMinutes,
    onStatus: (status) => {
      options.emit({ type: 'vault', status });
      portfolio?.refresh();
    },
    logger: logger.child('vault'),
    kdf: options.kdf,
  });

  let accounts: AccountService;
  try {
    accounts = await createAccountService({
      dataDir: options.dataDir,
      secrets: vault.secrets,
      now,
      logger: logger.child('accounts'),
      simulatorUrl: () => simulatorUrl,
      gateway: options.gateway,
      tell: (message) => options.notices.add({ level: 'warning', message, at: now() }),
    });
  } catch (error) {
    await vault.close();
    throw error;
  }

  const source: HoldingsSource = {
    // The demo account is read only while its market runs.
    accounts: () => accounts.list().filter((a) => !a.demo || simulatorUrl !== null),
    fetchHoldings: (id) => accounts.fetchHoldings(id),
    async fetchSpotPrices(coins) {
      // Prices are read through an account's gateway; with none there is nobody to ask (and ccxt
      // stays unloaded until the market needs it).
      const first = source.accounts()[0];
      if (first === undefined) return {};
      const prices = await accounts.fetchSpotPrices(coins, first.id);
      const known: Record<string, number> = {};
      for (const [coin, price] of Object.entries(prices)) if (price !== null) known[coin] = price;
      return known;
    },
  };

  try {
    portfolio = await createPortfolioService({
      dataDir: options.dataDir,
      now,
      timers,
      settings: options.settings,
      snapshot: options.snapshot,
      source,
      vaultStatus: () => vault.status(),
      history: lazyValueHistory(options.historyStore),
      logger: logger.child('portfolio'),
      onChange: (view) => options.emit({ type: 'portfolio', portfolio: view }),
      notices: options.notices,
    });
  } catch (error) {
    await vault.close();
    throw error;
  }
  const holdings = portfolio;
  holdings.start();

  /** Syncs in the background after a change that brings new holdings to read. */
  const syncSoon = (why: string): void => {
    holdings.syncHoldings().catch((error: unknown) => {
      logger.warn(`holdings could not be synced after ${why}`, error);
    });
  };

  /**
   * The demo account being made: a sync asked for meanwhile waits for it (so the demo's holdings are
   * in it), and so does closing (it writes to the data folder).
   */
  let demoSetup: Promise<unknown> = Promise.resolve();

  const api: PortfolioParts['api'] = {
    getVaultStatus: async () => vault.status(),
    createVault: (input) => vault.create(input),
    async unlockVault(input) {
      const status = await vault.unlock(input);
      syncSoon('the vault was unlocked');
      return status;
    },
    lockVault: () => vault.lock(),
    changeVaultPassphrase: (input) => vault.changePassphrase(input),
    resetVault: () => vault.reset(),

    listAccounts: async () => accounts.list(),
    async addAccount(input) {
      const result = await accounts.add(input);
      holdings.refresh();
      syncSoon('an account was added');
      return result;
    },
    async testAccount(id) {
      const result = await accounts.test(id);
      holdings.refresh();
      return result;
    },
    async removeAccount(id) {
      await accounts.remove(id);
      await holdings.accountRemoved(id);
      holdings.refresh();
      return accounts.list();
    },

    getPortfolio: () => holdings.getPortfolio(),
    async syncHoldings() {
      await demoSetup;
      return holdings.syncHoldings();
    },
    getPortfolioHistory: (query) => holdings.getPortfolioHistory(query),
    addManualHolding: (input) => holdings.addManualHolding(input),
    updateManualHolding: (input) => holdings.updateManualHolding(input),
    removeManualHolding: (id) => holdings.removeManualHolding(id),
    importManualHoldings: (csv) => holdings.importManualHoldings(csv),
    exportManualHoldings: () => holdings.exportManualHoldings(),
  };

  return {
    api,
    demoMarketStarted(sim) {
      simulatorUrl = sim.url;
      const setup = demoSetup.then(async () => {
        await accounts.ensureDemoAccount(sim);
        syncSoon('the demo market started');
      });
      demoSetup = setup.catch(() => undefined);
      return setup;
    },
    demoMarketStopped() {
      simulatorUrl = null;
      holdings.refresh();
    },
    snapshotChanged: () => holdings.refresh(),
    planSources: () => ({
      holdings: () => holdings.countedHoldings(),
      gateway: (id) => accounts.gateway(id),
      vault: () => vault.status(),
    }),
    settingsChanged: () => holdings.settingsChanged(),
    async close() {
      try {
        await demoSetup;
        await holdings.close();
      } finally {
        await vault.close();
      }
    },
  };
}
