import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../shared/time';
import type { PerpetualQuote } from '../gateway';
import { DAY0, historyFolder, list } from '../history/history-testing';
import { silentLogger } from '../logger';
import { marketSeriesKey } from '../market/series';
import { PerpetualFundingLedger } from './perpetual-funding';

const folder = historyFolder();

function quote(asset: string, rate: number, nextFundingAt: number): PerpetualQuote {
  return {
    asset,
    symbol: `${asset}/USDT:USDT`,
    mark: 10,
    index: 10,
    fundingRate: rate,
    fundingIntervalHours: 8,
    nextFundingAt,
    venueTime: null,
    nearestFuture: null,
    perpTakerFee: 0.0005,
    spotTakerFee: 0.001,
  };
}

describe('recording every perpetual’s funding', () => {
  it('stores one point per settlement, the rate last quoted for it, however many cycles pass', async () => {
    const store = await folder.openStore();
    const ledger = new PerpetualFundingLedger(store, 'demo', silentLogger);
    const first = DAY0 + 8 * HOUR_MS;
    // Cycles every few seconds quote the coming settlement's rate as it moves.
    for (let i = 0; i < 100; i++) {
      ledger.record(
        [quote('AAA', 0.0001 + i * 1e-6, first), quote('BBB', -0.0002, first)],
        DAY0 + i * 5_000,
      );
    }
    expect(
      await store.read(marketSeriesKey('demo', 'AAA', 'funding')).then((d) => d.t.length),
    ).toBe(0);
    // The settlement passes: the next funding time moves on by an interval.
    const stored = ledger.record(
      [quote('AAA', 0.0003, first + 8 * HOUR_MS), quote('BBB', -0.0001, first + 8 * HOUR_MS)],
      first + 1_000,
    );
    expect(stored).toBe(2);
    const aaa = await store.read(marketSeriesKey('demo', 'AAA', 'funding'));
    expect(list(aaa.t)).toEqual([first]);
    expect(aaa.v[0]).toBeCloseTo(0.0001 + 99e-6, 12);
    const interval = await store.read(marketSeriesKey('demo', 'BBB', 'funding-interval'));
    expect(list(interval.v)).toEqual([8]);
    expect(await ledger.settlements('BBB', DAY0 - 1, 8)).toEqual([
      { at: first, rate: -0.0002, intervalHours: 8 },
    ]);
  });

  it('keeps a settlement another recorder stored first once, and still serves it', async () => {
    const store = await folder.openStore();
    const ledger = new PerpetualFundingLedger(store, 'demo', silentLogger);
    const first = DAY0 + 8 * HOUR_MS;
    expect(await ledger.settlements('AAA', DAY0 - 1, 8)).toEqual([]);
    ledger.record([quote('AAA', 0.0001, first)], DAY0);
    store.append(marketSeriesKey('demo', 'AAA', 'funding'), first, 0.0001);
    expect(ledger.record([quote('AAA', 0.0002, first + 8 * HOUR_MS)], first)).toBe(0);
    expect((await store.read(marketSeriesKey('demo', 'AAA', 'funding'))).t.length).toBe(1);
    expect(await ledger.settlements('AAA', DAY0 - 1, 8)).toEqual([
      { at: first, rate: 0.0001, intervalHours: 8 },
    ]);
  });

  it('imports fetched settlements before the recorded ones and serves them in time order', async () => {
    const store = await folder.openStore();
    const ledger = new PerpetualFundingLedger(store, 'demo', silentLogger);
    const first = DAY0 + 8 * HOUR_MS;
    ledger.record([quote('AAA', 0.0001, first)], DAY0);
    ledger.record([quote('AAA', 0.0002, first + 8 * HOUR_MS)], first);
    expect(await ledger.settlements('AAA', DAY0 - 2 * 8 * HOUR_MS, 8)).toHaveLength(1);
    const taken = await ledger.import('AAA', [
      { at: DAY0 - 8 * HOUR_MS, rate: 0.0004, intervalHours: 8 },
      { at: DAY0, rate: 0.0005, intervalHours: 8 },
    ]);
    expect(taken).toBe(2);
    const points = await ledger.settlements('AAA', DAY0 - 2 * 8 * HOUR_MS, 8);
    expect(points.map((p) => p.rate)).toEqual([0.0004, 0.0005, 0.0001]);
  });
});
