import { describe, expect, it } from 'vitest';
import type { AlertCause } from '../shared/alerts';
import type { FuturesPosition } from '../shared/portfolio';
import { DAY_MS } from '../shared/time';
import type { AlertRulesInput, RegimeMemory } from './alert-rules';
import { alertCauses } from './alert-rules';
import { ALERT_SETTINGS, alertPortfolio, alertSnapshot } from './alerts-testing';
import { account, futuresBalance, position, spotBalance } from './buckets-testing';

const NOW = 1_790_000_000_000;

function input(change: Partial<AlertRulesInput> = {}): AlertRulesInput {
  return {
    now: NOW,
    snapshot: alertSnapshot(NOW, { BTC: { spot: 50_000 }, ETH: { spot: 2_000 } }),
    portfolio: null,
    settings: ALERT_SETTINGS,
    regimes: {},
    ...change,
  };
}

function short(change: Partial<FuturesPosition> = {}): FuturesPosition {
  return {
    ...position({ asset: 'BTC', side: 'short', contracts: 1, markPrice: 50_000 }),
    ...change,
  };
}

function withPosition(p: FuturesPosition): AlertRulesInput['portfolio'] {
  const holdings = [
    account('acc-1', {
      spot: [spotBalance('BTC', 1)],
      balances: [futuresBalance('USDT', 10_000)],
      positions: [p],
    }),
  ];
  // A wide band: these tests look at the positions, not at drift.
  return alertPortfolio(NOW, holdings, { prices: { BTC: 50_000, ETH: 2_000 }, driftBand: 10 });
}

const kinds = (causes: AlertCause[]): string[] => causes.map((c) => c.cause);

