// Exchange accounts end to end: added (metadata in accounts.json, key and secret in the vault through
// the SecretStore), tested (what the key may do and the futures account's modes, turned into
// read-only and warnings), synced (holdings through one ccxt gateway per account, made on first use
// and dropped on removal) and removed (metadata and secrets). The demo account, on the built-in
// simulator, is made on first start with keys minted there; its keys skip the vault.
import { randomUUID } from 'node:crypto';
import type { AccountMeta, AccountTestResult, NewAccount } from '../../shared/accounts';
import { newAccountSchema } from '../../shared/accounts';
import { invalidInput, PremiaError } from '../../shared/errors';
import type { AccountHoldings } from '../../shared/portfolio';
import {
  GatewayError,
  createExchangeGateway,
  type ExchangeCredentials,
  type ExchangeGateway,
  type ExchangeGatewayOptions,
} from '../gateway';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { redact } from '../redaction';
import type { SecretStore } from '../vault/secret-store';
import { assessKey } from './account-tester';
import { openAccountsStore } from './accounts-store';
import { readDemoKeys, writeDemoKeys, type DemoKeys } from './demo-account-file';

/** What the account service needs of the built-in simulator to make the demo account. */
export interface DemoSimulator {
  url: string;
  mintKey(options: { portfolio: 'demo' }): { apiKey: string; secret: string; accountId: string };
  /** Whether the simulator still honours a key (its state may have been lost); assumed when absent. */
  knowsKey?(apiKey: string): boolean;
}

export interface AccountServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  now?: () => number;
  logger?: Logger;
  /** Where the simulator runs now (null when it does not): the `simulator` environment's target. */
  simulatorUrl: () => string | null;
  /** Options every account's gateway is made with (the tests' short retries and clocks). */
  gateway?: Partial<Omit<ExchangeGatewayOptions, 'exchange' | 'credentials' | 'environment'>>;
  /** Hears what happened to the accounts file when more than a plain read did. */
  tell?: (message: string) => void;
}

export interface AccountService {
  list(): AccountMeta[];
  add(input: unknown): Promise<AccountTestResult>;
  test(id: string): Promise<AccountTestResult>;
  remove(id: string): Promise<void>;
  fetchHoldings(id: string): Promise<AccountHoldings>;
  /** USDT prices of coins, read through the account's gateway (the first account's by default). */
  fetchSpotPrices(
    coins: readonly string[],
    accountId?: string,
  ): Promise<Record<string, number | null>>;
  ensureDemoAccount(sim: DemoSimulator): Promise<AccountMeta>;
  /** The account's gateway (its key read from the vault on first use). */
  gateway(id: string): Promise<ExchangeGateway>;
}

export const DEMO_ACCOUNT_LABEL = 'Demo portfolio';

