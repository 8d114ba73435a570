import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BacktestRequestInput } from '../shared/backtest';
import { BACKTEST_STRATEGIES } from '../shared/backtest';
import type { AllocationPolicy } from '../shared/strategy';
import { runBacktest } from './backtest';
import type { BacktestSeries } from './backtest-series';
import { barLabel, BacktestDataError, dateStart } from './backtest-series';
import { DAY_MS } from '../shared/time';

const FIRST_DAY = dateStart('2019-01-01') / DAY_MS;

/** A daily history of 2 to `max` days from a random date, prices above 0, funding up to ±0.3% per 8 h. */
function historyArb(min = 2, max = 120): fc.Arbitrary<BacktestSeries> {
  return fc
    .record({
      day: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 2_000 }),
      bars: fc.array(
        fc.record({
          price: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          funding: fc.double({ min: -0.003, max: 0.003, noNaN: true }),
        }),
        { minLength: min, maxLength: max },
      ),
    })
    .map(({ day, bars }) => ({
      asset: 'BTC',
      bars: bars.map((b, i) => ({ at: (day + i) * DAY_MS, ...b })),
    }));
}

const flat = { spot: 0.7, hedged: 0, stable: 0.3 };
const SEVENTY_THIRTY: AllocationPolicy = {
  'deep-backwardation': flat,
  neutral: flat,
  'moderate-contango': flat,
  'extreme-contango': { hedge: flat, sell: flat },
  extremeAction: 'hedge',
};

describe('backtest properties', () => {
  it('with no fee and a flat price, buy and hold ends where it began', () => {
    fc.assert(
      fc.property(historyArb(), fc.double({ min: 1, max: 1e5, noNaN: true }), (h, price) => {
        const series = { ...h, bars: h.bars.map((b) => ({ ...b, price })) };
        const r = runBacktest([series], { assets: ['BTC'], fee: 0 });
        expect(r.strategies.hodl.metrics.finalMultiple).toBeCloseTo(1, 12);
      }),
    );
  });

  it('with no funding, the carry ends at what entering it cost', () => {
    fc.assert(
      fc.property(historyArb(), fc.double({ min: 0, max: 0.05, noNaN: true }), (h, roundTrip) => {
        const series = { ...h, bars: h.bars.map((b) => ({ ...b, funding: 0 })) };
        const r = runBacktest([series], { assets: ['BTC'], carryRoundTrip: roundTrip });
        expect(r.strategies.carry.metrics.finalMultiple).toBeCloseTo(1 - roundTrip / 2, 12);
      }),
    );
  });

  it('with no fee, monthly rebalancing and 70/0/30 in every regime, the policy is the static mix', () => {
    fc.assert(
      fc.property(historyArb(), (series) => {
        const r = runBacktest([series], {
          assets: ['BTC'],
          fee: 0,
          rebalance: { rule: 'monthly' },
          policy: { weights: SEVENTY_THIRTY },
        });
        const policy = r.strategies.policy.equity;
        r.strategies.static.equity.forEach((e, i) => expect(policy[i]! / e).toBeCloseTo(1, 9));
      }),
    );
  });

  it('never lets any strategy go below zero', () => {
    fc.assert(
      fc.property(
        historyArb(),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.constantFrom('regime-and-monthly', 'drift-band', 'monthly') as fc.Arbitrary<
          'regime-and-monthly' | 'drift-band' | 'monthly'
        >,
        (series, fee, rule) => {
          const r = runBacktest([series], {
            assets: ['BTC'],
            fee,
            slippage: fee,
            rebalance: { rule },
          });
          for (const name of BACKTEST_STRATEGIES) {
            expect(r.strategies[name].equity.every((e) => e >= 0)).toBe(true);
          }
        },
      ),
    );
  });

  it('decides nothing on a day from what happens after it, with fixed or history thresholds', () => {
    const requests: BacktestRequestInput[] = [
      { assets: ['BTC'] },
      { assets: ['BTC'], policy: { thresholds: { mode: 'history' } } },
      { assets: ['BTC'], rebalance: { rule: 'drift-band', driftBand: 0.02 } },
    ];
    fc.assert(
      fc.property(
        historyArb(40, 160),
        historyArb(160, 160),
        fc.nat(),
        fc.constantFrom(...requests),
        (series, other, cut, request) => {
          const k = cut % (series.bars.length - 1);
          // Every bar after k replaced by other data.
          const changed = {
            ...series,
            bars: series.bars.map((b, i) =>
              i <= k ? b : { ...b, price: other.bars[i]!.price, funding: other.bars[i]!.funding },
            ),
          };
          const a = runBacktest([series], request);
          const b = runBacktest([changed], request);
          expect(b.regimes.BTC?.slice(0, k + 1)).toEqual(a.regimes.BTC?.slice(0, k + 1));
          for (const name of BACKTEST_STRATEGIES) {
            expect(b.strategies[name].equity.slice(0, k + 1)).toEqual(
              a.strategies[name].equity.slice(0, k + 1),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sets a day's regime from the funding of earlier days only, never the day's own", () => {
    fc.assert(
      fc.property(
        historyArb(40, 160),
        historyArb(160, 160),
        fc.nat(),
        fc.constantFrom('fixed', 'history') as fc.Arbitrary<'fixed' | 'history'>,
        (series, other, cut, mode) => {
          const k = 1 + (cut % (series.bars.length - 1));
          const changed = {
            ...series,
            bars: series.bars.map((b, i) =>
              i < k ? b : { ...b, funding: other.bars[i]!.funding },
            ),
          };
          const request = { assets: ['BTC'], policy: { thresholds: { mode } } };
          const a = runBacktest([series], request).regimes.BTC;
          const b = runBacktest([changed], request).regimes.BTC;
          expect(b?.slice(0, k + 1)).toEqual(a?.slice(0, k + 1));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names the date of every defect it refuses', () => {
    const defects = ['gap', 'duplicate', 'price', 'funding'] as const;
    fc.assert(
      fc.property(
        historyArb(3, 60),
        fc.nat(),
        fc.constantFrom(...defects),
        (series, at, defect) => {
          const i = 1 + (at % (series.bars.length - 2));
          const bars = [...series.bars];
          const target = bars[i]!;
          let named = barLabel(target.at, 'day');
          if (defect === 'gap') bars.splice(i, 1);
          if (defect === 'duplicate') bars.splice(i, 0, target);
          if (defect === 'price') bars[i] = { ...target, price: -1 };
          if (defect === 'funding') bars[i] = { ...target, funding: Number.NaN };
          if (defect === 'duplicate') named = barLabel(target.at, 'day');
          const run = () => runBacktest([{ asset: 'BTC', bars }], { assets: ['BTC'] });
          expect(run).toThrow(BacktestDataError);
          expect(run).toThrow(named);
        },
      ),
    );
  });
});
