// Integration: accounts added, tested, synced and removed with the real ccxt binance class over HTTP
// against the simulator, keys minted on it and kept in an in-memory vault; and the demo account made
// once on first start and found again after a restart, vault or no vault.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MintKeyOptions } from '../../sim';
import { startSimulator, venueClient, type Simulator } from '../../sim';
import { PremiaError } from '../../shared/errors';
import type { AccountSecrets, SecretStore } from '../vault/secret-store';
import { createAccountService, type AccountServiceOptions } from './account-service';
import { ACCOUNTS_FILE } from './accounts-store';
import { DEMO_ACCOUNT_FILE } from './demo-account-file';

/** The vault as the accounts see it, in memory, locked or not. */
class MemorySecrets implements SecretStore {
  readonly kept = new Map<string, AccountSecrets>();
  open = true;
  unlocked(): boolean {
    return this.open;
  }
  read(id: string): Promise<AccountSecrets | null> {
    if (!this.open) return Promise.reject(new PremiaError('locked', 'The key vault is locked.'));
    return Promise.resolve(this.kept.get(id) ?? null);
  }
  write(id: string, secrets: AccountSecrets): Promise<void> {
    if (!this.open) return Promise.reject(new PremiaError('locked', 'The key vault is locked.'));
    this.kept.set(id, secrets);
    return Promise.resolve();
  }
  remove(id: string): Promise<void> {
    this.kept.delete(id);
    return Promise.resolve();
  }
}

let sim: Simulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, speed: 0 });
});
afterAll(() => sim.close());
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'premia-accounts-'));
  dirs.push(dir);
  return dir;
}

function service(extra: Partial<AccountServiceOptions> = {}, simulator: Simulator = sim) {
  const secrets = new MemorySecrets();
  return {
    secrets,
    ready: createAccountService({
      dataDir: dataDir(),
      secrets,
      simulatorUrl: () => simulator.url,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      ...extra,
    }),
  };
}

/**
 * An account as a user adds one, on a key minted on the simulator. The simulator stands in for the
 * live venue here: the test service sends the live hosts to it.
 */
function newAccount(key: { apiKey: string; secret: string }) {
  return {
    exchange: 'binance',
    label: 'Main',
    environment: 'live',
    apiKey: key.apiKey,
    secret: key.secret,
  };
}

/** A service whose live accounts reach the simulator (as a user's live account reaches binance). */
function liveOnSim(simulator: Simulator = sim, extra: Partial<AccountServiceOptions> = {}) {
  return service({
    gateway: { rateLimitMs: 1, retry: { retries: 0 }, redirectTo: simulator.url },
    ...extra,
  });
}

function mint(options: MintKeyOptions = {}) {
  return sim.control.mintKey({ portfolio: 'demo', ...options });
}

describe('adding and syncing an account', () => {
  it('takes an account on the built-in simulator with keys minted there, its secrets in the vault', async () => {
    const { secrets, ready } = service();
    const accounts = await ready;
    const key = mint({ portfolio: 'empty' });
    const result = await accounts.add({ ...newAccount(key), environment: 'simulator' });
    expect(result.ok).toBe(true);
    expect(result.account).toMatchObject({ environment: 'simulator', demo: false });
    expect(await secrets.read(result.account.id)).toEqual({
      apiKey: key.apiKey,
      secret: key.secret,
    });
    const holdings = await accounts.fetchHoldings(result.account.id);
    expect(holdings.accountId).toBe(result.account.id);
  });

  it('refuses an account on the built-in simulator while it does not run', async () => {
    const { ready } = service({ simulatorUrl: () => null });
    const accounts = await ready;
    const refusal = await accounts
      .add({ ...newAccount(mint()), environment: 'simulator' })
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'unavailable', field: 'environment' });
    expect(accounts.list()).toEqual([]);
  });

  it('keeps the secrets in the vault, the rest in accounts.json, and syncs balances and positions', async () => {
    const { secrets, ready } = liveOnSim();
    const accounts = await ready;
    const key = mint();
    const result = await accounts.add(newAccount(key));
    expect(result.problem).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.account).toMatchObject({ readOnly: false, warnings: [], demo: false });
    expect(result.account.permissions).toMatchObject({ spotTrading: true, futuresTrading: true });
    expect(secrets.kept.get(result.account.id)).toEqual({ apiKey: key.apiKey, secret: key.secret });
    const holdings = await accounts.fetchHoldings(result.account.id);
    expect(holdings.accountId).toBe(result.account.id);
    expect(holdings.spot.map((b) => b.asset)).toEqual(['BTC', 'ETH', 'USDT']);
    expect(holdings.futures.positions).toMatchObject([{ asset: 'BTC', side: 'short' }]);
    expect(accounts.list()[0]!.syncedAt).toBe(holdings.syncedAt);
  });

  it('refuses a key whose signature the venue refuses, saving nothing, in whole words that never show the secret', async () => {
    const { secrets, ready } = liveOnSim();
    const accounts = await ready;
    const key = mint();
    const wrong = { apiKey: key.apiKey, secret: 'x'.repeat(64) };
    const refusal = await accounts.add(newAccount(wrong)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PremiaError);
    expect((refusal as PremiaError).code).toBe('auth');
    // Whole words: redaction, which runs over every problem shown, must not eat any of them.
    expect((refusal as PremiaError).message).toBe(
      'Binance refused the request’s signature, because the API secret does not match the key. Enter the secret that was shown with this key when it was created. Nothing was saved: correct the key and secret and add the account again.',
    );
    expect((refusal as PremiaError).message).not.toContain(wrong.secret);
    expect(accounts.list()).toEqual([]);
    expect(secrets.kept.size).toBe(0);
  });

  it('says this computer’s clock is off when the venue’s clock is beyond the recvWindow', async () => {
    const ahead = await startSimulator({ seed: 32, speed: 0, now: () => Date.now() + 90_000 });
    try {
      const accounts = await liveOnSim(ahead).ready;
      const result = await accounts.add(newAccount(ahead.control.mintKey()));
      expect(result.ok).toBe(false);
      expect(result.problem).toMatch(/clock is 90 seconds behind/);
    } finally {
      await ahead.close();
    }
  });

  it('refuses to add an account while the vault is locked, saving nothing', async () => {
    const { secrets, ready } = liveOnSim();
    const accounts = await ready;
    secrets.open = false;
    await expect(accounts.add(newAccount(mint()))).rejects.toMatchObject({ code: 'locked' });
    expect(accounts.list()).toEqual([]);
  });

  it('names the vault when a real account is synced while it is locked', async () => {
    const { secrets, ready } = liveOnSim();
    const accounts = await ready;
    const { account } = await accounts.add(newAccount(mint()));
    const reopened = await createAccountService({
      dataDir: dirs.at(-1)!,
      secrets,
      simulatorUrl: () => sim.url,
    });
    secrets.open = false;
    const error = await reopened.fetchHoldings(account.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'locked' });
    expect((error as Error).message).toMatch(/key vault is locked.*“Main”/);
  });
});

