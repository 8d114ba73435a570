import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { AssetMarketData } from '../gateway';
import type { AssetSnapshotInput } from './snapshot-builder';
import {
  buildAssetSnapshot,
  emptyAssetSnapshot,
  hasMarketData,
  reclassifiedUnderFixedLevels,
} from './snapshot-builder';

const NOW = Date.UTC(2025, 0, 10, 12);
const DAY = 86_400_000;

function btc(extra: Partial<AssetMarketData> = {}): AssetMarketData {
  return {
    asset: 'BTC',
    spot: { symbol: 'BTC/USDT', bid: 99_990, ask: 100_010, price: 100_000 },
    perp: {
      symbol: 'BTC/USDT:USDT',
      mark: 100_050,
      index: 100_001,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      intervalFromVenue: false,
      nextFundingAt: NOW + 4 * 3_600_000,
      venueTime: NOW,
    },
    // 36.5 days out at 1% over spot: 10% a year, simple.
    futures: [
      {
        symbol: 'BTC/USDT:USDT-A',
        expiry: NOW + 36.5 * DAY,
        price: 101_000,
        index: null,
        venueTime: NOW,
      },
      {
        symbol: 'BTC/USDT:USDT-B',
        expiry: NOW + 3 * DAY,
        price: 100_500,
        index: null,
        venueTime: NOW,
      },
    ],
    ...extra,
  };
}

