import { describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../../shared/time';
import { assetBuckets, portfolioBuckets } from '../../../shared/portfolio-testing';
import {
  assetRows,
  bucketBars,
  freshnessText,
  historyQuery,
  noWeightsReason,
  regimeAsk,
  valueChange,
  warningItems,
} from './dashboard-view';

describe('historyQuery', () => {
  it('asks for the week before now for the 1 W range', () => {
    expect(historyQuery('1w', 10 * DAY_MS)).toEqual({ from: 3 * DAY_MS, to: 10 * DAY_MS });
  });

  it('asks for everything kept for the All range', () => {
    expect(historyQuery('all', 10 * DAY_MS)).toEqual({});
  });
});

describe('valueChange', () => {
  it('gives the change from the first to the last point, in USDT and percent', () => {
    const change = valueChange([
      [1, 1000],
      [2, 900],
      [3, 1100],
    ]);
    expect(change?.absolute).toBe(100);
    expect(change?.relative).toBeCloseTo(0.1);
    expect(change?.text).toBe('+100.00 USDT (+10.00%)');
  });

  it('shows a loss with a real minus sign', () => {
    expect(
      valueChange([
        [1, 1000],
        [2, 750],
      ])?.text,
    ).toBe('\u2212250.00 USDT (\u221225.00%)');
  });

  it('gives no percent when the range started at no value', () => {
    expect(
      valueChange([
        [1, 0],
        [2, 500],
      ])?.text,
    ).toBe('+500.00 USDT');
  });

  it('gives no change with fewer than two points, ignoring points that are not numbers', () => {
    expect(valueChange([[1, 100]])).toBeNull();
    expect(
      valueChange([
        [1, 100],
        [2, Number.NaN],
      ]),
    ).toBeNull();
  });
});

describe('regimeAsk', () => {
  const slice = { spot: 0.7, hedged: 0, stable: 0.3 };

  it('names each regime’s move in a few words', () => {
    expect(regimeAsk('deep-backwardation', slice, 'hedge')).toBe('accumulate spot');
    expect(regimeAsk('moderate-contango', slice, 'hedge')).toBe('open a basis trade');
    expect(regimeAsk('extreme-contango', slice, 'hedge')).toBe('hedge spot');
    expect(regimeAsk('extreme-contango', slice, 'sell')).toBe('sell into stablecoins');
  });

  it('names the neutral baseline by its split of the slice', () => {
    expect(regimeAsk('neutral', slice, 'hedge')).toBe('hold 70/30');
  });
});

describe('bucketBars', () => {
  it('gives each bucket its share now, its target and the band around it', () => {
    const [spot, hedged, stable] = bucketBars(portfolioBuckets());
    expect(spot).toMatchObject({ current: 0.25, target: 0.7 });
    expect(spot?.low).toBeCloseTo(0.65);
    expect(spot?.high).toBeCloseTo(0.75);
    expect(spot?.beyondBand).toBe(true);
    expect(spot?.text).toBe(
      'Spot (unhedged): 25% now, target 70% (band 65% to 75%), beyond the band',
    );
    expect(hedged).toMatchObject({ low: 0, high: 0.05 });
    expect(stable?.bucket).toBe('stable');
  });

  it('keeps a share within the band unmarked', () => {
    const buckets = portfolioBuckets({ current: { spot: 0.68, hedged: 0.02, stable: 0.3 } });
    expect(bucketBars(buckets).map((b) => b.beyondBand)).toEqual([false, false, false]);
  });

  it('shows no current share when the portfolio has no weights', () => {
    const [spot] = bucketBars(portfolioBuckets({ current: null, value: 0 }));
    expect(spot?.current).toBeNull();
    expect(spot?.text).toMatch(/^Spot \(unhedged\): no share, target 70%/);
  });
});

describe('assetRows', () => {
  it('gives each asset its regime, what the regime asks and its shares against target', () => {
    const buckets = portfolioBuckets({
      assets: [
        assetBuckets({
          asset: 'ETH',
          regime: 'neutral',
          mix: 0.5,
          target: { spot: 0.35, hedged: 0, stable: 0.15 },
          current: { spot: 0.3, hedged: 0 },
        }),
      ],
    });
    const [row] = assetRows(buckets, 'hedge');
    expect(row?.asset).toBe('ETH');
    expect(row?.ask).toBe('hold 70/30');
    expect(row?.spot.current).toBe(0.3);
    expect(row?.spot.target).toBe(0.35);
    expect(row?.spot.beyondBand).toBe(false);
    expect(row?.nakedShort).toBe(false);
  });

  it('marks an asset that is net short and one without a regime', () => {
    const buckets = portfolioBuckets({ assets: [assetBuckets({ net: -10, regime: null })] });
    const [row] = assetRows(buckets, 'sell');
    expect(row?.nakedShort).toBe(true);
    expect(row?.ask).toBeNull();
  });
});

describe('freshnessText', () => {
  it('says how long ago the figures came and marks them when stale', () => {
    const fresh = freshnessText('prices', { at: 0, stale: false }, 3 * MINUTE_MS);
    expect(fresh).toEqual({ text: 'updated 3 min ago', notCurrent: null });
    const stale = freshnessText('holdings', { at: 0, stale: true }, 3 * MINUTE_MS);
    expect(stale.notCurrent).toBe('The holdings were last updated 3 min ago.');
  });

  it('says never before the first figures', () => {
    expect(freshnessText('prices', { at: null, stale: true }, 0)).toEqual({
      text: 'never',
      notCurrent: 'No prices have been received yet.',
    });
  });
});

describe('warningItems', () => {
  it('puts serious warnings first, titled by kind and asset', () => {
    const items = warningItems([
      { kind: 'stale-prices', message: 'Prices are 5 min old.' },
      { kind: 'naked-short', asset: 'ETH', message: 'ETH is short 2 more than held.' },
      { kind: 'vault-locked', message: 'Unlock the vault to sync.' },
    ]);
    expect(items.map((i) => i.title)).toEqual([
      'Naked short: ETH',
      'Prices not current',
      'Vault locked',
    ]);
    expect(items[0]?.serious).toBe(true);
    expect(items[1]?.serious).toBe(false);
    expect(new Set(items.map((i) => i.key)).size).toBe(3);
  });
});

describe('noWeightsReason', () => {
  it('gives no reason while the portfolio has a value', () => {
    expect(noWeightsReason(portfolioBuckets())).toBeNull();
  });

  it('gives the host’s reason when the value is not above 0', () => {
    const buckets = portfolioBuckets({
      value: -5,
      current: null,
      warnings: [{ kind: 'no-value', message: 'Futures losses exceed what is held.' }],
    });
    expect(noWeightsReason(buckets)).toBe('Futures losses exceed what is held.');
  });

  it('says why in its own words when the host gave none', () => {
    expect(noWeightsReason(portfolioBuckets({ value: 0, current: null }))).toMatch(
      /holds nothing of value/,
    );
  });
});
