import { describe, expect, it } from 'vitest';
import type { AssetSnapshot, FutureQuote } from '../../../shared/market';
import {
  intervalFootnote,
  laterSnapshot,
  marketRow,
  rowAssets,
  shownFuture,
  sourceLabel,
  thresholdsInForce,
} from './market-row';

const AT = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;

function future(daysToExpiry: number, annualized: number, inSignal: boolean): FutureQuote {
  return {
    symbol: `BTCUSDT_${daysToExpiry}`,
    expiry: AT + daysToExpiry * DAY,
    price: 100_000,
    daysToExpiry,
    annualized,
    inSignal,
  };
}

function btc(overrides: Partial<AssetSnapshot> = {}): AssetSnapshot {
  return {
    asset: 'BTC',
    spot: 97_123.456,
    perp: {
      symbol: 'BTCUSDT',
      mark: 97_150.5,
      index: 97_120,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      intervalFromVenue: true,
      annualized: 0.1095,
      nextFundingAt: AT + 3 * 3_600_000,
    },
    futures: [future(4, 0.3, false), future(71.5, 0.0834, true), future(162, 0.09, true)],
    premium: 0.0834,
    premiumSource: 'nearest-future',
    basisMethod: 'simple',
    regime: 'moderate-contango',
    heldByHysteresis: false,
    stale: false,
    receivedAt: AT - 2_000,
    ...overrides,
  };
}

describe('marketRow', () => {
  it("shows the snapshot's own numbers with separators and fixed decimals", () => {
    const row = marketRow('BTC', btc(), AT, 0.05);
    expect(row.spot).toEqual({ text: '97,123.46', missing: null });
    expect(row.mark.text).toBe('97,150.50');
    expect(row.funding?.perInterval.text).toBe('0.0100% / 8 h');
    expect(row.funding?.annualized.text).toBe('10.95% a year');
    expect(row.premium.text).toBe('8.34% a year');
    expect(row.regime).toBe('moderate-contango');
    expect(row.receivedAt).toBe(AT - 2_000);
  });

  it('marks an interval the venue does not publish with a short mark, explained once under the table', () => {
    const asset = btc();
    asset.perp = { ...asset.perp!, intervalFromVenue: false };
    const row = marketRow('BTC', asset, AT, 0.05);
    const stated = marketRow('ETH', { ...btc(), asset: 'ETH' }, AT, 0.05);
    expect(row.funding?.perInterval.text).toBe('0.0100% / 8 h*');
    expect(row.funding?.intervalNote).toBe('*');
    expect(stated.funding?.intervalNote).toBeNull();
    expect(row.funding?.venueDefault).toBe(true);
    expect(intervalFootnote([row, stated])).toBe(
      '* The venue publishes no funding interval for BTC: its default is assumed.',
    );
    expect(intervalFootnote([stated])).toBeNull();
  });

  it('shows negative figures with a real minus sign', () => {
    const asset = btc({ premium: -0.1234, regime: 'deep-backwardation' });
    asset.perp = { ...asset.perp!, fundingRate: -0.00025, annualized: -0.27375 };
    const row = marketRow('BTC', asset, AT, 0.05);
    expect(row.premium.text).toBe('\u221212.34% a year');
    expect(row.funding?.perInterval.text).toBe('\u22120.0250% / 8 h');
    expect(row.funding?.annualized.text).toBe('\u221227.38% a year');
  });

  it('shows the first future that feeds the signal, with its days to expiry', () => {
    const row = marketRow('BTC', btc(), AT, 0.05);
    expect(row.nearestFuture).toMatchObject({
      symbol: 'BTCUSDT_71.5',
      basis: { text: '8.34% a year' },
      expiry: '71 days to expiry',
      inSignal: true,
    });
  });

  it('labels the source and, for a dated future, the basis method', () => {
    const row = marketRow('BTC', btc({ basisMethod: 'compound' }), AT, 0.05);
    expect(row.source).toBe('Nearest future');
    expect(row.method).toBe('compounded basis');
    const funded = marketRow('BTC', btc({ premiumSource: 'funding-average' }), AT, 0.05, {
      averagingWindowDays: 7,
    });
    expect(funded.source).toBe('7-day average funding');
    expect(funded.method).toBeNull();
  });

  it('says when hysteresis holds extreme contango and where it exits', () => {
    const held = btc({ premium: 0.12, regime: 'extreme-contango', heldByHysteresis: true });
    expect(marketRow('BTC', held, AT, 0.05).held).toBe('held: exit below 5.00%');
    const own = {
      ...held,
      thresholds: { deepBelow: -0.1, moderateFrom: 0.06, extremeAbove: 0.2, extremeExit: 0.07 },
    };
    expect(marketRow('BTC', own, AT, 0.05).held).toBe('held: exit below 7.00%');
    expect(marketRow('BTC', btc(), AT, 0.05).held).toBeNull();
  });

  it('explains every missing value instead of showing a bare dash', () => {
    const row = marketRow(
      'XYZ',
      btc({
        asset: 'XYZ',
        spot: null,
        perp: null,
        futures: [],
        premium: null,
        premiumSource: null,
        regime: null,
      }),
      AT,
      0.05,
    );
    expect(row.spot).toEqual({ text: '—', missing: 'No spot price' });
    expect(row.mark).toEqual({ text: '—', missing: 'No perpetual listed' });
    expect(row.funding).toBeNull();
    expect(row.nearestFuture).toBeNull();
    expect(row.premium.missing).toMatch(/No signal premium/);
    expect(row.source).toBeNull();
  });

  it('never shows a non-finite number as one', () => {
    const row = marketRow(
      'BTC',
      btc({ spot: Number.NaN, premium: Number.POSITIVE_INFINITY }),
      AT,
      null,
    );
    expect(row.spot.text).toBe('—');
    expect(row.premium.text).toBe('—');
  });

  it('carries the reason the host gives for an asset’s missing data, and none when all is well', () => {
    const problem =
      'Binance refused the BTCUSDT spot pair (Invalid symbol); Premia is checking whether it was delisted.';
    expect(marketRow('BTC', btc({ spot: null, problem }), AT, 0.05).problem).toBe(problem);
    expect(marketRow('BTC', btc(), AT, 0.05).problem).toBeNull();
    expect(marketRow('BTC', null, AT, 0.05).problem).toBeNull();
  });

  it('falls back to the snapshot time for a snapshot saved without receipt times', () => {
    const { receivedAt: _none, ...older } = btc();
    expect(marketRow('BTC', older, AT, 0.05).receivedAt).toBe(AT);
  });

  it('shows an asset that never received data as waiting, never as just now and stale at once', () => {
    const never = btc({
      spot: null,
      perp: null,
      futures: [],
      premium: null,
      premiumSource: null,
      regime: null,
      stale: true,
      receivedAt: null,
    });
    const row = marketRow('XYZ', { ...never, asset: 'XYZ' }, AT, 0.05);
    expect(row).toMatchObject({ listed: false, receivedAt: null, stale: false });
  });

  it('shows a tracked asset without data as waiting', () => {
    const row = marketRow('SOL', null, AT, 0.05);
    expect(row.listed).toBe(false);
    expect(row.spot.missing).toBe('No data for SOL yet');
  });
});

