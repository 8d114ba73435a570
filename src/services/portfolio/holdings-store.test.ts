import { describe, expect, it } from 'vitest';
import { account, spotBalance } from '../../core/buckets-testing';
import { refusal } from '../app-services-testing';
import { HOLDINGS_FILE, openHoldingsStore } from './holdings-store';
import { portfolioFolder } from './portfolio-testing';

const folder = portfolioFolder();
const open = () => openHoldingsStore({ dataDir: folder.dir, now: () => 0, tell: () => undefined });

describe('the holdings store', () => {
  it('keeps each account’s last holdings and the ticker prices across a restart', async () => {
    const store = await open();
    await store.record(
      [
        account('a', { spot: [spotBalance('BTC', 1)], syncedAt: 10 }),
        account('b', { syncedAt: 10 }),
      ],
      { at: 10, values: { USDC: 1 } },
    );
    await store.record([account('a', { spot: [spotBalance('BTC', 2)], syncedAt: 20 })], null);
    await store.close();
    const again = await open();
    expect(again.all().map((h) => [h.accountId, h.syncedAt, h.spot[0]?.total])).toEqual([
      ['b', 10, undefined],
      ['a', 20, 2],
    ]);
    expect(again.prices()).toEqual({ at: 10, values: { USDC: 1 } });
  });

  it('forgets a removed account’s holdings', async () => {
    const store = await open();
    await store.record([account('a', {}), account('b', {})], null);
    await store.drop('a');
    expect(store.all().map((h) => h.accountId)).toEqual(['b']);
  });

  it('keeps the holdings already saved when a write fails', async () => {
    const store = await open();
    await store.record([account('a', { spot: [spotBalance('BTC', 1)] })], null);
    const repair = await folder.breakWrites(HOLDINGS_FILE);
    expect((await refusal(store.drop('a'))).code).toBe('unavailable');
    expect(store.all()).toHaveLength(1);
    await repair();
    await store.close();
    expect((await open()).all()).toHaveLength(1);
  });
});
