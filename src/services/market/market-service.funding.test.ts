// Integration: averaged funding across a change of the venue's funding interval, through the market
// service (real ccxt over HTTP against the simulator, a history store in a temporary folder): the
// backfilled settlements keep the interval each had, and a week is annualized as what it paid.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import { drive, manualTimers } from '../../shared/manual-timers';
import type { Settings } from '../../shared/settings';
import { startSimulator, venueClient, type Simulator } from '../../sim';
import { NoticeBoard } from '../notices';
import type { MarketService } from './market-service';
import { createMarketService } from './market-service';
import { simConnection, turn } from './market-service-testing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** XRP settles every 8 h until this midnight and every 4 h from it on. */
const CHANGE = Date.UTC(2025, 0, 7);
/** Three days and a half hour later: the trailing week holds 4 days at 8 h and 3 days at 4 h. */
const NOW = CHANGE + 3 * DAY + 30 * MINUTE;

let sim: Simulator;
let dir: string;
let market: MarketService | null = null;

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, marketTime: CHANGE - MINUTE, speed: 0 });
  sim.control.setFundingInterval('XRP', 4);
  sim.control.advance(NOW - sim.marketTime());
  dir = await mkdtemp(join(tmpdir(), 'premia-funding-'));
});

afterEach(async () => {
  await market?.close();
  market = null;
});

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** What the venue's week of settlements paid: Σ rates × 365 / 7, and the settlements' spacing. */
async function venueWeek(): Promise<{ annualized: number; spacing: number[] }> {
  const rows = await venueClient(sim.url, sim.credentials).get<
    { fundingTime: number; fundingRate: string }[]
  >('/fapi/v1/fundingRate', { symbol: 'XRPUSDT', startTime: NOW - 7 * DAY + 1, limit: 1000 });
  const times = rows.body.map((r) => r.fundingTime);
  const paid = rows.body.reduce((sum, r) => sum + Number(r.fundingRate), 0);
  return {
    annualized: (paid * 365) / 7,
    spacing: times.slice(1).map((t, i) => (t - times[i]!) / HOUR),
  };
}

describe('averaged funding across a funding interval change', () => {
  it('annualizes the week as what it paid, each backfilled settlement with its own interval', async () => {
    const week = await venueWeek();
    // 12 settlements 8 h apart, then 18 4 h apart.
    expect(week.spacing).toEqual([...Array<number>(11).fill(8), 4, ...Array<number>(17).fill(4)]);

    const base = defaultSettings();
    const settings: Settings = {
      ...base,
      assets: { tracked: ['XRP'], mix: {} },
      signal: { ...base.signal, source: 'funding-average', averagingWindowDays: 7 },
      market: { ...base.market, refreshIntervalMs: 40 },
    };
    // The market's timers (its 40 ms cycles and the pause before the backfill) move only as the test
    // drives them: each fires as soon as it is set.
    const clock = manualTimers(Date.now());
    const driven = <T>(outcome: Promise<T>) => drive(clock, outcome, turn);
    const opened = await createMarketService({
      dataDir: dir,
      settings: () => settings,
      connect: async () => simConnection('demo', sim.url, async () => undefined, sim.url),
      notices: new NoticeBoard(),
      emit: () => undefined,
      backfillLookbackMs: 20 * DAY,
      history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
      timers: clock.timers,
    });
    market = opened.market;
    await market.start();
    const first = await driven(market.waitForLiveSnapshot(20_000));
    expect(first.assets[0]!.perp!.fundingIntervalHours).toBe(4);
    await driven(opened.diagnostics.backfillIdle());
    // A cycle already running when the backfill finished may have read the funding before it.
    await driven(market.waitForLiveSnapshot(20_000));
    const xrp = (await driven(market.waitForLiveSnapshot(20_000))).assets[0]!;
    expect(xrp.premiumSource).toBe('funding-average');
    expect(xrp.premium!).toBeCloseTo(week.annualized, 10);

    // The premium history derived from the backfilled funding says the same at the last settlement.
    const premiums = await market.history({
      asset: 'XRP',
      series: 'premium',
      to: NOW - 30 * MINUTE,
    });
    expect(premiums.t.at(-1)).toBe(NOW - 30 * MINUTE);
    expect(premiums.v.at(-1)!).toBeCloseTo(week.annualized, 10);
  });
});
