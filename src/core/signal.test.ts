import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BasisMethod, SignalSource } from '../shared/strategy';
import { annualizeBasis, deannualizeBasis } from './premium';
import type { DatedFuture, FundingPoint, SignalQuotes } from './signal';
import { signalPremium, termStructure } from './signal';
import { DAY_MS, HOUR_MS } from '../shared/time';

const NOW = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const SPOT = 100_000;

/** A dated future `days` from NOW priced so that its annualized premium is exactly `premium`. */
function future(days: number, premium: number, method: BasisMethod = 'simple'): DatedFuture {
  return {
    symbol: `BTCUSDT_${days}D`,
    expiry: NOW + days * DAY_MS,
    price: deannualizeBasis(SPOT, premium, days * DAY_MS, method),
  };
}

/** Funding payments every `intervalHours` back from NOW, newest last. */
function fundingEvery(
  intervalHours: number,
  count: number,
  rate: number,
  endAt = NOW,
): FundingPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    at: endAt - (count - 1 - i) * intervalHours * HOUR_MS,
    rate,
    intervalHours,
  }));
}

function quotes(partial: Partial<SignalQuotes>): SignalQuotes {
  return { now: NOW, spot: SPOT, perp: null, fundingHistory: [], futures: [], ...partial };
}

const curve = [future(3, 0.5), future(30, 0.12), future(120, 0.06), future(200, 0.05)];

describe('signalPremium from dated futures', () => {
  it('takes the nearest future with at least the minimum days left when auto', () => {
    const result = signalPremium(quotes({ futures: curve }), { source: 'auto' });
    expect(result?.source).toBe('nearest-future');
    expect(result?.premium).toBeCloseTo(0.12, 10);
  });

  it('leaves out a contract under the minimum days to expiry, and keeps one exactly at it', () => {
    const atMinimum = future(7, 0.3);
    const result = signalPremium(
      quotes({ futures: [future(6.99, 0.9), atMinimum, future(30, 0.12)] }),
      {
        source: 'nearest-future',
      },
    );
    expect(result?.premium).toBeCloseTo(0.3, 10);
  });

  it('follows the minimum days to expiry it is given', () => {
    const result = signalPremium(quotes({ futures: curve }), {
      source: 'nearest-future',
      minDaysToExpiry: 0,
    });
    expect(result?.premium).toBeCloseTo(0.5, 10);
    const stricter = signalPremium(quotes({ futures: curve }), {
      source: 'nearest-future',
      minDaysToExpiry: 60,
    });
    expect(stricter?.premium).toBeCloseTo(0.06, 10);
  });

  it('does not depend on the order the futures are listed in', () => {
    const reversed = [...curve].reverse();
    expect(
      signalPremium(quotes({ futures: reversed }), { source: 'nearest-future' })?.premium,
    ).toBeCloseTo(0.12, 10);
  });

  it('annualizes by the compound method when asked', () => {
    const result = signalPremium(quotes({ futures: [future(30, 0.12, 'compound')] }), {
      source: 'nearest-future',
      basisMethod: 'compound',
    });
    expect(result?.premium).toBeCloseTo(0.12, 10);
    const simple = signalPremium(quotes({ futures: [future(30, 0.12, 'compound')] }), {
      source: 'nearest-future',
    });
    expect(simple?.premium).not.toBeCloseTo(0.12, 4);
  });

  it('has no nearest-future signal without an eligible contract, and does not fall back', () => {
    const withFunding = quotes({
      futures: [future(3, 0.5)],
      perp: { fundingRate: 0.0001, intervalHours: 8 },
    });
    expect(signalPremium(withFunding, { source: 'nearest-future' })).toBeNull();
  });

  it('ignores expired, unpriced and unusable contracts', () => {
    const bad: DatedFuture[] = [
      { symbol: 'EXPIRED', expiry: NOW - DAY_MS, price: 101_000 },
      { symbol: 'AT_NOW', expiry: NOW, price: 101_000 },
      { symbol: 'NAN', expiry: NOW + 20 * DAY_MS, price: NaN },
      { symbol: 'ZERO', expiry: NOW + 20 * DAY_MS, price: 0 },
      { symbol: 'NO_EXPIRY', expiry: NaN, price: 101_000 },
    ];
    const result = signalPremium(quotes({ futures: [...bad, future(30, 0.12)] }), {
      source: 'nearest-future',
    });
    expect(result?.premium).toBeCloseTo(0.12, 10);
    expect(signalPremium(quotes({ futures: bad }), { source: 'nearest-future' })).toBeNull();
  });

  it('cannot use futures without a usable spot price', () => {
    for (const spot of [null, NaN, 0, -1]) {
      expect(
        signalPremium(quotes({ spot, futures: curve }), { source: 'nearest-future' }),
      ).toBeNull();
    }
  });
});

