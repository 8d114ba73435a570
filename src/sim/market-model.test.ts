// The market model, seen through the venue's own endpoints: funding on schedule and paid to
// positions, quarterlies (BTC and ETH only) converging and rolling, every regime reached, candles
// consistent, and the same seed giving the same market.
import { afterEach, describe, expect, it } from 'vitest';
import { assetSpec } from './asset-catalog';
import { AssetPath, SIM_REGIMES } from './price-path';
import { startSimulator, type Simulator } from './simulator';
import { venueClient } from './testing';
import { HOUR_MS } from '../shared/time';
const DAY = 24 * HOUR_MS;
const YEAR = 365 * DAY;
const open: Simulator[] = [];

async function sim(options: Parameters<typeof startSimulator>[0]) {
  const s = await startSimulator({ speed: 0, ...options });
  open.push(s);
  return { sim: s, client: venueClient(s.url, s.credentials) };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

type FundingRow = { symbol: string; fundingTime: number; fundingRate: string; markPrice: string };
type Income = { symbol: string; incomeType: string; income: string; time: number };

describe('funding', () => {
  it('settles on the 8-hour grid from midnight UTC and on each asset’s own interval', async () => {
    const start = Date.UTC(2025, 1, 3, 5, 17);
    const { client } = await sim({ seed: 4, marketTime: start });
    const btc = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'BTCUSDT',
      limit: 6,
    });
    expect(btc.body.map((r) => r.fundingTime)).toEqual([
      Date.UTC(2025, 1, 1, 8),
      Date.UTC(2025, 1, 1, 16),
      Date.UTC(2025, 1, 2, 0),
      Date.UTC(2025, 1, 2, 8),
      Date.UTC(2025, 1, 2, 16),
      Date.UTC(2025, 1, 3, 0),
    ]);
    const doge = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'DOGEUSDT',
      limit: 2,
    });
    expect(doge.body.map((r) => r.fundingTime)).toEqual([
      Date.UTC(2025, 1, 3, 0),
      Date.UTC(2025, 1, 3, 4),
    ]);
    const index = await client.get<{ nextFundingTime: number }>('/fapi/v1/premiumIndex', {
      symbol: 'ADAUSDT',
    });
    expect(index.body.nextFundingTime).toBe(Date.UTC(2025, 1, 3, 6));
  });

  it('pays each settlement to an open position: shorts receive positive funding', async () => {
    const start = Date.UTC(2025, 1, 3, 1);
    const { sim: s, client } = await sim({ seed: 9, marketTime: start });
    s.control.setPremium('ETH', 0.3);
    const order = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'ETHUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 2,
      newClientOrderId: 'short-1',
    });
    expect(order.status).toBe(200);
    s.control.advance(DAY);
    const incomes = await client.signed<Income[]>('GET', '/fapi/v1/income', {
      incomeType: 'FUNDING_FEE',
    });
    const history = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'ETHUSDT',
      startTime: start,
      endTime: start + DAY,
    });
    expect(history.body.map((r) => r.fundingTime)).toEqual([
      Date.UTC(2025, 1, 3, 8),
      Date.UTC(2025, 1, 3, 16),
      Date.UTC(2025, 1, 4, 0),
    ]);
    expect(incomes.body.map((i) => i.time)).toEqual(history.body.map((r) => r.fundingTime));
    incomes.body.forEach((income, i) => {
      const row = history.body[i]!;
      const expected = 2 * Number(row.markPrice) * Number(row.fundingRate);
      expect(Number(income.income)).toBeCloseTo(expected, 4);
      expect(Number(income.income)).toBeGreaterThan(0);
    });
  });

  it('quotes funding near a premium pinned by control, annualized', async () => {
    const { sim: s, client } = await sim({ seed: 1, marketTime: Date.UTC(2025, 3, 1, 0, 30) });
    s.control.setPremium('SOL', 0.4);
    s.control.advance(8 * HOUR_MS);
    const rows = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
      symbol: 'SOLUSDT',
      limit: 1,
    });
    expect(Number(rows.body[0]!.fundingRate) * 1095).toBeGreaterThan(0.33);
    expect(Number(rows.body[0]!.fundingRate) * 1095).toBeLessThan(0.47);
  });
});

