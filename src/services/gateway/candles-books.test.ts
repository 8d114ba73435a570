// Integration: history and depth from the real ccxt binance class over HTTP against the simulator:
// settled funding at the venue's interval, candles, and order books.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { DAY, HOUR, MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

describe('history and books', () => {
  it('returns funding history at the venue interval and hourly candles', async () => {
    const { g } = gateway();
    const funding = await g.fetchFundingHistory('BTC', {
      since: MARKET_TIME - 10 * DAY,
      limit: 1000,
    });
    expect(funding.length).toBe(30);
    for (let i = 1; i < funding.length; i++)
      expect(funding[i]!.at - funding[i - 1]!.at).toBe(8 * HOUR);
    const ada = await g.fetchFundingHistory('ADA', { since: MARKET_TIME - DAY, limit: 1000 });
    expect(ada[1]!.at - ada[0]!.at).toBe(HOUR);
    const candles = await g.fetchPriceHistory('ETH', '1h', { limit: 48 });
    expect(candles).toHaveLength(48);
    for (let i = 1; i < candles.length; i++) expect(candles[i]!.at - candles[i - 1]!.at).toBe(HOUR);
    for (const c of candles) {
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
    }
    const perpCandles = await g.fetchPriceHistory('BTC', '1d', {
      since: MARKET_TIME - 30 * DAY,
      instrument: 'perp',
    });
    expect(perpCandles.length).toBe(30);
  });

  it('reads an order book with depth on both sides', async () => {
    const { g } = gateway();
    const book = await g.fetchOrderBook('BTC/USDT:USDT', 20);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
  });
});
