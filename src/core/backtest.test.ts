import { describe, expect, it } from 'vitest';
import { loadBtcBacktestSeries } from '../../test/fixtures';
import type { BacktestStrategyName } from '../shared/backtest';
import { BacktestRequestError, runBacktest } from './backtest';
import type { BacktestSeries } from './backtest-series';
import { BacktestDataError, dateStart } from './backtest-series';
import { DAY_MS } from '../shared/time';

/** A daily series from its first date, prices and daily mean funding. */
function daily(asset: string, from: string, prices: number[], funding: number[]): BacktestSeries {
  const start = dateStart(from);
  return {
    asset,
    bars: prices.map((price, i) => ({ at: start + i * DAY_MS, price, funding: funding[i] ?? 0 })),
  };
}

describe('runBacktest on the real BTC history', () => {
  const btc = loadBtcBacktestSeries();
  const result = runBacktest([btc], { assets: ['BTC'] });
  const m = (name: BacktestStrategyName) => result.strategies[name].metrics;

  it('runs over every date both files hold', () => {
    expect(result.window).toEqual({ from: '2019-09-10', to: '2026-02-12', days: 2348 });
    expect(result.dates).toHaveLength(2348);
  });

  it.each([
    // name, CAGR, volatility, max drawdown, Sharpe, final multiple (the independent model's figures)
    ['hodl', 0.3394, 0.609, -0.7663, 0.79, 6.546],
    ['static', 0.2803, 0.424, -0.6182, 0.8, 4.898],
    ['carry', 0.1314, 0.011, -0.0148, 10.93, 2.212],
  ] as const)(
    'reproduces the reference figures of %s',
    (name, cagr, volatility, maxDrawdown, sharpe, finalMultiple) => {
      const got = m(name);
      expect(Math.abs(got.cagr - cagr)).toBeLessThan(0.001);
      expect(Math.abs(got.volatility - volatility)).toBeLessThan(0.001);
      expect(Math.abs(got.maxDrawdown - maxDrawdown)).toBeLessThan(0.001);
      expect(Math.abs(got.sharpe - sharpe)).toBeLessThan(0.01);
      expect(Math.abs(got.finalMultiple - finalMultiple)).toBeLessThan(0.005);
    },
  );

  it('dates the deepest fall of buy and hold from the 2021 peak to the 2022 trough', () => {
    expect(m('hodl').maxDrawdownFrom).toBe('2021-11-08');
    expect(m('hodl').maxDrawdownTo).toBe('2022-11-21');
  });

  it('runs the policy with the default settings, spending its time across the regimes', () => {
    const policy = m('policy');
    const shares = Object.values(policy.timeInRegime);
    expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(result.regimes.BTC).toHaveLength(2348);
    expect(result.regimes.BTC?.[0]).toBe('neutral');
    expect(policy.rebalances).toBeGreaterThan(77);
    expect(policy.feesPaid).toBeGreaterThan(0);
    expect(policy.fundingEarned).toBeGreaterThan(0);
    expect(result.strategies.policy.equity.every((e) => e > 0)).toBe(true);
  });

  it('charges the carry half its round trip on entry, and nothing to hold', () => {
    expect(m('carry').feesPaid).toBeCloseTo(0.0015, 12);
    expect(m('hodl').feesPaid).toBe(0);
  });

  it('starts a window afresh: its first date is day 0 and nothing before it is used', () => {
    const windowed = runBacktest([btc], { assets: ['BTC'], from: '2022-01-01', to: '2022-12-31' });
    const start = btc.bars.findIndex((b) => b.at === dateStart('2022-01-01'));
    const sliced: BacktestSeries = { asset: 'BTC', bars: btc.bars.slice(start, start + 365) };
    const alone = runBacktest([sliced], { assets: ['BTC'] });
    expect(windowed.window).toEqual({ from: '2022-01-01', to: '2022-12-31', days: 365 });
    expect(windowed.strategies.policy.equity).toEqual(alone.strategies.policy.equity);
    expect(windowed.strategies.static.equity).toEqual(alone.strategies.static.equity);
    expect(windowed.regimes.BTC?.[0]).toBe('neutral');
    expect(windowed.strategies.hodl.equity[0]).toBe(1);
  });
});

