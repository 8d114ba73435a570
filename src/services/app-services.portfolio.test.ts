// The composition root's portfolio: the demo portfolio made on the demo market, and the vault, an
// account and the holdings answered through the one API, secrets never in an answer or an event.
import { describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import { manualTimers } from '../shared/manual-timers';
import type { PortfolioView } from '../shared/portfolio';
import type { AppServices } from './app-services';
import { SIM_CONTROL_TOKEN_ENV } from './app-services';
import { refusal, servicesFolder } from './app-services-testing';

const dataFolder = servicesFolder();
const CONTROL_TOKEN = 'c'.repeat(40);
/** A cheap key derivation, so each test creates its vault in milliseconds. */
const CHEAP_KDF = { N: 2 ** 10, r: 8, p: 1 };

/** Services on the demo market at wall time, its control interface open to the test. */
async function startDemo(): Promise<AppServices> {
  const clock = manualTimers();
  const s = await dataFolder.start({
    now: Date.now,
    env: { [SIM_CONTROL_TOKEN_ENV]: CONTROL_TOKEN },
    market: {
      start: 'manual',
      backfill: false,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      timers: clock.timers,
    },
    portfolio: { kdf: CHEAP_KDF, gateway: { rateLimitMs: 1, retry: { retries: 0 } } },
  });
  await s.startMarket();
  return s;
}

/** The first portfolio view, heard or asked for, that `accept` takes. */
function portfolioWhere(
  s: AppServices,
  accept: (view: PortfolioView) => boolean,
  timeoutMs = 20_000,
): Promise<PortfolioView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no such portfolio within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (view: PortfolioView) => {
      clearTimeout(timer);
      stop();
      resolve(view);
    };
    const stop = s.onEvent((event) => {
      if (event.type === 'portfolio' && accept(event.portfolio)) done(event.portfolio);
    });
    void s.api.getPortfolio().then((view) => {
      if (accept(view)) done(view);
    }, reject);
  });
}

async function mintKey(s: AppServices, portfolio: 'demo' | 'empty') {
  const url = s.diagnostics.demoMarketUrl();
  if (url === null) throw new Error('the demo market is not running');
  const answer = await fetch(`${url}/__control/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${CONTROL_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ portfolio }),
  });
  if (!answer.ok) throw new Error(`minting refused: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as { apiKey: string; secret: string };
}

describe('the portfolio of the composition root', () => {
  it('makes the demo portfolio on the demo market and shows its buckets against the targets', async () => {
    const s = await startDemo();
    const view = await portfolioWhere(s, (v) => v.holdings.length > 0 && v.buckets.value > 0);
    expect(view.demo).toBe(true);
    expect(view.accounts).toEqual([
      expect.objectContaining({ demo: true, environment: 'simulator' }),
    ]);
    // The demo starts away from every regime's targets, with one short open.
    expect(view.buckets.rebalanceDue).toBe(true);
    expect(view.buckets.assets.some((a) => a.short > 0)).toBe(true);
    const weights = view.buckets.current;
    expect(weights && weights.spot + weights.hedged + weights.stable).toBeCloseTo(1, 9);
  });

  it('keeps an account’s secrets in the vault and out of every answer and event, and leaves the demo out once it exists', async () => {
    const s = await startDemo();
    const heard: PremiaEvent[] = [];
    s.onEvent((event) => heard.push(event));
    await portfolioWhere(s, (v) => v.demo && v.holdings.length > 0);

    const key = await mintKey(s, 'empty');
    const locked = await refusal(
      s.api.addAccount({
        exchange: 'binance',
        label: 'Practice',
        environment: 'simulator',
        apiKey: key.apiKey,
        secret: key.secret,
      }),
    );
    expect(locked.code).toBe('locked');
    expect(await s.api.listAccounts()).toHaveLength(1);

    expect((await s.api.createVault({ passphrase: 'a long passphrase' })).state).toBe('unlocked');
    const added = await s.api.addAccount({
      exchange: 'binance',
      label: 'Practice',
      environment: 'simulator',
      apiKey: key.apiKey,
      secret: key.secret,
    });
    expect(added.ok).toBe(true);
    expect(added.account.permissions?.spotTrading).toBe(true);

    const real = await portfolioWhere(
      s,
      (v) => !v.demo && v.holdings.some((h) => h.accountId === added.account.id),
    );
    expect(real.holdings.map((h) => h.accountId)).toEqual([added.account.id]);

    expect((await s.api.lockVault()).state).toBe('locked');
    const wrong = await refusal(s.api.unlockVault({ passphrase: 'not the passphrase' }));
    expect(wrong.code).toBe('auth');

    const said = JSON.stringify([heard, added, real, await s.api.listAccounts(), wrong.message]);
    expect(said).not.toContain(key.secret);
    expect(said).not.toContain(key.apiKey);
  });
});