describe('testing a key', () => {
  it('marks a key without spot or futures trading read-only, with a warning', async () => {
    const accounts = await liveOnSim().ready;
    const key = mint({ permissions: { spotTrading: false, futuresTrading: false } });
    const { ok, account } = await accounts.add(newAccount(key));
    expect(ok).toBe(true);
    expect(account.readOnly).toBe(true);
    expect(account.warnings.join(' ')).toMatch(/cannot trade/);
  });

  it('warns about a key that can withdraw and one that cannot move collateral', async () => {
    const accounts = await liveOnSim().ready;
    const key = mint({ permissions: { withdrawals: true, universalTransfer: false } });
    const { account } = await accounts.add(newAccount(key));
    expect(account.readOnly).toBe(false);
    expect(account.warnings.some((w) => /can withdraw funds/.test(w))).toBe(true);
    expect(account.warnings.some((w) => /plans cannot move collateral/.test(w))).toBe(true);
  });

  it('warns that hedge mode and Multi-Assets mode do not fit', async () => {
    const accounts = await liveOnSim().ready;
    const key = sim.control.mintKey();
    const client = venueClient(sim.url, key);
    await client.signed('POST', '/fapi/v1/positionSide/dual', { dualSidePosition: 'true' });
    await client.signed('POST', '/fapi/v1/multiAssetsMargin', { multiAssetsMargin: 'true' });
    const { account } = await accounts.add(newAccount(key));
    expect(account.modes).toEqual({ positionMode: 'hedge', multiAssetsMargin: true });
    expect(account.warnings.some((w) => /hedge mode.*one-way/.test(w))).toBe(true);
    expect(account.warnings.some((w) => /Multi-Assets mode.*single-asset/.test(w))).toBe(true);
  });
});

describe('removing an account', () => {
  it('deletes its metadata and its secrets', async () => {
    const { secrets, ready } = liveOnSim();
    const accounts = await ready;
    const { account } = await accounts.add(newAccount(mint()));
    const kept = await accounts.add(newAccount(mint()));
    await accounts.remove(account.id);
    expect(accounts.list().map((a) => a.id)).toEqual([kept.account.id]);
    expect(secrets.kept.has(account.id)).toBe(false);
    expect(secrets.kept.has(kept.account.id)).toBe(true);
    const file = readFileSync(join(dirs.at(-1)!, ACCOUNTS_FILE), 'utf8');
    expect(file).not.toContain(account.id);
    await expect(accounts.fetchHoldings(account.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the demo account', () => {
  it('is made once with keys minted on the simulator and found again after a restart, vault locked', async () => {
    const dir = dataDir();
    const minted: string[] = [];
    const demoSim = {
      url: sim.url,
      mintKey: (options: { portfolio: 'demo' }) => {
        const key = sim.control.mintKey(options);
        minted.push(key.apiKey);
        return key;
      },
      knowsKey: (apiKey: string) => sim.control.knowsKey(apiKey),
    };
    const secrets = new MemorySecrets();
    secrets.open = false;
    const options = { dataDir: dir, secrets, simulatorUrl: () => sim.url };
    const first = await createAccountService(options);
    const demo = await first.ensureDemoAccount(demoSim);
    expect(demo).toMatchObject({ demo: true, environment: 'simulator', label: 'Demo portfolio' });
    expect(minted).toHaveLength(1);
    const second = await createAccountService(options);
    expect(await second.ensureDemoAccount(demoSim)).toEqual(demo);
    expect(minted).toHaveLength(1);
    expect(secrets.kept.size).toBe(0);
    const holdings = await second.fetchHoldings(demo.id);
    expect(holdings.futures.positions).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, DEMO_ACCOUNT_FILE), 'utf8'))).toMatchObject({
      apiKey: minted[0],
    });
  });

  it('is given new keys when the simulator no longer knows its keys', async () => {
    const dir = dataDir();
    const options = { dataDir: dir, secrets: new MemorySecrets(), simulatorUrl: () => sim.url };
    const first = await createAccountService(options);
    const demo = await first.ensureDemoAccount({
      url: sim.url,
      mintKey: (o) => sim.control.mintKey(o),
    });
    const second = await createAccountService(options);
    const again = await second.ensureDemoAccount({
      url: sim.url,
      mintKey: (o) => sim.control.mintKey(o),
      knowsKey: () => false,
    });
    expect(again.id).toBe(demo.id);
    expect((await second.fetchHoldings(again.id)).spot.length).toBeGreaterThan(0);
  });
});
