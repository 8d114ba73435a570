import { describe, expect, it } from 'vitest';
import { accountHoldings, portfolioView } from '../../../shared/portfolio-testing';
import { positionRows } from './positions';

describe('positionRows', () => {
  it('words every figure of a position, with its account’s name', () => {
    const [row] = positionRows(portfolioView());
    expect(row).toMatchObject({
      account: 'Main',
      symbol: 'BTC/USDT:USDT',
      contract: 'Perpetual',
      sideText: 'Short',
      contracts: '0.5',
      quantity: '0.5 BTC',
      entry: '49,000.00',
      mark: '50,000.00',
      unrealizedPnl: '\u2212500.00 USDT',
      pnlSign: -1,
      leverage: '2×',
      marginMode: 'Cross',
      liquidation: '80,000.00',
    });
  });

  it('names a dated future by its delivery date and says when no liquidation price is reported', () => {
    const base = accountHoldings();
    const position = base.futures.positions[0]!;
    const view = portfolioView({
      holdings: [
        {
          ...base,
          futures: {
            balances: base.futures.balances,
            positions: [
              {
                ...position,
                kind: 'future',
                expiry: Date.UTC(2026, 11, 25, 8),
                liquidationPrice: null,
                leverage: null,
                marginMode: 'isolated',
              },
            ],
          },
        },
      ],
    });
    const [row] = positionRows(view, 'UTC');
    expect(row?.contract).toBe('Delivers Dec 25, 2026');
    expect(row?.liquidation).toBe('none reported');
    expect(row?.leverage).toBe('—');
    expect(row?.marginMode).toBe('Isolated');
  });
});