describe('a perpetual on a multiple of its asset', () => {
  type SymbolInfo = { symbol: string; pair: string; baseAsset: string; contractType: string };
  type Index = { symbol: string; markPrice: string; indexPrice: string; lastFundingRate: string };

  it('lists PEPE’s perpetual as 1000PEPEUSDT, priced per thousand PEPE, beside the PEPEUSDT spot pair', async () => {
    const { sim: s, client } = await sim({ seed: 3, marketTime: Date.UTC(2025, 3, 10) });
    expect(s.control.addAssets(['PEPE'])).toEqual(['PEPE']);
    const futures = await client.get<{ symbols: SymbolInfo[] }>('/fapi/v1/exchangeInfo');
    const perp = futures.body.symbols.find((x) => x.baseAsset.endsWith('PEPE'));
    expect(perp).toMatchObject({
      symbol: '1000PEPEUSDT',
      pair: '1000PEPEUSDT',
      baseAsset: '1000PEPE',
      contractType: 'PERPETUAL',
    });
    const spot = await client.get<{ symbols: { symbol: string; baseAsset: string }[] }>(
      '/api/v3/exchangeInfo',
    );
    expect(spot.body.symbols.filter((x) => x.baseAsset === 'PEPE').map((x) => x.symbol)).toEqual([
      'PEPEUSDT',
    ]);

    const index = await client.get<Index>('/fapi/v1/premiumIndex', { symbol: '1000PEPEUSDT' });
    const book = await client.get<{ bidPrice: string; askPrice: string }>(
      '/api/v3/ticker/bookTicker',
      { symbol: 'PEPEUSDT' },
    );
    const spotMid = (Number(book.body.bidPrice) + Number(book.body.askPrice)) / 2;
    expect(Number(index.body.indexPrice) / 1000).toBeCloseTo(spotMid, 8);
    expect(Number(index.body.markPrice) / 1000 / spotMid).toBeGreaterThan(0.98);
    expect(Number(index.body.markPrice) / 1000 / spotMid).toBeLessThan(1.02);
    // The funding rate is a fraction: the same whatever the contract is priced in.
    const view = s.control.state().assets.find((a) => a.asset === 'PEPE')!;
    expect(Number(index.body.lastFundingRate)).toBeCloseTo(view.predictedFundingRate, 8);
    const plain = await client.get('/fapi/v1/premiumIndex', { symbol: 'PEPEUSDT' });
    expect(plain.body).toMatchObject({ code: -1121 });
  });
});

