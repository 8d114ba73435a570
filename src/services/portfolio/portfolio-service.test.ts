import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import { account, futuresBalance, spotBalance } from '../../core/buckets-testing';
import { PremiaError } from '../../shared/errors';
import type { ManualTimers } from '../../shared/manual-timers';
import { manualTimers } from '../../shared/manual-timers';
import type { MarketSnapshot } from '../../shared/market';
import type { AccountHoldings, PortfolioView } from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import { refusal } from '../app-services-testing';
import { silentLogger } from '../logger';
import type { PortfolioService } from './portfolio-service';
import { createPortfolioService } from './portfolio-service';
import { accountMeta, FakeSource, portfolioFolder, snapshot, vault } from './portfolio-testing';
import type { ValueHistory } from './value-history';

const folder = portfolioFolder();
const MINUTE = 60_000;

interface Rig {
  service: PortfolioService;
  clock: ManualTimers;
  source: FakeSource;
  views: PortfolioView[];
  points: [number, number][];
  settings: Settings;
  state: { vault: 'locked' | 'unlocked'; snapshot: MarketSnapshot | null };
}

async function rig(reuse?: Pick<Rig, 'clock' | 'source'>): Promise<Rig> {
  const clock = reuse?.clock ?? manualTimers();
  const source = reuse?.source ?? new FakeSource();
  const views: PortfolioView[] = [];
  const points: [number, number][] = [];
  const settings = defaultSettings();
  const state: Rig['state'] = {
    vault: 'unlocked',
    snapshot: snapshot(clock.now(), { BTC: 50_000, ETH: 2_000 }),
  };
  const history: ValueHistory = {
    append: async (at, value) => void points.push([at, value]),
    read: async ({ from = -Infinity, to = Infinity }) =>
      points.filter(([t]) => t >= from && t <= to),
  };
  const service = await createPortfolioService({
    dataDir: folder.dir,
    now: clock.now,
    timers: clock.timers,
    settings: () => settings,
    snapshot: () => state.snapshot,
    source,
    vaultStatus: () => vault(state.vault),
    history,
    logger: silentLogger,
    onChange: (view) => views.push(view),
    newId: (() => {
      let n = 0;
      return () => `m${++n}`;
    })(),
  });
  return { service, clock, source, views, points, settings, state };
}

const btc = (id: string, qty: number, at = 0): AccountHoldings =>
  account(id, { spot: [spotBalance('BTC', qty)], syncedAt: at });