export async function createAccountService(
  options: AccountServiceOptions,
): Promise<AccountService> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const tell = options.tell ?? ((message: string) => logger.warn(message));
  const store = await openAccountsStore({ dataDir: options.dataDir, now, tell });
  const gateways = new Map<string, ExchangeGateway>();
  let demoKeys: DemoKeys | null = await readDemoKeys(options.dataDir);

  function accountOf(id: string): AccountMeta {
    const account = store.get(id);
    if (!account)
      throw new PremiaError('not-found', 'There is no such account: it may have been removed.');
    return account;
  }

  async function credentialsOf(account: AccountMeta): Promise<ExchangeCredentials> {
    if (account.demo) {
      if (!demoKeys) throw new PremiaError('not-found', 'The demo account has no keys yet.');
      return { apiKey: demoKeys.apiKey, secret: demoKeys.secret };
    }
    if (!options.secrets.unlocked()) {
      throw new PremiaError(
        'locked',
        `The key vault is locked: unlock it to use the account “${account.label}”.`,
      );
    }
    const secrets = await options.secrets.read(account.id);
    if (!secrets) {
      throw new PremiaError(
        'not-found',
        `The vault holds no key for the account “${account.label}”: remove the account and add it again.`,
      );
    }
    return { apiKey: secrets.apiKey, secret: secrets.secret };
  }

  async function gatewayOf(account: AccountMeta): Promise<ExchangeGateway> {
    const existing = gateways.get(account.id);
    if (existing) return existing;
    const credentials = await credentialsOf(account);
    // Tests send every account's requests to a simulator through the gateway options.
    let redirectTo: string | null = options.gateway?.redirectTo ?? null;
    if (account.environment === 'simulator') {
      redirectTo = options.simulatorUrl();
      if (!redirectTo) {
        throw new PremiaError(
          'unavailable',
          `The built-in simulator is not running, so the account “${account.label}” cannot be reached.`,
        );
      }
    }
    const { gateway } = createExchangeGateway({
      ...options.gateway,
      exchange: account.exchange,
      environment: account.environment,
      credentials,
      redirectTo,
      venueName: account.demo ? 'the demo market' : options.gateway?.venueName,
      now,
    });
    gateways.set(account.id, gateway);
    return gateway;
  }

  /**
   * Tests the account's key; `keyRefused` when the venue refused the key itself (a wrong key or
   * secret, this IP, a permission), as opposed to not answering.
   */
  async function testKey(id: string): Promise<{ result: AccountTestResult; keyRefused: boolean }> {
    const account = accountOf(id);
    const gateway = await gatewayOf(account);
    try {
      const permissions = await gateway.fetchKeyPermissions();
      let modes = null;
      const extra: string[] = [];
      try {
        modes = await gateway.fetchAccountModes();
      } catch (error) {
        extra.push(`The futures account's modes could not be read: ${(error as Error).message}`);
      }
      const assessment = assessKey(permissions, modes);
      const tested: AccountMeta = {
        ...account,
        permissions,
        modes,
        readOnly: assessment.readOnly,
        warnings: [...assessment.warnings, ...extra],
        testedAt: now(),
      };
      await store.put(tested);
      return { result: { account: tested, ok: true, problem: null }, keyRefused: false };
    } catch (error) {
      const problem = redact((error as Error).message);
      logger.warn(`testing the account ${id} failed: ${problem}`);
      const tested: AccountMeta = { ...account, testedAt: now() };
      await store.put(tested);
      const keyRefused = error instanceof GatewayError && error.kind === 'auth';
      return { result: { account: tested, ok: false, problem }, keyRefused };
    }
  }

  async function test(id: string): Promise<AccountTestResult> {
    return (await testKey(id)).result;
  }

  return {
    list: () => store.list(),
    gateway: (id) => gatewayOf(accountOf(id)),

    async add(input) {
      const parsed = newAccountSchema.safeParse(input);
      if (!parsed.success) throw invalidInput(parsed.error);
      const data: NewAccount = parsed.data;
      // An account on the built-in simulator (keys minted there) is a practice account: its keys go
      // to the vault like any other, and it counts as the user's own, not as the demo.
      if (data.environment === 'simulator' && options.simulatorUrl() === null) {
        throw new PremiaError(
          'unavailable',
          'The built-in simulator is not running: choose the demo market as the market source first.',
          'environment',
        );
      }
      const id = randomUUID();
      // The secrets go first: a locked vault refuses here, before anything is saved.
      await options.secrets.write(id, {
        apiKey: data.apiKey,
        secret: data.secret,
        ...(data.passphrase ? { passphrase: data.passphrase } : {}),
      });
      const account: AccountMeta = {
        id,
        exchange: data.exchange,
        label: data.label,
        environment: data.environment,
        demo: false,
        createdAt: now(),
        permissions: null,
        readOnly: false,
        modes: null,
        testedAt: null,
        syncedAt: null,
        warnings: [],
      };
      try {
        await store.put(account);
      } catch (error) {
        await options.secrets.remove(id).catch(() => undefined);
        throw error;
      }
      const { result, keyRefused } = await testKey(id);
      if (!keyRefused) return result;
      // A key the venue refuses outright is not kept: nothing of it is saved, and the form keeps what
      // was typed to be corrected. A venue out of reach keeps the account, to be tested again.
      gateways.delete(id);
      await store.remove(id);
      await options.secrets.remove(id);
      throw new PremiaError(
        'auth',
        `${result.problem ?? 'The exchange refused the key.'} Nothing was saved: correct the key and secret and add the account again.`,
      );
    },

    test,

    async remove(id) {
      const account = accountOf(id);
      gateways.delete(id);
      await store.remove(id);
      if (account.demo) demoKeys = null;
      else await options.secrets.remove(id);
    },

    async fetchHoldings(id) {
      const account = accountOf(id);
      const holdings = await (await gatewayOf(account)).fetchHoldings();
      const current = store.get(id);
      if (current) await store.put({ ...current, syncedAt: holdings.syncedAt });
      return { accountId: id, ...holdings };
    },

    async fetchSpotPrices(coins, accountId) {
      const account = accountId ? accountOf(accountId) : store.list()[0];
      if (!account) throw new PremiaError('not-found', 'Add an account to read prices from.');
      return (await gatewayOf(account)).fetchSpotPrices(coins);
    },

    async ensureDemoAccount(sim) {
      const listed = store.list().find((a) => a.demo);
      const usable = demoKeys !== null && (sim.knowsKey?.(demoKeys.apiKey) ?? true);
      // A demo account made before its key was ever tested is tested once, so what it may do shows.
      if (listed && usable)
        return listed.testedAt === null ? (await test(listed.id)).account : listed;
      if (!usable) {
        const minted = sim.mintKey({ portfolio: 'demo' });
        demoKeys = { accountId: minted.accountId, apiKey: minted.apiKey, secret: minted.secret };
        await writeDemoKeys(options.dataDir, demoKeys);
        if (listed) gateways.delete(listed.id);
      }
      const account: AccountMeta = listed ?? {
        id: `demo-${demoKeys!.accountId}`,
        exchange: 'binance',
        label: DEMO_ACCOUNT_LABEL,
        environment: 'simulator',
        demo: true,
        createdAt: now(),
        permissions: null,
        readOnly: false,
        modes: null,
        testedAt: null,
        syncedAt: null,
        warnings: [],
      };
      await store.put(account);
      return (await test(account.id)).account;
    },
  };
}