describe('quarterlies', () => {
  it('are listed for BTC and ETH only, as on binance USDⓈ-M', async () => {
    const { sim: s, client } = await sim({ seed: 2, marketTime: Date.UTC(2025, 3, 10) });
    s.control.addAssets(12);
    const info = await client.get<{ symbols: { symbol: string; contractType: string }[] }>(
      '/fapi/v1/exchangeInfo',
    );
    const dated = info.body.symbols.filter((x) => x.contractType !== 'PERPETUAL');
    expect(dated.map((x) => x.symbol)).toEqual([
      'BTCUSDT_250627',
      'BTCUSDT_250926',
      'ETHUSDT_250627',
      'ETHUSDT_250926',
    ]);
    expect(info.body.symbols.filter((x) => x.contractType === 'PERPETUAL')).toHaveLength(20);
    const withFutures = s.control.state().assets.filter((a) => a.futures.length > 0);
    expect(withFutures.map((a) => a.asset)).toEqual(['BTC', 'ETH']);
    const sol = await client.get('/fapi/v1/premiumIndex', { symbol: 'SOLUSDT_250627' });
    expect(sol.body).toMatchObject({ code: -1121 });
  });

  it('converge to spot at delivery, settle open positions and roll to a new contract', async () => {
    const expiry = Date.UTC(2025, 5, 27, 8);
    const { sim: s, client } = await sim({ seed: 6, marketTime: expiry - 20 * DAY });
    s.control.setPremium('BTC', 0.3);
    const mark = async () =>
      (
        await client.get<{ markPrice: string; indexPrice: string }>('/fapi/v1/premiumIndex', {
          symbol: 'BTCUSDT_250627',
        })
      ).body;
    const far = await mark();
    const farBasis = Number(far.markPrice) / Number(far.indexPrice) - 1;
    expect(farBasis).toBeGreaterThan(0.01);
    const buy = await client.signed('POST', '/fapi/v1/order', {
      symbol: 'BTCUSDT_250627',
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.01,
    });
    expect(buy.status).toBe(200);
    s.control.advance(20 * DAY - HOUR_MS);
    const near = await mark();
    expect(Math.abs(Number(near.markPrice) / Number(near.indexPrice) - 1)).toBeLessThan(
      farBasis / 100,
    );

    s.control.advance(2 * HOUR_MS);
    const info = await client.get<{
      symbols: { symbol: string; contractType: string; deliveryDate: number }[];
    }>('/fapi/v1/exchangeInfo');
    const btcQuarters = info.body.symbols.filter((x) => x.symbol.startsWith('BTCUSDT_'));
    expect(btcQuarters.map((x) => [x.symbol, x.contractType, x.deliveryDate])).toEqual([
      ['BTCUSDT_250926', 'CURRENT_QUARTER', Date.UTC(2025, 8, 26, 8)],
      ['BTCUSDT_251226', 'NEXT_QUARTER', Date.UTC(2025, 11, 26, 8)],
    ]);
    const gone = await client.get('/fapi/v1/premiumIndex', { symbol: 'BTCUSDT_250627' });
    expect(gone.body).toMatchObject({ code: -1121 });
    const positions = await client.signed<{ symbol: string }[]>('GET', '/fapi/v3/positionRisk');
    expect(positions.body.map((p) => p.symbol)).not.toContain('BTCUSDT_250627');
    const pnl = await client.signed<Income[]>('GET', '/fapi/v1/income', {
      incomeType: 'REALIZED_PNL',
    });
    expect(pnl.body.map((i) => [i.symbol, i.time])).toEqual([['BTCUSDT_250627', expiry]]);
  });
});

describe('regimes', () => {
  it('visits every simulated regime over a long seeded run', () => {
    const start = Date.UTC(2020, 0, 1);
    const path = new AssetPath(assetSpec('BTC'), 42, start);
    const seen = new Set<string>();
    for (let t = start; t < start + 4 * YEAR; t += HOUR_MS) seen.add(path.regimeAt(t));
    expect([...seen].sort()).toEqual([...SIM_REGIMES].sort());
  });

  it('produces funding in every regime band of the strategy over years of market time', async () => {
    const start = Date.UTC(2024, 0, 1);
    const { sim: s, client } = await sim({ seed: 42, marketTime: start, assets: ['BTC'] });
    s.control.advance(3 * YEAR);
    const rates: number[] = [];
    for (let from = start - YEAR; ;) {
      const page = await client.get<FundingRow[]>('/fapi/v1/fundingRate', {
        symbol: 'BTCUSDT',
        startTime: from,
        limit: 1000,
      });
      rates.push(...page.body.map((r) => Number(r.fundingRate) * 1095));
      if (page.body.length < 1000) break;
      from = page.body.at(-1)!.fundingTime + 1;
    }
    expect(rates.length).toBeGreaterThan(4 * 1095 - 5);
    // 7-day means, classified with the strategy's default boundaries.
    const bands = new Set<string>();
    for (let i = 21; i <= rates.length; i += 3) {
      const mean = rates.slice(i - 21, i).reduce((a, b) => a + b, 0) / 21;
      bands.add(
        mean < -0.1 ? 'deep' : mean < 0.05 ? 'neutral' : mean <= 0.2 ? 'moderate' : 'extreme',
      );
    }
    expect([...bands].sort()).toEqual(['deep', 'extreme', 'moderate', 'neutral']);
  });

  it('answers control with a regime named after the strategy', async () => {
    const { sim: s } = await sim({ seed: 3, marketTime: Date.UTC(2025, 0, 1) });
    const view = s.control.setRegime('ETH', 'extreme-contango');
    expect(view.regime).toBe('euphoria');
    expect(view.carry).toBeGreaterThanOrEqual(0.25);
    expect(() => s.control.setRegime('ETH', 'sideways' as never)).toThrow(RangeError);
  });
});