describe('signalPremium at constant maturity', () => {
  it('interpolates linearly in days between the two eligible expiries around the target', () => {
    const result = signalPremium(quotes({ futures: curve }), { source: 'constant-maturity' });
    expect(result?.source).toBe('constant-maturity');
    // 90 days lies two thirds of the way from 30 days (12%) to 120 days (6%).
    expect(result?.premium).toBeCloseTo(0.12 + (60 / 90) * (0.06 - 0.12), 10);
  });

  it('takes a contract whose expiry is the target as it is', () => {
    const result = signalPremium(
      quotes({ futures: [future(30, 0.12), future(90, 0.08), future(120, 0.06)] }),
      {
        source: 'constant-maturity',
      },
    );
    expect(result?.premium).toBeCloseTo(0.08, 10);
  });

  it('follows the target maturity it is given', () => {
    const result = signalPremium(quotes({ futures: curve }), {
      source: 'constant-maturity',
      constantMaturityDays: 160,
    });
    expect(result?.premium).toBeCloseTo(0.06 + (40 / 80) * (0.05 - 0.06), 10);
  });

  it('uses the nearest eligible contract when the target lies outside the listed expiries', () => {
    const shortOnly = [future(3, 0.5), future(30, 0.12), future(60, 0.1)];
    expect(
      signalPremium(quotes({ futures: shortOnly }), { source: 'constant-maturity' })?.premium,
    ).toBeCloseTo(0.1, 10);
    const longOnly = [future(150, 0.07), future(250, 0.05)];
    expect(
      signalPremium(quotes({ futures: longOnly }), { source: 'constant-maturity' })?.premium,
    ).toBeCloseTo(0.07, 10);
  });

  it('never brackets the target with a contract under the minimum days', () => {
    const result = signalPremium(quotes({ futures: [future(3, 0.5), future(30, 0.12)] }), {
      source: 'constant-maturity',
      constantMaturityDays: 7,
    });
    expect(result?.premium).toBeCloseTo(0.12, 10);
  });

  it('has no constant-maturity signal without an eligible contract', () => {
    expect(
      signalPremium(quotes({ futures: [future(3, 0.5)] }), { source: 'constant-maturity' }),
    ).toBeNull();
  });

  it('always lies within the premiums of the eligible contracts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 1, max: 400, noNaN: true }),
            fc.double({ min: -0.3, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.double({ min: 7, max: 365, noNaN: true }),
        (contracts, target) => {
          const futures = contracts.map(([d, p]) => future(d, p));
          const eligible = termStructure(quotes({ futures })).filter((f) => f.inSignal);
          const result = signalPremium(quotes({ futures }), {
            source: 'constant-maturity',
            constantMaturityDays: target,
          });
          if (eligible.length === 0) {
            expect(result).toBeNull();
            return;
          }
          const premiums = eligible.map((f) => f.annualized);
          expect(result?.premium).toBeGreaterThanOrEqual(Math.min(...premiums) - 1e-12);
          expect(result?.premium).toBeLessThanOrEqual(Math.max(...premiums) + 1e-12);
        },
      ),
    );
  });
});

