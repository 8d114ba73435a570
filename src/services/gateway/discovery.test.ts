import { describe, expect, it } from 'vitest';
import { binanceContractMultiple } from './binance';
import { indexMarkets, instrumentsFor, type MarketLike } from './discovery';

const TICK_SIZE = 4;
const DECIMAL_PLACES = 2;

const market = (m: Partial<MarketLike> & Pick<MarketLike, 'symbol'>): MarketLike => ({
  base: 'BTC',
  quote: 'USDT',
  active: true,
  precision: { amount: 0.001, price: 0.1 },
  limits: { amount: { min: 0.001, max: 1000 }, cost: { min: 100 } },
  ...m,
});

const markets: MarketLike[] = [
  market({ symbol: 'BTC/USDT', id: 'BTCUSDT', spot: true }),
  market({
    symbol: 'BTC/USDT:USDT',
    id: 'BTCUSDT',
    swap: true,
    linear: true,
    settle: 'USDT',
    contractSize: 1,
  }),
  market({
    symbol: 'BTC/USDT:USDT-250627',
    id: 'BTCUSDT_250627',
    future: true,
    linear: true,
    settle: 'USDT',
    expiry: 1751011200000,
  }),
  market({
    symbol: 'BTC/USDT:USDT-250328',
    id: 'BTCUSDT_250328',
    future: true,
    linear: true,
    settle: 'USDT',
    expiry: 1743148800000,
  }),
  market({
    symbol: 'BTC/USD:BTC',
    id: 'BTCUSD_PERP',
    quote: 'USD',
    swap: true,
    linear: false,
    settle: 'BTC',
  }),
  market({
    symbol: 'BTC/USDT:USDT-240329',
    id: 'BTCUSDT_240329',
    future: true,
    linear: true,
    settle: 'USDT',
    expiry: 1711699200000,
    active: false,
  }),
  market({ symbol: 'BTC/BUSD', id: 'BTCBUSD', quote: 'BUSD', spot: true }),
];

describe('instrument discovery', () => {
  it('picks the spot pair, the linear perpetual and active dated futures nearest first', () => {
    const found = instrumentsFor('BTC', indexMarkets(markets, 'USDT', TICK_SIZE), new Map(), 8);
    expect(found.spot?.symbol).toBe('BTC/USDT');
    expect(found.perp?.symbol).toBe('BTC/USDT:USDT');
    expect(found.futures.map((f) => f.id)).toEqual(['BTCUSDT_250328', 'BTCUSDT_250627']);
    expect(found.perp).toMatchObject({
      fundingIntervalHours: 8,
      intervalFromVenue: false,
      contractSize: 1,
    });
    expect(found.perp?.limits).toEqual({
      minAmount: 0.001,
      maxAmount: 1000,
      minCost: 100,
      amountStep: 0.001,
      priceStep: 0.1,
    });
  });

  it('takes the interval the venue states', () => {
    const found = instrumentsFor(
      'BTC',
      indexMarkets(markets, 'USDT', TICK_SIZE),
      new Map([['BTC/USDT:USDT', 4]]),
      8,
    );
    expect(found.perp).toMatchObject({ fundingIntervalHours: 4, intervalFromVenue: true });
  });

  it('turns decimal-places precision into steps', () => {
    const dp = [
      market({ symbol: 'ETH/USDT', base: 'ETH', spot: true, precision: { amount: 3, price: 2 } }),
    ];
    const found = instrumentsFor('ETH', indexMarkets(dp, 'USDT', DECIMAL_PLACES), new Map(), 8);
    expect(found.spot?.limits.amountStep).toBeCloseTo(0.001, 12);
    expect(found.spot?.limits.priceStep).toBeCloseTo(0.01, 12);
  });

  it('finds nothing for an asset the venue does not list', () => {
    expect(instrumentsFor('XYZ', indexMarkets(markets, 'USDT', TICK_SIZE), new Map(), 8)).toEqual({
      asset: 'XYZ',
      spot: null,
      perp: null,
      futures: [],
    });
  });
});

describe('contracts on a multiple of an asset', () => {
  const perp = (base: string, id: string): MarketLike =>
    market({
      symbol: `${base}/USDT:USDT`,
      id,
      base,
      swap: true,
      linear: true,
      settle: 'USDT',
      contractSize: 1,
      precision: { amount: 1, price: 0.0000001 },
    });
  const listed = [
    market({ symbol: 'PEPE/USDT', id: 'PEPEUSDT', base: 'PEPE', spot: true }),
    perp('1000PEPE', '1000PEPEUSDT'),
    // Traded spot under its whole name: an asset of its own, not SATS × 1000.
    market({ symbol: '1000SATS/USDT', id: '1000SATSUSDT', base: '1000SATS', spot: true }),
    perp('1000SATS', '1000SATSUSDT'),
  ];
  const index = indexMarkets(listed, 'USDT', TICK_SIZE, binanceContractMultiple);

  it('files a contract on a multiple under its asset, sized and priced in units of the asset', () => {
    const found = instrumentsFor('PEPE', index, new Map(), 8);
    expect(found.spot?.symbol).toBe('PEPE/USDT');
    expect(found.perp).toMatchObject({ id: '1000PEPEUSDT', multiplier: 1000, contractSize: 1000 });
    expect(found.perp?.limits.priceStep).toBeCloseTo(1e-10, 20);
    expect(found.perp?.limits.amountStep).toBe(1);
    expect(index.multiples.get('1000PEPE')).toEqual({ asset: 'PEPE', multiplier: 1000 });
    expect(instrumentsFor('1000PEPE', index, new Map(), 8).perp).toBeNull();
  });

  it('keeps a base the venue trades spot under its whole name as an asset of its own', () => {
    const found = instrumentsFor('1000SATS', index, new Map(), 8);
    expect(found.spot?.symbol).toBe('1000SATS/USDT');
    expect(found.perp).toMatchObject({ id: '1000SATSUSDT', multiplier: 1, contractSize: 1 });
    expect(instrumentsFor('SATS', index, new Map(), 8).perp).toBeNull();
  });

  it('reads binance’s names for multiples, and nothing else as one', () => {
    expect(binanceContractMultiple('1000PEPE')).toEqual({ asset: 'PEPE', multiplier: 1000 });
    expect(binanceContractMultiple('10000SATS')).toEqual({ asset: 'SATS', multiplier: 10_000 });
    expect(binanceContractMultiple('1000000MOG')).toEqual({ asset: 'MOG', multiplier: 1_000_000 });
    expect(binanceContractMultiple('1MBABYDOGE')).toEqual({
      asset: 'BABYDOGE',
      multiplier: 1_000_000,
    });
    for (const base of ['BTC', '1INCH', '100X', '1000', 'A1000']) {
      expect(binanceContractMultiple(base)).toBeNull();
    }
  });
});
