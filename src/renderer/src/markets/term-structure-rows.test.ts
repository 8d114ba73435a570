import { describe, expect, it } from 'vitest';
import type { AssetSnapshot } from '../../../shared/market';
import { annualizedBoth, signDisagreement, termStructureRows } from './term-structure-rows';

const EXPIRY = Date.UTC(2026, 2, 27, 8);

function btc(overrides: Partial<AssetSnapshot> = {}): AssetSnapshot {
  return {
    asset: 'BTC',
    spot: 100_000,
    perp: {
      symbol: 'BTC/USDT:USDT',
      id: 'BTCUSDT',
      mark: 100_050,
      index: 100_000,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      intervalFromVenue: true,
      annualized: 0.1095,
      nextFundingAt: null,
    },
    futures: [
      {
        symbol: 'BTC/USDT:USDT-260626',
        id: 'BTCUSDT_260626',
        expiry: EXPIRY + 91 * 86_400_000,
        price: 103_000,
        daysToExpiry: 182.5,
        annualized: 0.06,
        inSignal: true,
      },
      {
        symbol: 'BTC/USDT:USDT-260327',
        id: 'BTCUSDT_260327',
        expiry: EXPIRY,
        price: 101_000,
        daysToExpiry: 91.25,
        annualized: 0.04,
        inSignal: true,
      },
    ],
    premium: 0.04,
    premiumSource: 'nearest-future',
    basisMethod: 'simple',
    regime: 'neutral',
    heldByHysteresis: false,
    stale: false,
    ...overrides,
  };
}

describe('annualizedBoth', () => {
  it('annualizes a 1% basis over a quarter to 4% simple and about 4.06% compounded', () => {
    const both = annualizedBoth(0.01, 91.25);
    expect(both.simple).toBeCloseTo(0.04, 12);
    expect(both.compounded).toBeCloseTo(1.01 ** 4 - 1, 12);
  });

  it('gives no figure rather than Infinity for a wide basis hours from expiry', () => {
    expect(annualizedBoth(0.5, 0.001).compounded).toBeNaN();
    expect(annualizedBoth(0.01, 0).simple).toBeNaN();
  });
});

describe('termStructureRows', () => {
  it('lists the perpetual, then each future nearest first, under the venue’s own names', () => {
    const rows = termStructureRows(btc());
    expect(rows.map((r) => r.contract)).toEqual(['BTCUSDT', 'BTCUSDT_260327', 'BTCUSDT_260626']);
  });

  it('gives each future its basis in dollars and percent, annualized simple and compounded', () => {
    const march = termStructureRows(btc())[1]!;
    expect(march.basisDollars).toBe(1_000);
    expect(march.basisFraction).toBeCloseTo(0.01, 12);
    expect(march.simple).toBeCloseTo(0.04, 12);
    expect(march.compounded).toBeCloseTo(1.01 ** 4 - 1, 12);
    expect(march.days).toBe(91.25);
  });

  it('gives the perpetual its premium over the index and its funding annualized', () => {
    const perp = termStructureRows(btc())[0]!;
    expect(perp).toMatchObject({ kind: 'perp', days: 0, basisDollars: 50, simple: 0.1095 });
    expect(perp.basisFraction).toBeCloseTo(0.0005, 12);
  });

  it('falls back to the unified symbol for a snapshot saved before venue names were kept', () => {
    const old = btc();
    delete old.futures[0]!.id;
    expect(termStructureRows(old).map((r) => r.contract)).toContain('BTC/USDT:USDT-260626');
  });

  it('shows no basis rather than a wrong one when spot is missing', () => {
    const rows = termStructureRows(btc({ spot: null }));
    expect(rows[1]!.basisDollars).toBeNaN();
    expect(rows[1]!.simple).toBeNaN();
  });
});

describe('signDisagreement', () => {
  it('says nothing when funding and basis point the same way', () => {
    expect(signDisagreement(btc())).toBeNull();
  });

  it('warns, naming the contract, when funding is negative while futures trade above spot', () => {
    const asset = btc();
    asset.perp = { ...asset.perp!, annualized: -0.05 };
    expect(signDisagreement(asset)).toMatch(
      /^Funding and basis disagree: the perpetual's funding is −5\.00% a year \(shorts pay longs\) while BTCUSDT_260327 trades above spot/,
    );
  });

  it('says nothing for a perpetual-only asset or a zero on either side', () => {
    expect(signDisagreement(btc({ futures: [] }))).toBeNull();
    const flat = btc();
    flat.perp = { ...flat.perp!, annualized: 0 };
    expect(signDisagreement(flat)).toBeNull();
  });
});