describe('syncing holdings', () => {
  it('reads every account, records the value and tells the views', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a'), accountMeta('b')];
    r.source.answers.set('a', btc('a', 1, r.clock.now()));
    r.source.answers.set(
      'b',
      account('b', { balances: [futuresBalance('USDT', 10_000)], syncedAt: r.clock.now() }),
    );
    const view = await r.service.syncHoldings();
    expect(view.buckets.value).toBe(60_000);
    expect(r.points).toEqual([[r.clock.now(), 60_000]]);
    expect(r.views.at(-1)?.buckets.value).toBe(60_000);
    expect((await r.service.getPortfolioHistory({})).points).toEqual(r.points);
    await r.service.close();
  });

  it('keeps the other accounts when one fails, with a warning naming it, and records no value', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a'), accountMeta('b', { label: 'Main' })];
    r.source.answers.set('a', btc('a', 1, r.clock.now()));
    r.source.answers.set('b', new PremiaError('offline', 'Binance cannot be reached.'));
    const view = await r.service.syncHoldings();
    expect(view.holdings.map((h) => h.accountId)).toEqual(['a']);
    expect(view.buckets.warnings).toEqual([
      {
        kind: 'sync-failed',
        accountId: 'b',
        message: 'The holdings of Main could not be synced: Binance cannot be reached.',
      },
    ]);
    expect(r.points).toEqual([]);
    await r.service.close();
  });

  it('never puts a credential from a raw error into a warning', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a')];
    r.source.answers.set(
      'a',
      new Error('GET https://x/api?signature=abcdef0123456789abcdef failed'),
    );
    const view = await r.service.syncHoldings();
    expect(view.buckets.warnings[0]?.message).not.toContain('abcdef0123456789abcdef');
    await r.service.close();
  });

  it('reads no real account while the vault is locked, and says so', async () => {
    const r = await rig();
    r.state.vault = 'locked';
    r.source.list = [accountMeta('a', { label: 'Main' }), accountMeta('b')];
    r.source.answers.set('a', btc('a', 1, r.clock.now()));
    r.source.answers.set('b', new PremiaError('locked', 'The vault is locked.'));
    const view = await r.service.syncHoldings();
    expect(r.source.fetched).toEqual([]);
    const locked = view.buckets.warnings.filter((w) => w.kind === 'vault-locked');
    expect(locked.map((w) => w.accountId)).toEqual(['a', 'b']);
    expect(locked[0]?.message).toContain('holdings of Main cannot be read');
    r.state.vault = 'unlocked';
    await r.service.syncHoldings();
    expect(r.source.fetched).toEqual(['a', 'b']);
    expect(r.views.at(-1)?.buckets.warnings.map((w) => [w.kind, w.accountId])).toEqual([
      ['vault-locked', 'b'],
    ]);
    await r.service.close();
  });

  it('syncs the demo account while the vault is locked: its keys are not secrets', async () => {
    const r = await rig();
    r.state.vault = 'locked';
    r.source.list = [accountMeta('d', { demo: true, environment: 'simulator' })];
    r.source.answers.set('d', btc('d', 2, r.clock.now()));
    expect((await r.service.syncHoldings()).buckets.value).toBe(100_000);
    await r.service.close();
  });

  it('joins a sync already under way instead of starting another', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a')];
    const waiting: ((h: AccountHoldings) => void)[] = [];
    r.source.answers.set('a', () => new Promise((resolve) => waiting.push(resolve)));
    const first = r.service.syncHoldings();
    const second = r.service.syncHoldings();
    await new Promise((resolve) => setImmediate(resolve));
    for (const answer of waiting) answer(btc('a', 1, r.clock.now()));
    const [one, two] = await Promise.all([first, second]);
    expect(r.source.fetched).toEqual(['a']);
    expect(one.buckets.value).toBe(two.buckets.value);
    await r.service.close();
  });

  it('syncs at start and then every interval, a changed interval taking effect', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a')];
    r.source.answers.set('a', btc('a', 1));
    r.service.start();
    await r.clock.whenWaiting(MINUTE);
    expect(r.source.fetched).toHaveLength(1);
    r.clock.advance(MINUTE);
    await r.clock.whenWaiting(MINUTE);
    expect(r.source.fetched).toHaveLength(2);
    r.settings.portfolio.holdingsIntervalMs = 5 * MINUTE;
    r.service.settingsChanged();
    expect(r.clock.waiting()).toEqual([5 * MINUTE]);
    await r.service.close();
    expect(r.clock.waiting()).toEqual([]);
  });

  it('shows the last holdings, stale and with their age, when started again offline', async () => {
    const first = await rig();
    first.source.list = [accountMeta('a')];
    first.source.answers.set('a', btc('a', 1, first.clock.now()));
    await first.service.syncHoldings();
    await first.service.close();

    first.clock.advance(10 * MINUTE);
    first.source.answers.set('a', new PremiaError('offline', 'No network.'));
    const again = await rig(first);
    const view = await again.service.syncHoldings();
    expect(view.holdings.map((h) => h.syncedAt)).toEqual([first.clock.now() - 10 * MINUTE]);
    expect(view.holdingsFreshness.stale).toBe(true);
    expect(view.buckets.warnings.map((w) => w.kind)).toEqual(['stale-holdings', 'sync-failed']);
    await again.service.close();
  });

  it('forgets a removed account’s holdings and warnings', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a'), accountMeta('b')];
    r.source.answers.set('a', btc('a', 1, r.clock.now()));
    r.source.answers.set('b', new Error('bad key'));
    await r.service.syncHoldings();
    r.source.list = [accountMeta('b')];
    await r.service.accountRemoved('a');
    r.source.list = [];
    await r.service.accountRemoved('b');
    const view = await r.service.getPortfolio();
    expect(view.holdings).toEqual([]);
    expect(view.buckets.warnings.map((w) => w.kind)).toEqual(['no-value']);
    await r.service.close();
  });

  it('prices held coins the market does not track from the venue', async () => {
    const r = await rig();
    r.source.list = [accountMeta('a')];
    r.source.prices = { USDC: 0.999, SOL: 100 };
    r.source.answers.set(
      'a',
      account('a', {
        spot: [spotBalance('USDC', 1_000), spotBalance('SOL', 1), spotBalance('BTC', 1)],
      }),
    );
    const view = await r.service.syncHoldings();
    expect(r.source.priced).toEqual([['SOL', 'USDC']]);
    expect(view.buckets.stable).toBeCloseTo(999, 9);
    expect(view.buckets.untracked).toEqual([{ asset: 'SOL', quantity: 1, value: 100 }]);
    await r.service.close();
  });
});

describe('manual holdings through the service', () => {
  it('adds, updates and removes holdings and tells the views', async () => {
    const r = await rig();
    await r.service.addManualHolding({ asset: 'BTC', amount: 1, where: 'Ledger' });
    expect(r.views.at(-1)?.buckets.value).toBe(50_000);
    await r.service.updateManualHolding({
      id: 'm1',
      holding: { asset: 'BTC', amount: 2, where: 'Ledger' },
    });
    expect(r.views.at(-1)?.buckets.value).toBe(100_000);
    expect(await r.service.removeManualHolding('m1')).toEqual([]);
    await r.service.close();
  });

  it('imports a CSV file all or nothing, naming a bad row by line and column', async () => {
    const r = await rig();
    await r.service.addManualHolding({ asset: 'ETH', amount: 3, where: 'Trezor' });
    const error = await refusal(
      r.service.importManualHoldings('asset,amount,where,note\nBTC,1,Ledger,\nSOL,-2,Phantom,\n'),
    );
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: 'line 3, column 2 (amount): must be above 0. Nothing from the file was imported.',
    });
    expect((await r.service.getPortfolio()).manual.map((h) => h.asset)).toEqual(['ETH']);
    await r.service.close();
  });

  it('exports a file that imports back to the same holdings', async () => {
    const r = await rig();
    await r.service.addManualHolding({
      asset: 'BTC',
      amount: 0.25,
      where: 'Ledger, drawer',
      note: '=1+1',
    });
    await r.service.addManualHolding({ asset: 'ETH', amount: 3, where: 'Trezor' });
    const before = (await r.service.getPortfolio()).manual;
    const csv = await r.service.exportManualHoldings();
    const after = await r.service.importManualHoldings(csv);
    const strip = (list: typeof before) =>
      list.map(({ asset, amount, where, note }) => ({ asset, amount, where, note }));
    expect(strip(after)).toEqual(strip(before));
    await r.service.close();
  });
});