describe('shownFuture', () => {
  it('takes the nearest contract when none may feed the signal', () => {
    expect(shownFuture([future(20, 0.1, false), future(3, 0.5, false)])?.daysToExpiry).toBe(3);
  });

  it('returns null without futures', () => {
    expect(shownFuture([])).toBeNull();
  });
});

describe('sourceLabel', () => {
  it('names the constant maturity it interpolates', () => {
    expect(sourceLabel('constant-maturity', { constantMaturityDays: 90 })).toBe(
      '90-day constant maturity',
    );
    expect(sourceLabel('funding-current')).toBe('Current funding');
  });
});

describe('rowAssets', () => {
  it('follows the tracked order and keeps assets without data', () => {
    const rows = rowAssets(['ETH', 'SOL', 'BTC'], [btc(), btc({ asset: 'ETH' })]);
    expect(rows.map((r) => [r.name, r.asset?.asset ?? null])).toEqual([
      ['ETH', 'ETH'],
      ['SOL', null],
      ['BTC', 'BTC'],
    ]);
  });

  it("uses the snapshot's order before the settings are known", () => {
    expect(rowAssets(null, [btc({ asset: 'ETH' }), btc()]).map((r) => r.name)).toEqual([
      'ETH',
      'BTC',
    ]);
  });
});

describe('thresholdsInForce', () => {
  const fixed = { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 };
  const own = { deepBelow: 0.02, moderateFrom: 0.1, extremeAbove: 0.18, extremeExit: 0.1 };

  it("prefers the asset's own thresholds from the snapshot", () => {
    const settings = {
      thresholds: {
        mode: 'fixed' as const,
        fixed,
        historyK: { deep: 1.5, moderate: 0.5, extreme: 1.5 },
      },
    };
    expect(thresholdsInForce(btc({ thresholds: own }), settings)).toEqual(own);
    expect(thresholdsInForce(btc(), settings)).toEqual(fixed);
  });

  it('knows none in history mode when the snapshot carries none', () => {
    const settings = {
      thresholds: {
        mode: 'history' as const,
        fixed,
        historyK: { deep: 1.5, moderate: 0.5, extreme: 1.5 },
      },
    };
    expect(thresholdsInForce(btc(), settings)).toBeNull();
    expect(thresholdsInForce(null, null)).toBeNull();
  });
});

describe('laterSnapshot', () => {
  const snap = (at: number) => ({ at, source: 'demo', assets: [] });

  it('keeps the later of the held and the incoming snapshot', () => {
    expect(laterSnapshot(snap(2), snap(1))?.at).toBe(2);
    expect(laterSnapshot(snap(1), snap(2))?.at).toBe(2);
    expect(laterSnapshot(null, snap(1))?.at).toBe(1);
    expect(laterSnapshot(snap(1), null)?.at).toBe(1);
  });
});