describe('signalPremium from funding', () => {
  const perp = { fundingRate: 0.0003, intervalHours: 8 };

  it('averages funding over the trailing window when auto finds no eligible future', () => {
    const history = fundingEvery(8, 21, 0.0001);
    const result = signalPremium(
      quotes({ futures: [future(3, 0.5)], fundingHistory: history, perp }),
      {
        source: 'auto',
      },
    );
    expect(result?.source).toBe('funding-average');
    expect(result?.premium).toBeCloseTo(0.0001 * 3 * 365, 12);
  });

  it('weights each payment by the time it covers, annualizing each with its own interval', () => {
    // One 8-hour payment of 0.08% (87.6% a year) and eight hourly payments of 0.001% (8.76% a year)
    // cover eight hours each: the time-weighted mean is halfway, not dragged towards the many small ones.
    const history = [
      ...fundingEvery(8, 1, 0.0008, NOW - 8 * HOUR_MS),
      ...fundingEvery(1, 8, 0.00001),
    ];
    const result = signalPremium(quotes({ fundingHistory: history }), {
      source: 'funding-average',
    });
    expect(result?.premium).toBeCloseTo((0.876 + 0.0876) / 2, 12);
  });

  it('annualizes a week of 4 days at 8 h then 3 days at 4 h, 0.01% a settlement, to 15.64%', () => {
    const history = [
      ...fundingEvery(8, 12, 0.0001, NOW - 3 * DAY_MS),
      ...fundingEvery(4, 18, 0.0001),
    ];
    const result = signalPremium(quotes({ fundingHistory: history, perp }), {
      source: 'funding-average',
      averagingWindowDays: 7,
    });
    expect(result?.source).toBe('funding-average');
    expect(result!.premium.toFixed(4)).toBe('0.1564');
  });

  it('counts only payments within the trailing window, including one at now and excluding one a full window ago', () => {
    const window = 7 * DAY_MS;
    const history: FundingPoint[] = [
      { at: NOW - window, rate: 0.01, intervalHours: 8 },
      { at: NOW - window + 1, rate: 0.0002, intervalHours: 8 },
      { at: NOW, rate: 0.0004, intervalHours: 8 },
      { at: NOW + 1, rate: 0.05, intervalHours: 8 },
    ];
    const result = signalPremium(quotes({ fundingHistory: history }), {
      source: 'funding-average',
    });
    expect(result?.premium).toBeCloseTo(0.0003 * 3 * 365, 12);
  });

  it('follows the averaging window it is given', () => {
    const history = [...fundingEvery(8, 3, 0.001, NOW - 2 * DAY_MS), ...fundingEvery(8, 3, 0.0001)];
    const oneDay = signalPremium(quotes({ fundingHistory: history }), {
      source: 'funding-average',
      averagingWindowDays: 1,
    });
    expect(oneDay?.premium).toBeCloseTo(0.0001 * 1095, 12);
    const threeDays = signalPremium(quotes({ fundingHistory: history }), {
      source: 'funding-average',
      averagingWindowDays: 3,
    });
    expect(threeDays?.premium).toBeCloseTo(0.00055 * 1095, 12);
  });

  it('falls back to the current funding, and says so, when no payment is in the window', () => {
    const stale = fundingEvery(8, 21, 0.0001, NOW - 30 * DAY_MS);
    for (const source of ['auto', 'funding-average'] as const) {
      const result = signalPremium(quotes({ fundingHistory: stale, perp }), { source });
      expect(result).toEqual({ premium: 0.0003 * (24 / 8) * 365, source: 'funding-current' });
    }
  });

  it('skips payments that are not usable numbers', () => {
    const history: FundingPoint[] = [
      ...fundingEvery(8, 3, 0.0002),
      { at: NOW - HOUR_MS, rate: NaN, intervalHours: 8 },
      { at: NOW - 2 * HOUR_MS, rate: 0.01, intervalHours: 0 },
    ];
    const result = signalPremium(quotes({ fundingHistory: history }), {
      source: 'funding-average',
    });
    expect(result?.premium).toBeCloseTo(0.0002 * 1095, 12);
  });

  it('uses the current funding with its own interval when forced to', () => {
    const result = signalPremium(
      quotes({ futures: curve, perp: { fundingRate: 0.0001, intervalHours: 4 } }),
      {
        source: 'funding-current',
      },
    );
    expect(result).toEqual({ premium: 0.0001 * 6 * 365, source: 'funding-current' });
  });

  it('has no funding signal without a perpetual or its history', () => {
    expect(signalPremium(quotes({}), { source: 'funding-current' })).toBeNull();
    expect(signalPremium(quotes({}), { source: 'funding-average' })).toBeNull();
    expect(signalPremium(quotes({ futures: [future(2, 0.4)] }), { source: 'auto' })).toBeNull();
    const broken = quotes({ perp: { fundingRate: NaN, intervalHours: 8 } });
    expect(signalPremium(broken, { source: 'funding-current' })).toBeNull();
  });

  it('uses funding when auto has futures but no spot to price them against', () => {
    const result = signalPremium(quotes({ spot: null, futures: curve, perp }), { source: 'auto' });
    expect(result?.source).toBe('funding-current');
  });
});