describe('runBacktest, worked by hand', () => {
  it('rebalances the static mix on the first day of a month, paying the fee from the cash', () => {
    const series = daily('BTC', '2024-01-30', [100, 100, 200], [0, 0, 0]);
    const r = runBacktest([series], { assets: ['BTC'], fee: 0.01 });
    // Day 0: 0.007 BTC, cash 0.3 − 0.7 × 1% = 0.293. Feb 1: spot 1.4, value 1.693, sells
    // 0.2149 back to 70% for a fee of 0.002149.
    const e = r.strategies.static.equity;
    expect(e[0]).toBeCloseTo(0.993, 12);
    expect(e[1]).toBeCloseTo(0.993, 12);
    expect(e[2]).toBeCloseTo(1.690851, 12);
    expect(r.strategies.static.metrics.rebalances).toBe(1);
    expect(r.strategies.static.metrics.feesPaid).toBeCloseTo(0.007 + 0.002149, 12);
  });

  it('enters the carry on day 1 and compounds three fundings a day', () => {
    const series = daily('BTC', '2024-03-10', [100, 50, 300], [0.001, 0.002, 0.003]);
    const e = runBacktest([series], { assets: ['BTC'] }).strategies.carry.equity;
    expect(e[0]).toBe(1);
    expect(e[1]).toBeCloseTo(0.9985 * 1.006, 12);
    expect(e[2]).toBeCloseTo(0.9985 * 1.006 * 1.009, 12);
  });

  it('moves the policy to its regime the day the averaged funding of earlier days says so', () => {
    // 0.0002 per 8 h is 21.9% a year: extreme contango, hedged 50/20/30 from day 1.
    const series = daily('BTC', '2024-03-10', [100, 100, 100], [0.0002, 0.0002, 0.0001]);
    const r = runBacktest([series], { assets: ['BTC'] });
    expect(r.regimes.BTC).toEqual(['neutral', 'extreme-contango', 'extreme-contango']);
    const e = r.strategies.policy.equity;
    expect(e[0]).toBe(1);
    // Spot 0.7 → 0.5 and carry 0 → 0.2 (two legs): 0.6 traded at 0.1%.
    expect(e[1]).toBeCloseTo(0.9994, 12);
    // The carry, 0.2 × 0.9994, earns 3 × 0.0001; no rebalance (same regime, same month).
    expect(e[2]).toBeCloseTo(0.9994 + 0.2 * 0.9994 * 0.0003, 12);
    expect(r.strategies.policy.metrics.rebalances).toBe(1);
  });

  it('weights buy and hold by the mix over the dates both assets share', () => {
    const btc = daily('BTC', '2024-03-09', [50, 100, 200, 100], [0, 0, 0, 0]);
    const eth = daily('ETH', '2024-03-10', [10, 10, 30], [0, 0, 0]);
    const r = runBacktest([btc, eth], { assets: ['BTC', 'ETH'], mix: { BTC: 0.6, ETH: 0.4 } });
    expect(r.window).toEqual({ from: '2024-03-10', to: '2024-03-12', days: 3 });
    const e = r.strategies.hodl.equity;
    expect(e).toHaveLength(3);
    [1, 0.6 * 2 + 0.4, 0.6 + 0.4 * 3].forEach((want, i) => expect(e[i]).toBeCloseTo(want, 12));
  });
});

describe('runBacktest refusals', () => {
  it('refuses a request that is not valid, saying which field', () => {
    const series = daily('BTC', '2024-03-10', [1, 2, 3], [0, 0, 0]);
    expect(() => runBacktest([series], { assets: ['BTC'], fee: -1 })).toThrow(BacktestRequestError);
    expect(() => runBacktest([series], { assets: ['BTC'], fee: -1 })).toThrow(/fee/);
  });

  it('refuses a window too short to measure, with the reason', () => {
    const series = daily('BTC', '2024-03-10', [1, 2, 3], [0, 0, 0]);
    expect(() => runBacktest([series], { assets: ['BTC'], from: '2024-03-12' })).toThrow(
      BacktestDataError,
    );
    expect(() => runBacktest([series], { assets: ['BTC'], from: '2024-03-12' })).toThrow(
      'the history from 2024-03-12 to the end shared by BTC holds 1 days; a backtest needs at least 2',
    );
  });

  it('refuses an asset it was given no history for', () => {
    const series = daily('BTC', '2024-03-10', [1, 2, 3], [0, 0, 0]);
    expect(() => runBacktest([series], { assets: ['ETH'] })).toThrow(
      'ETH: no history was given for it',
    );
  });
});