describe('candles and determinism', () => {
  it('builds a daily candle from the same path as its hourly candles', async () => {
    const { client } = await sim({ seed: 8, marketTime: Date.UTC(2025, 2, 10, 15) });
    type Row = [number, string, string, string, string, string];
    const day = Date.UTC(2025, 2, 5);
    const daily = await client.get<Row[]>('/api/v3/klines', {
      symbol: 'ETHUSDT',
      interval: '1d',
      startTime: day,
      limit: 1,
    });
    const hourly = await client.get<Row[]>('/api/v3/klines', {
      symbol: 'ETHUSDT',
      interval: '1h',
      startTime: day,
      limit: 24,
    });
    const d = daily.body[0]!.map(Number);
    const h = hourly.body.map((r) => r.map(Number));
    expect(h).toHaveLength(24);
    expect(d[0]).toBe(day);
    expect(d[1]).toBeCloseTo(h[0]![1]!, 6);
    expect(d[4]).toBeCloseTo(h[23]![4]!, 6);
    expect(d[2]).toBeCloseTo(Math.max(...h.map((r) => r[2]!)), 6);
    expect(d[3]).toBeCloseTo(Math.min(...h.map((r) => r[3]!)), 6);
    expect(d[5]).toBeCloseTo(
      h.reduce((sum, r) => sum + r[5]!, 0),
      4,
    );
  });

  it('gives the same market for the same seed and a different one for another', async () => {
    const at = Date.UTC(2025, 6, 1);
    const read = async (seed: number) => {
      const { client } = await sim({ seed, marketTime: at });
      const k = await client.get('/fapi/v1/klines', {
        symbol: 'BTCUSDT',
        interval: '4h',
        limit: 50,
      });
      const f = await client.get('/fapi/v1/fundingRate', { symbol: 'BTCUSDT', limit: 50 });
      return JSON.stringify([k.body, f.body]);
    };
    expect(await read(77)).toBe(await read(77));
    expect(await read(78)).not.toBe(await read(77));
  });

  it('keeps books at least 20 levels deep with sizes growing away from the touch', async () => {
    const { client } = await sim({ seed: 8, marketTime: Date.UTC(2025, 2, 10, 15) });
    const book = await client.get<{ bids: string[][]; asks: string[][] }>('/api/v3/depth', {
      symbol: 'BTCUSDT',
      limit: 100,
    });
    expect(book.body.bids.length).toBe(100);
    const bid = Number(book.body.bids[0]![0]);
    const ask = Number(book.body.asks[0]![0]);
    const spreadBps = ((ask - bid) / bid) * 10_000;
    expect(spreadBps).toBeGreaterThan(0);
    expect(spreadBps).toBeLessThan(5);
    const size = (levels: string[][], from: number, to: number) =>
      levels.slice(from, to).reduce((s, l) => s + Number(l[1]), 0);
    expect(size(book.body.asks, 80, 100)).toBeGreaterThan(size(book.body.asks, 0, 20));
  });
});