function input(extra: Partial<AssetSnapshotInput> = {}): AssetSnapshotInput {
  const settings = defaultSettings();
  return {
    data: btc(),
    marketNow: NOW,
    receivedAt: NOW + 5,
    signal: settings.signal,
    thresholds: settings.thresholds.fixed,
    fundingHistory: [],
    previousRegime: null,
    ...extra,
  };
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('buildAssetSnapshot', () => {
  it('annualizes the perpetual funding with its interval and keeps the venue-default flag', () => {
    const s = buildAssetSnapshot(input());
    expect(s.perp).toMatchObject({
      symbol: 'BTC/USDT:USDT',
      mark: 100_050,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      intervalFromVenue: false,
    });
    expect(s.perp!.annualized).toBeCloseTo(0.0001 * 3 * 365, 12);
  });

  it('lists the term structure nearest first and keeps contracts near expiry out of the signal', () => {
    const s = buildAssetSnapshot(input());
    expect(s.futures.map((f) => f.symbol)).toEqual(['BTC/USDT:USDT-B', 'BTC/USDT:USDT-A']);
    expect(s.futures.map((f) => f.inSignal)).toEqual([false, true]);
    expect(s.futures[1]!.annualized).toBeCloseTo(0.1, 12);
    expect(s.futures[1]!.daysToExpiry).toBeCloseTo(36.5, 12);
  });

  it('carries each contract’s venue name beside ccxt’s symbol, for people who know it by that name', () => {
    const data = btc();
    data.perp = { ...data.perp!, id: 'BTCUSDT' };
    data.futures = data.futures.map((f, i) => ({ ...f, id: ['BTCUSDT_A', 'BTCUSDT_B'][i] }));
    const s = buildAssetSnapshot(input({ data }));
    expect(s.perp?.id).toBe('BTCUSDT');
    expect(s.futures.map((f) => [f.symbol, f.id])).toEqual([
      ['BTC/USDT:USDT-B', 'BTCUSDT_B'],
      ['BTC/USDT:USDT-A', 'BTCUSDT_A'],
    ]);
  });

  it('classifies the very premium it shows, with the thresholds it shows', () => {
    const s = buildAssetSnapshot(input());
    expect(s.premiumSource).toBe('nearest-future');
    expect(s.premium).toBe(s.futures[1]!.annualized);
    expect(s.regime).toBe('moderate-contango');
    expect(s.thresholds).toEqual(defaultSettings().thresholds.fixed);
    expect(s).toMatchObject({ stale: false, receivedAt: NOW + 5, basisMethod: 'simple' });
  });

  it('averages settled funding over the window when the source asks for it', () => {
    const settings = defaultSettings();
    const history = [1, 2, 3].map((i) => ({
      at: NOW - i * 8 * 3_600_000,
      rate: 0.0001,
      intervalHours: 8,
    }));
    const s = buildAssetSnapshot(
      input({ signal: { ...settings.signal, source: 'funding-average' }, fundingHistory: history }),
    );
    expect(s.premiumSource).toBe('funding-average');
    expect(s.premium).toBeCloseTo(0.0001 * 3 * 365, 12);
    expect(s.regime).toBe('moderate-contango');
  });

  it('holds extreme contango by hysteresis when the premium falls between exit and entry', () => {
    const s = buildAssetSnapshot(input({ previousRegime: 'extreme-contango' }));
    expect(s).toMatchObject({ regime: 'extreme-contango', heldByHysteresis: true });
    const fresh = buildAssetSnapshot(input({ previousRegime: 'neutral' }));
    expect(fresh).toMatchObject({ regime: 'moderate-contango', heldByHysteresis: false });
  });

  it('shows missing figures as null and never as NaN', () => {
    const broken = btc({
      spot: { symbol: 'BTC/USDT', bid: null, ask: null, price: Number.NaN },
      perp: { ...btc().perp!, fundingRate: null },
      futures: [
        {
          symbol: 'X',
          expiry: NOW + 30 * DAY,
          price: Number.POSITIVE_INFINITY,
          index: null,
          venueTime: null,
        },
      ],
    });
    const s = buildAssetSnapshot(input({ data: broken }));
    expect(s).toMatchObject({ spot: null, perp: null, futures: [], premium: null, regime: null });
    expect(numbersIn(s).every(Number.isFinite)).toBe(true);
  });
});

describe('emptyAssetSnapshot and hasMarketData', () => {
  it('describes an asset with no quotes as stale with every figure missing', () => {
    expect(emptyAssetSnapshot('DOGE', 'compound')).toEqual({
      asset: 'DOGE',
      spot: null,
      perp: null,
      futures: [],
      premium: null,
      premiumSource: null,
      basisMethod: 'compound',
      regime: null,
      heldByHysteresis: false,
      stale: true,
      receivedAt: null,
    });
  });

  it('tells an answer with quotes from one with none', () => {
    expect(hasMarketData(btc())).toBe(true);
    expect(hasMarketData({ asset: 'NOPE', spot: null, perp: null, futures: [] })).toBe(false);
  });
});

describe('reclassifiedUnderFixedLevels', () => {
  const settings = defaultSettings();
  const built = () => buildAssetSnapshot(input());
  const withFixed = (
    fixed: typeof settings.thresholds.fixed,
    mode: 'fixed' | 'history' = 'fixed',
  ) => ({
    thresholds: { ...settings.thresholds, mode, fixed },
  });

  it('reads the regime again from its own premium when the fixed levels have changed', () => {
    const kept = built();
    expect(kept.regime).toBe('moderate-contango');
    const lower = { deepBelow: -0.4, moderateFrom: -0.3, extremeAbove: -0.2, extremeExit: -0.25 };
    const again = reclassifiedUnderFixedLevels(kept, withFixed(lower));
    expect(again.regime).toBe('extreme-contango');
    expect(again.thresholds).toEqual(lower);
    expect(again.premium).toBe(kept.premium);
  });

  it('holds extreme contango by hysteresis when the premium sits between the new exit and entry', () => {
    const kept = { ...built(), regime: 'extreme-contango' as const };
    const premium = kept.premium!;
    const levels = {
      deepBelow: -0.1,
      moderateFrom: premium - 0.05,
      extremeAbove: premium + 0.05,
      extremeExit: premium - 0.02,
    };
    const again = reclassifiedUnderFixedLevels(kept, withFixed(levels));
    expect(again.regime).toBe('extreme-contango');
    expect(again.heldByHysteresis).toBe(true);
  });

  it('leaves it as it was under the same levels, with no premium, or when levels come from history', () => {
    const kept = built();
    expect(reclassifiedUnderFixedLevels(kept, withFixed(settings.thresholds.fixed))).toBe(kept);
    const lower = { deepBelow: -0.4, moderateFrom: -0.3, extremeAbove: -0.2, extremeExit: -0.25 };
    expect(reclassifiedUnderFixedLevels(kept, withFixed(lower, 'history'))).toBe(kept);
    const empty = emptyAssetSnapshot('BTC', settings.signal.basisMethod);
    expect(reclassifiedUnderFixedLevels(empty, withFixed(lower))).toBe(empty);
  });
});
