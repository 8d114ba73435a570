import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../core/defaults';
import { backtestPolicyFromSettings, backtestRequestSchema } from './backtest';

describe('backtestRequestSchema', () => {
  it('fills in the reference costs when they are left out', () => {
    const r = backtestRequestSchema.parse({ assets: ['btc'] });
    expect(r).toMatchObject({
      assets: ['BTC'],
      step: 'day',
      fee: 0.001,
      slippage: 0,
      stableYield: 0,
      carryRoundTrip: 0.003,
      funding: 'daily-mean',
      rebalance: { rule: 'regime-and-monthly', driftBand: 0.05 },
      policy: {},
    });
  });

  it('refuses a field it does not know', () => {
    expect(backtestRequestSchema.safeParse({ assets: ['BTC'], fees: 0.1 }).success).toBe(false);
  });

  it('refuses a date that is not on the calendar and a window that ends before it starts', () => {
    expect(backtestRequestSchema.safeParse({ assets: ['BTC'], from: '2023-02-29' }).success).toBe(
      false,
    );
    const backwards = backtestRequestSchema.safeParse({
      assets: ['BTC'],
      from: '2024-02-01',
      to: '2024-01-01',
    });
    expect(backwards.error?.issues[0]?.path).toEqual(['to']);
  });

  it('refuses a mix that does not name exactly the assets or does not sum to 100%', () => {
    const missing = backtestRequestSchema.safeParse({ assets: ['BTC', 'ETH'], mix: { BTC: 1 } });
    expect(missing.error?.issues[0]?.message).toBe('must name exactly the assets (missing ETH)');
    const short = backtestRequestSchema.safeParse({
      assets: ['BTC', 'ETH'],
      mix: { BTC: 0.5, ETH: 0.4 },
    });
    expect(short.error?.issues[0]?.message).toBe('shares must sum to 100% (they sum to 90.00%)');
  });

  it('refuses hourly bars fed a daily mean of funding', () => {
    const r = backtestRequestSchema.safeParse({ assets: ['BTC'], step: 'hour' });
    expect(r.error?.issues[0]?.path).toEqual(['funding']);
  });
});

describe('backtestPolicyFromSettings', () => {
  it('makes a valid request of the settings: their assets, mix, thresholds, window and weights', () => {
    const settings = defaultSettings();
    settings.thresholds.mode = 'history';
    settings.signal.averagingWindowDays = 14;
    settings.policy.extremeAction = 'sell';
    const parts = backtestPolicyFromSettings(settings);
    const request = backtestRequestSchema.parse(parts);
    expect(request.assets).toEqual(['BTC', 'ETH']);
    expect(request.policy.thresholds?.mode).toBe('history');
    expect(request.policy.thresholds?.fixed).toEqual(settings.thresholds.fixed);
    expect(request.policy.averagingWindowDays).toBe(14);
    expect(request.policy.weights?.extremeAction).toBe('sell');
    parts.policy.weights.neutral.spot = 0.5;
    expect(settings.policy.neutral.spot).toBe(0.7);
  });
});
