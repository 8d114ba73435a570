import { describe, expect, it } from 'vitest';
import { rebalancePlan } from '../../../shared/plan-testing';
import { checkRows, expiryText, planHeader, planTitle } from './plan-view';

describe('expiryText', () => {
  it('counts down the minutes and seconds left', () => {
    expect(expiryText(1_120_000, 1_055_000)).toEqual({ text: '1 min 05 s', expired: false });
    expect(expiryText(1_120_000, 1_078_000)).toEqual({ text: '42 s', expired: false });
  });

  it('still counts the last fraction of a second as time left', () => {
    expect(expiryText(1_120_000, 1_119_600)).toEqual({ text: '1 s', expired: false });
  });

  it('says expired from the moment of expiry on', () => {
    expect(expiryText(1_120_000, 1_120_000)).toEqual({ text: 'expired', expired: true });
    expect(expiryText(1_120_000, 2_000_000)).toEqual({ text: 'expired', expired: true });
  });
});

describe('planHeader', () => {
  it('shows the id, when the plan was made, the time left, readiness and the value', () => {
    const plan = rebalancePlan({ at: Date.UTC(2026, 2, 27, 8, 5, 9) });
    const header = planHeader({ ...plan, expiresAt: plan.at + 120_000 }, plan.at + 30_000, 'UTC');
    expect(header).toEqual({
      id: 'k3x9q2m7a1b4c8d0',
      title: 'Full rebalance to every asset’s target',
      madeAt: 'Mar 27, 2026, 08:05:09',
      expires: { text: '1 min 30 s', expired: false },
      ready: true,
      readyText: 'Ready: every check passed',
      value: '20,000.00 USDT',
      demo: false,
    });
  });

  it('counts the failed checks of a plan that is not ready', () => {
    const plan = rebalancePlan({
      ready: false,
      checks: [
        { code: 'balance', ok: false, message: 'The futures wallet lacks 40 USDT.' },
        { code: 'slippage', ok: false, message: 'BTC/USDT would slip 0.4%.' },
        { code: 'books', ok: true, message: 'Every book was read.' },
      ],
    });
    const header = planHeader(plan, plan.at);
    expect(header.ready).toBe(false);
    expect(header.readyText).toBe('Not ready: 2 checks failed');
  });

  it('calls a ready plan not ready once it has expired', () => {
    const plan = rebalancePlan();
    const header = planHeader(plan, plan.expiresAt + 1);
    expect(header.ready).toBe(false);
    expect(header.readyText).toBe('Not ready: the plan has expired; make a new one');
    expect(header.expires.text).toBe('expired');
  });
});

describe('planTitle', () => {
  it('names a single action and its asset', () => {
    expect(planTitle(rebalancePlan({ action: { asset: 'ETH', kind: 'de-risk' } }))).toBe(
      'De-risk by selling: ETH',
    );
  });

  it('tells a flatten from a full rebalance', () => {
    expect(planTitle(rebalancePlan({ action: null, flatten: true }))).toBe(
      'Flatten: close every hedge and short',
    );
    expect(planTitle(rebalancePlan({ action: null }))).toBe(
      'Full rebalance to every asset’s target',
    );
  });
});

describe('checkRows', () => {
  it('shows every check, the failed ones first, each group in the order given', () => {
    const rows = checkRows([
      { code: 'stale-quotes', ok: true, message: 'Quotes are fresh.' },
      { code: 'balance', ok: false, message: 'Short of 40 USDT.' },
      { code: 'books', ok: true, message: 'Books read.' },
      { code: 'slippage', ok: false, message: 'Slips 0.4%.' },
    ]);
    expect(rows.map((r) => [r.status, r.message])).toEqual([
      ['Failed', 'Short of 40 USDT.'],
      ['Failed', 'Slips 0.4%.'],
      ['Passed', 'Quotes are fresh.'],
      ['Passed', 'Books read.'],
    ]);
  });

  it('keeps two checks of the same code apart', () => {
    const rows = checkRows([
      { code: 'minimum', ok: true, message: 'BTC above minimum.' },
      { code: 'minimum', ok: true, message: 'ETH above minimum.' },
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});