describe('signalPremium refusals', () => {
  it.each<[string, Parameters<typeof signalPremium>[1]]>([
    ['an unknown source', { source: 'oracle' as SignalSource }],
    ['an unknown basis method', { source: 'auto', basisMethod: 'log' as BasisMethod }],
    ['negative minimum days', { source: 'auto', minDaysToExpiry: -1 }],
    ['a zero averaging window', { source: 'auto', averagingWindowDays: 0 }],
    ['a NaN averaging window', { source: 'auto', averagingWindowDays: NaN }],
    ['a zero constant maturity', { source: 'constant-maturity', constantMaturityDays: 0 }],
  ])('refuses %s with a RangeError', (_label, options) => {
    expect(() => signalPremium(quotes({ futures: curve }), options)).toThrow(RangeError);
  });

  it('refuses a time that is not a number', () => {
    expect(() => signalPremium(quotes({ now: NaN }), { source: 'auto' })).toThrow(RangeError);
  });
});

describe('signalPremium by auto, as a property', () => {
  it('is the nearest eligible future when one exists, else the averaged or current funding', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.5, max: 300, noNaN: true }),
            fc.double({ min: -0.3, max: 0.8, noNaN: true }),
          ),
          {
            maxLength: 5,
          },
        ),
        fc.array(fc.double({ min: -0.001, max: 0.001, noNaN: true }), { maxLength: 30 }),
        fc.option(fc.double({ min: -0.001, max: 0.001, noNaN: true }), { nil: null }),
        (contracts, rates, current) => {
          const futures = contracts.map(([d, p]) => future(d, p));
          const fundingHistory = rates.map((rate, i) => ({
            at: NOW - i * 8 * HOUR_MS,
            rate,
            intervalHours: 8,
          }));
          const perp = current === null ? null : { fundingRate: current, intervalHours: 8 };
          const q = quotes({ futures, fundingHistory, perp });
          const auto = signalPremium(q, { source: 'auto' });
          const nearest = signalPremium(q, { source: 'nearest-future' });
          const averaged = signalPremium(q, { source: 'funding-average' });
          expect(auto?.source).not.toBe('auto');
          expect(auto).toEqual(nearest ?? averaged);
          if (nearest === null && averaged === null) expect(auto).toBeNull();
        },
      ),
    );
  });
});

describe('termStructure', () => {
  it('annualizes every live contract, nearest first, marking which may feed the signal', () => {
    const structure = termStructure(
      quotes({ futures: [curve[2]!, curve[0]!, curve[3]!, curve[1]!] }),
    );
    expect(structure.map((f) => f.symbol)).toEqual([
      'BTCUSDT_3D',
      'BTCUSDT_30D',
      'BTCUSDT_120D',
      'BTCUSDT_200D',
    ]);
    expect(structure.map((f) => f.inSignal)).toEqual([false, true, true, true]);
    expect(structure.map((f) => f.daysToExpiry)).toEqual([3, 30, 120, 200]);
    for (const f of structure) {
      expect(f.annualized).toBe(annualizeBasis(SPOT, f.price, f.expiry - NOW));
    }
  });

  it('follows the minimum days and basis method it is given', () => {
    const structure = termStructure(quotes({ futures: curve }), {
      minDaysToExpiry: 100,
      basisMethod: 'compound',
    });
    expect(structure.map((f) => f.inSignal)).toEqual([false, false, true, true]);
    const first = structure[0]!;
    expect(first.annualized).toBe(
      annualizeBasis(SPOT, first.price, first.expiry - NOW, 'compound'),
    );
  });

  it('leaves out expired contracts, and is empty without a spot price', () => {
    const expired = { symbol: 'OLD', expiry: NOW - 1, price: 100_500 };
    expect(termStructure(quotes({ futures: [expired, curve[1]!] })).map((f) => f.symbol)).toEqual([
      'BTCUSDT_30D',
    ]);
    expect(termStructure(quotes({ spot: null, futures: curve }))).toEqual([]);
  });

  it('leaves out a contract whose compound figure overflows hours from expiry', () => {
    const almostExpired = { symbol: 'EDGE', expiry: NOW + 1000, price: SPOT * 1.5 };
    expect(
      termStructure(quotes({ futures: [almostExpired] }), { basisMethod: 'compound' }),
    ).toEqual([]);
    expect(termStructure(quotes({ futures: [almostExpired] }))).toHaveLength(1);
  });
});