describe('alertCauses', () => {
  it('raises nothing for the first regime it ever sees, and remembers it', () => {
    const result = alertCauses(input());
    expect(result.causes).toEqual([]);
    expect(result.regimes).toEqual({
      BTC: { regime: 'neutral', changedFrom: null },
      ETH: { regime: 'neutral', changedFrom: null },
    });
  });

  it('raises a regime change keyed by the asset and the change, until the asset changes again', () => {
    const seen: RegimeMemory = { BTC: { regime: 'neutral', changedFrom: null } };
    const moved = input({
      regimes: seen,
      snapshot: alertSnapshot(NOW, { BTC: { regime: 'extreme-contango' } }),
    });
    const first = alertCauses(moved);
    expect(first.causes).toMatchObject([
      {
        kind: 'regime-change',
        cause: 'regime-change:BTC:neutral>extreme-contango',
        asset: 'BTC',
        title: 'BTC moved to Extreme contango',
      },
    ]);
    // The same regime on the next cycle keeps the same cause standing.
    const again = alertCauses({ ...moved, regimes: first.regimes });
    expect(kinds(again.causes)).toEqual(['regime-change:BTC:neutral>extreme-contango']);
    const back = alertCauses({
      ...moved,
      regimes: again.regimes,
      snapshot: alertSnapshot(NOW, { BTC: { regime: 'neutral' } }),
    });
    expect(kinds(back.causes)).toEqual(['regime-change:BTC:extreme-contango>neutral']);
  });

  it('forgets the regime change of an asset that is no longer tracked', () => {
    const seen: RegimeMemory = { SOL: { regime: 'neutral', changedFrom: 'extreme-contango' } };
    const result = alertCauses(input({ regimes: seen }));
    expect(result.causes).toEqual([]);
    expect(result.regimes).not.toHaveProperty('SOL');
  });

  it('keeps what it remembers of an asset whose regime is not known this cycle', () => {
    const seen: RegimeMemory = { BTC: { regime: 'neutral', changedFrom: 'deep-backwardation' } };
    const result = alertCauses(
      input({ regimes: seen, snapshot: alertSnapshot(NOW, { BTC: { regime: null } }) }),
    );
    expect(result.regimes.BTC).toEqual(seen.BTC);
    expect(kinds(result.causes)).toEqual(['regime-change:BTC:deep-backwardation>neutral']);
  });

  it('raises drift when the portfolio is beyond its band, naming the bucket furthest away', () => {
    const holdings = [account('acc-1', { spot: [spotBalance('USDT', 10_000)] })];
    const portfolio = alertPortfolio(NOW, holdings, { prices: { BTC: 50_000, ETH: 2_000 } });
    expect(portfolio.buckets.rebalanceDue).toBe(true);
    const [cause] = alertCauses(input({ portfolio })).causes;
    expect(cause).toMatchObject({ kind: 'drift', cause: 'drift:portfolio', level: 'warning' });
    expect(cause?.message).toMatch(
      /beyond its drift band of 5\.00%: the largest gap is unhedged spot of the portfolio, −70\.00% from/,
    );
  });

  it('raises no drift within the band', () => {
    const holdings = [account('acc-1', { spot: [spotBalance('USDT', 10_000)] })];
    const portfolio = alertPortfolio(NOW, holdings, { prices: { BTC: 1, ETH: 1 }, driftBand: 10 });
    expect(alertCauses(input({ portfolio })).causes).toEqual([]);
  });

  it('raises funding against a short on a perpetual whose funding is below zero', () => {
    const snapshot = alertSnapshot(NOW, { BTC: { spot: 50_000, funding: -0.0001 } });
    const [cause] = alertCauses(input({ snapshot, portfolio: withPosition(short()) })).causes;
    expect(cause).toMatchObject({
      kind: 'funding-against',
      cause: 'funding-against:acc-1:BTC/USDT:USDT',
      accountId: 'acc-1',
      asset: 'BTC',
    });
    expect(cause?.message).toContain(`${'\u2212'}0.0100% per 8 h`);
  });

  it('raises no funding alert when funding is zero or positive, or the position is long', () => {
    const paid = alertSnapshot(NOW, { BTC: { spot: 50_000, funding: 0 } });
    const against = alertSnapshot(NOW, { BTC: { spot: 50_000, funding: -0.0001 } });
    expect(alertCauses(input({ snapshot: paid, portfolio: withPosition(short()) })).causes).toEqual(
      [],
    );
    const long = withPosition(short({ side: 'long' }));
    expect(alertCauses(input({ snapshot: against, portfolio: long })).causes).toEqual([]);
  });

  it('raises a liquidation alert when a short is closer to liquidation than the setting', () => {
    const near = withPosition(short({ liquidationPrice: 55_000 }));
    const [cause] = alertCauses(input({ portfolio: near })).causes;
    expect(cause).toMatchObject({
      kind: 'liquidation-near',
      level: 'critical',
      cause: 'liquidation-near:acc-1:BTC/USDT:USDT',
    });
    expect(cause?.message).toContain('10.00% below its liquidation price of 55,000.00');
  });

  it('raises no liquidation alert at or beyond the set distance, or without a liquidation price', () => {
    const far = withPosition(short({ liquidationPrice: 57_500 }));
    expect(alertCauses(input({ portfolio: far })).causes).toEqual([]);
    const none = withPosition(short({ liquidationPrice: null }));
    expect(alertCauses(input({ portfolio: none })).causes).toEqual([]);
  });

  it('raises an expiry alert for a dated contract inside its last days, not before', () => {
    const dated = short({ kind: 'future', symbol: 'BTC/USDT:USDT-261225' });
    const inside = withPosition({ ...dated, expiry: NOW + 3 * DAY_MS });
    const [cause] = alertCauses(input({ portfolio: inside })).causes;
    expect(cause).toMatchObject({
      kind: 'expiry-near',
      cause: 'expiry-near:acc-1:BTC/USDT:USDT-261225',
    });
    expect(cause?.message).toContain('delivers in 3 d');
    const outside = withPosition({ ...dated, expiry: NOW + 8 * DAY_MS });
    expect(alertCauses(input({ portfolio: outside })).causes).toEqual([]);
  });

  it('raises one stale-quotes alert naming the tracked assets whose quotes are not current', () => {
    const snapshot = alertSnapshot(
      NOW,
      { BTC: { stale: true }, ETH: { stale: true }, SOL: { stale: true } },
      true,
    );
    const causes = alertCauses(input({ snapshot })).causes;
    expect(kinds(causes)).toEqual(['data-stale:quotes']);
    expect(causes[0]?.message).toContain('of BTC, ETH are not current (Premia is offline)');
  });

  it('raises a stale-holdings alert per account the portfolio warns about', () => {
    const portfolio = withPosition(short());
    portfolio!.buckets.warnings.push({
      kind: 'stale-holdings',
      accountId: 'acc-1',
      message: 'The holdings of Main were last synced 3 h ago.',
    });
    const causes = alertCauses(input({ portfolio })).causes;
    expect(causes).toMatchObject([
      {
        cause: 'data-stale:holdings:acc-1',
        message: 'The holdings of Main were last synced 3 h ago.',
      },
    ]);
  });
});
