import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import { account, futuresBalance, manualHolding, spotBalance } from '../../core/buckets-testing';
import type { ViewInputs } from './portfolio-view';
import { composePortfolioView } from './portfolio-view';
import { accountMeta, snapshot, vault } from './portfolio-testing';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

function inputs(extra: Partial<ViewInputs> = {}): ViewInputs {
  return {
    now: NOW,
    settings: defaultSettings(),
    snapshot: snapshot(NOW, { BTC: 50_000, ETH: 2_000 }),
    accounts: [accountMeta('a')],
    holdings: [account('a', { spot: [spotBalance('BTC', 1)], syncedAt: NOW - MINUTE })],
    tickers: null,
    manual: [],
    vault: vault('unlocked'),
    syncWarnings: [],
    ...extra,
  };
}

const kinds = (view: ReturnType<typeof composePortfolioView>) =>
  view.buckets.warnings.map((w) => w.kind);

describe('composePortfolioView', () => {
  it('values tracked assets at the snapshot and other coins at the venue’s tickers', () => {
    const view = composePortfolioView(
      inputs({
        holdings: [
          account('a', {
            spot: [spotBalance('BTC', 1), spotBalance('USDC', 1_000), spotBalance('SOL', 2)],
            syncedAt: NOW - MINUTE,
          }),
        ],
        tickers: { at: NOW, values: { USDC: 1, SOL: 150, BTC: 1 } },
      }),
    );
    expect(view.buckets.value).toBe(51_000);
    expect(view.buckets.untracked).toEqual([{ asset: 'SOL', quantity: 2, value: 300 }]);
    expect(view).toMatchObject({ demo: false, prices: { at: NOW, stale: false } });
    expect(view.holdingsFreshness).toEqual({ at: NOW - MINUTE, stale: false });
    expect(kinds(view)).toEqual([]);
  });

  it('marks holdings older than three sync intervals as stale, naming the account', () => {
    const view = composePortfolioView(
      inputs({
        holdings: [account('a', { spot: [spotBalance('BTC', 1)], syncedAt: NOW - 3 * MINUTE - 1 })],
      }),
    );
    expect(view.holdingsFreshness.stale).toBe(true);
    expect(view.buckets.warnings).toEqual([
      {
        kind: 'stale-holdings',
        accountId: 'a',
        message: 'The holdings of Account a were last synced 3 min ago.',
      },
    ]);
    const fresh = composePortfolioView(
      inputs({
        holdings: [account('a', { spot: [spotBalance('BTC', 1)], syncedAt: NOW - 3 * MINUTE })],
      }),
    );
    expect(fresh.holdingsFreshness.stale).toBe(false);
  });

  it('marks prices stale when the snapshot is, or when Premia is offline', () => {
    const stale = composePortfolioView(
      inputs({
        snapshot: snapshot(NOW - 10 * MINUTE, { BTC: 50_000, ETH: 2_000 }, { stale: ['ETH'] }),
      }),
    );
    expect(stale.prices).toEqual({ at: NOW - 10 * MINUTE, stale: true });
    expect(stale.buckets.warnings[0]?.message).toContain('ETH');
    const offline = composePortfolioView(
      inputs({ snapshot: snapshot(NOW, { BTC: 50_000, ETH: 2_000 }, { offline: true }) }),
    );
    expect(kinds(offline)).toEqual(['stale-prices']);
    const none = composePortfolioView(inputs({ snapshot: null }));
    expect(none.prices).toEqual({ at: null, stale: true });
    expect(kinds(none)).toEqual(['no-price', 'no-value']);
  });

  it('takes each tracked asset’s regime from the snapshot', () => {
    const view = composePortfolioView(
      inputs({
        snapshot: snapshot(
          NOW,
          { BTC: 50_000, ETH: 2_000 },
          { regimes: { BTC: 'moderate-contango', ETH: null } },
        ),
      }),
    );
    expect(view.buckets.assets.map((a) => a.regime)).toEqual(['moderate-contango', null]);
  });

  it('shows the demo account’s holdings only while no real account exists', () => {
    const demoHoldings = account('demo', { spot: [spotBalance('BTC', 10)], syncedAt: NOW });
    const demoMeta = accountMeta('demo', { demo: true, environment: 'simulator' });
    const alone = composePortfolioView(inputs({ accounts: [demoMeta], holdings: [demoHoldings] }));
    expect(alone.demo).toBe(true);
    expect(alone.buckets.value).toBe(500_000);
    const withReal = composePortfolioView(
      inputs({
        accounts: [demoMeta, accountMeta('a')],
        holdings: [
          demoHoldings,
          account('a', { balances: [futuresBalance('USDT', 1_000)], syncedAt: NOW }),
        ],
      }),
    );
    expect(withReal.demo).toBe(false);
    expect(withReal.holdings.map((h) => h.accountId)).toEqual(['a']);
    expect(withReal.buckets.value).toBe(1_000);
    expect(kinds(withReal)).toEqual([]);
  });

  it('adds manual holdings and the last sync’s warnings for accounts still listed', () => {
    const view = composePortfolioView(
      inputs({
        manual: [manualHolding('ETH', 5)],
        syncWarnings: [
          { kind: 'sync-failed', accountId: 'a', message: 'a failed' },
          { kind: 'sync-failed', accountId: 'gone', message: 'removed account' },
        ],
      }),
    );
    expect(view.buckets.value).toBe(60_000);
    expect(view.buckets.warnings.map((w) => w.message)).toEqual(['a failed']);
  });

  it('says the vault is locked as soon as it is, not only after the next sync', () => {
    const locked = composePortfolioView(inputs({ vault: vault('locked') }));
    expect(locked.buckets.warnings).toEqual([
      {
        kind: 'vault-locked',
        accountId: 'a',
        message:
          'The key vault is locked, so the holdings of Account a cannot be read. Unlock it to sync them.',
      },
    ]);
    // The last synced holdings still count, with their age.
    expect(locked.buckets.value).toBe(50_000);
    expect(locked.holdingsFreshness).toEqual({ at: NOW - MINUTE, stale: false });
  });

  it('says the vault is locked once per account, whether or not a sync has said so too', () => {
    const fromSync = {
      kind: 'vault-locked' as const,
      accountId: 'a',
      message:
        'The key vault is locked, so the holdings of Account a cannot be read. Unlock it to sync them.',
    };
    const locked = composePortfolioView(
      inputs({ vault: vault('locked'), syncWarnings: [fromSync] }),
    );
    expect(kinds(locked)).toEqual(['vault-locked']);
  });

  it('never says the vault is locked about the demo account, whose keys are not in it', () => {
    const view = composePortfolioView(
      inputs({
        vault: vault('absent'),
        accounts: [accountMeta('demo', { demo: true, environment: 'simulator' })],
        holdings: [account('demo', { spot: [spotBalance('BTC', 1)], syncedAt: NOW })],
      }),
    );
    expect(kinds(view)).toEqual([]);
  });
});
