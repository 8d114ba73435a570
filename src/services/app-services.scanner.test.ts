// The carry scanner through the composition root, on the demo market: the real ccxt over HTTP
// against the simulator, every perpetual it lists, their funding filled from its history.
import { describe, expect, it } from 'vitest';
import { drive, manualTimers } from '../shared/manual-timers';
import { DEFAULT_ASSETS } from '../sim/asset-catalog';
import { refusal, servicesFolder } from './app-services-testing';

const folder = servicesFolder();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function demoWithScanner(scannerFill: boolean) {
  const clock = manualTimers();
  const s = await folder.start({
    now: Date.now,
    market: {
      start: 'manual',
      backfill: false,
      scannerFill,
      scannerFillSpacingMs: 0,
      gateway: { rateLimitMs: 1, retry: { retries: 0 } },
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      timers: clock.timers,
    },
  });
  const quotes = s.waitForMarketSnapshot(20_000);
  await s.startMarket();
  await drive(clock, quotes, turn);
  return s;
}

describe('the carry scanner on the demo market', () => {
  it('lists every perpetual the venue lists, not only the tracked ones, with funding now', async () => {
    const s = await demoWithScanner(false);
    const settings = await s.api.getSettings();
    const view = await s.api.getCarryScanner();
    const assets = view.rows.map((r) => r.asset);
    for (const asset of DEFAULT_ASSETS) expect(assets).toContain(asset);
    expect(assets.length).toBeGreaterThan(settings.assets.tracked.length);
    for (const row of view.rows) {
      expect(row.tracked).toBe(settings.assets.tracked.includes(row.asset));
      expect(row.fundingNow).not.toBe(null);
      expect(row.daily).toHaveLength(view.days.length);
    }
    expect(view.source).toBe('demo');
    expect(view.at).not.toBe(null);
    // BTC and ETH list quarterlies, so their nearest basis is priced; SOL lists none.
    expect(view.rows.find((r) => r.asset === 'BTC')?.basis?.symbol).toMatch(/^BTC\/USDT:USDT-/);
    expect(view.rows.find((r) => r.asset === 'SOL')?.basis).toBe(null);
    expect(view.history.state).toBe('waiting');
  }, 30_000);

  it('fills 30 days of settlements for every perpetual, so each has its averages and heat', async () => {
    const s = await demoWithScanner(true);
    await s.diagnostics.scannerFillIdle();
    const view = await s.api.getCarryScanner();
    expect(view.history).toEqual({ state: 'filled', message: null });
    for (const row of view.rows) {
      expect(row.avg7, row.asset).not.toBe(null);
      expect(row.avg30, row.asset).not.toBe(null);
      // A month of settlements at 1, 4 or 8 h: at least 90 of them. A tracked asset's month is the
      // tracked assets' own backfill's to fetch (off here): it has the one request of every symbol's.
      if (!row.tracked) expect(row.settlements30, row.asset).toBeGreaterThanOrEqual(89);
      else expect(row.settlements30, row.asset).toBeGreaterThan(0);
      expect(row.regime, row.asset).not.toBe(null);
      expect(row.carry, row.asset).not.toBe(null);
      expect(
        row.daily.slice(0, -1).every((d) => d !== null),
        row.asset,
      ).toBe(true);
    }
    const untracked = view.rows.find((r) => !r.tracked);
    expect(untracked?.regimeFrom).toBe('funding-7d');
  }, 60_000);

  it('says in words that it has nothing to list while no market runs', async () => {
    const s = await folder.start();
    const error = await refusal(s.api.getCarryScanner());
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/No market data is running/);
  });

  it('refuses an argument it does not take', async () => {
    const s = await folder.start();
    const error = await refusal(
      (s.api.getCarryScanner as (input: unknown) => Promise<unknown>)({ top: 5 }),
    );
    expect(error.code).toBe('invalid-input');
  });
});
