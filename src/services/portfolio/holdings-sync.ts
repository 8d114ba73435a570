// Reading every account's holdings from its venue, every `settings.portfolio.holdingsIntervalMs` and
// on demand. Accounts are read side by side and apart: one failing (network, a locked vault, a bad
// key) leaves the others' holdings in and becomes a warning naming it. A sync asked for while one
// runs joins it.
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import { PremiaError } from '../../shared/errors';
import type { AccountHoldings, PortfolioWarning } from '../../shared/portfolio';
import type { Logger } from '../logger';
import { redact } from '../redaction';
import type { HoldingsStore, TickerPrices } from './holdings-store';
import { vaultLockedWarning } from './portfolio-view';

/** Where holdings come from: the accounts and, through their venues, what each holds. */
export interface HoldingsSource {
  accounts(): AccountMeta[];
  fetchHoldings(accountId: string): Promise<AccountHoldings>;
  /** USDT per unit of each coin, from the venue's tickers; coins it does not list are left out. */
  fetchSpotPrices(coins: readonly string[]): Promise<Record<string, number>>;
}

export interface SyncTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What one sync came to. */
export interface SyncOutcome {
  at: number;
  /** Accounts whose holdings came in. */
  synced: string[];
  /** One warning per account that could not be read, and one if the holdings could not be saved. */
  warnings: PortfolioWarning[];
  /** Every account read and everything saved: the holdings are all current. */
  complete: boolean;
}

export interface HoldingsSyncOptions {
  source: HoldingsSource;
  store: HoldingsStore;
  timers: SyncTimers;
  now: () => number;
  intervalMs: () => number;
  vaultStatus: () => VaultStatus;
  /** The accounts to read (all of them, or all but the demo once a real one exists). */
  accounts: (all: readonly AccountMeta[]) => AccountMeta[];
  /** The coins that need a price from the venue, given every holding now known. */
  coinsToPrice: (holdings: readonly AccountHoldings[]) => string[];
  logger: Logger;
  onSynced: (outcome: SyncOutcome) => Promise<void>;
}

export interface HoldingsSync {
  /** Syncs now, then every interval. */
  start(): void;
  /** Syncs now (or joins the sync under way). */
  syncNow(): Promise<SyncOutcome>;
  /** The warnings of the last sync. */
  warnings(): PortfolioWarning[];
  /** The interval changed: the next sync is one new interval after the last one started. */
  reschedule(): void;
  /** Forgets what the last sync said about a removed account. */
  forget(accountId: string): void;
  close(): Promise<void>;
}

function failureText(error: unknown): string {
  if (error instanceof PremiaError) return error.message;
  // Messages from a venue's library can quote a request; never a credential in it.
  if (error instanceof Error && error.message) return redact(error.message);
  return 'the exchange gave no reason';
}

export function createHoldingsSync(options: HoldingsSyncOptions): HoldingsSync {
  const { source, store, timers, now, logger } = options;
  let running: Promise<SyncOutcome> | null = null;
  let timer: unknown = null;
  let lastStart: number | null = null;
  let lastWarnings: PortfolioWarning[] = [];
  let started = false;
  let closed = false;

  const schedule = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!started || closed) return;
    const due = (lastStart ?? now()) + options.intervalMs();
    timer = timers.setTimeout(
      () => {
        timer = null;
        void syncNow().catch((error: unknown) => logger.error('holdings sync failed', error));
      },
      Math.max(0, due - now()),
    );
  };

  async function readAccount(
    account: AccountMeta,
    vaultOpen: boolean,
  ): Promise<AccountHoldings | PortfolioWarning> {
    if (!account.demo && !vaultOpen) return vaultLockedWarning(account);
    try {
      return await source.fetchHoldings(account.id);
    } catch (error) {
      if (error instanceof PremiaError && error.code === 'locked')
        return vaultLockedWarning(account);
      logger.warn(`could not sync the holdings of account ${account.id}`, error);
      return {
        kind: 'sync-failed',
        accountId: account.id,
        message: `The holdings of ${account.label} could not be synced: ${failureText(error)}`,
      };
    }
  }

  async function prices(holdings: readonly AccountHoldings[]): Promise<TickerPrices | null> {
    const coins = options.coinsToPrice(holdings);
    if (coins.length === 0) return null;
    try {
      return { at: now(), values: await source.fetchSpotPrices(coins) };
    } catch (error) {
      // The last prices read stay in use; a stablecoin never priced is counted at 1 with a warning.
      logger.warn('could not read the prices of held coins', error);
      return null;
    }
  }

  async function run(): Promise<SyncOutcome> {
    const at = now();
    lastStart = at;
    const vaultOpen = options.vaultStatus().state === 'unlocked';
    const accounts = options.accounts(source.accounts());
    const results = await Promise.all(accounts.map((a) => readAccount(a, vaultOpen)));
    const fresh = results.filter((r): r is AccountHoldings => 'accountId' in r && 'spot' in r);
    const warnings = results.filter((r): r is PortfolioWarning => 'kind' in r);
    const known = [
      ...store.all().filter((h) => !fresh.some((f) => f.accountId === h.accountId)),
      ...fresh,
    ];
    const tickers = await prices(known);
    let saved = true;
    try {
      await store.record(fresh, tickers);
    } catch (error) {
      saved = false;
      logger.error('could not save the synced holdings', error);
      warnings.push({
        kind: 'sync-failed',
        message: `The synced holdings could not be saved, so the last saved ones are shown: ${failureText(error)}`,
      });
    }
    lastWarnings = warnings;
    const outcome: SyncOutcome = {
      at,
      synced: fresh.map((h) => h.accountId),
      warnings,
      complete: saved && warnings.length === 0,
    };
    await options.onSynced(outcome);
    return outcome;
  }

  function syncNow(): Promise<SyncOutcome> {
    if (closed) {
      return Promise.reject(
        new PremiaError('unavailable', 'Premia is closing: holdings are no longer synced.'),
      );
    }
    if (running) return running;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const current = run().finally(() => {
      running = null;
      schedule();
    });
    running = current;
    return current;
  }

  return {
    start() {
      if (started || closed) return;
      started = true;
      void syncNow().catch((error: unknown) => logger.error('holdings sync failed', error));
    },
    syncNow,
    warnings: () => [...lastWarnings],
    reschedule() {
      if (running === null) schedule();
    },
    forget(accountId) {
      lastWarnings = lastWarnings.filter((w) => w.accountId !== accountId);
    },
    async close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
