import { describe, expect, it } from 'vitest';
import type { QuoteInput } from '../shared/api';
import type { Settings } from '../shared/settings';
import { defaultSettings } from './defaults';
import { evaluateQuote } from './quote';

function settingsWith(edit: (s: Settings) => void): Settings {
  const s = defaultSettings();
  edit(s);
  return s;
}

describe('evaluateQuote for a dated future', () => {
  it('annualizes the basis by the simple method and classifies it', () => {
    const result = evaluateQuote(
      { kind: 'future', spot: 100, futures: 101, daysToExpiry: 36.5 },
      defaultSettings(),
    );
    expect(result.premium).toBeCloseTo(0.1, 12);
    expect(result.method).toBe('simple');
    expect(result.regime).toBe('moderate-contango');
    expect(result.heldByHysteresis).toBe(false);
    expect(result.weights).toEqual({ spot: 0.7, hedged: 0.15, stable: 0.15 });
    expect(result.thresholds).toEqual(defaultSettings().thresholds.fixed);
    expect(result.warning).toBeNull();
  });

  it('uses the method named by the quote over the settings', () => {
    const input: QuoteInput = {
      kind: 'future',
      spot: 100,
      futures: 121,
      daysToExpiry: 730,
      method: 'compound',
    };
    const result = evaluateQuote(input, defaultSettings());
    expect(result.method).toBe('compound');
    expect(result.premium).toBeCloseTo(0.1, 12);
  });

  it('falls back to the settings basis method', () => {
    const s = settingsWith((x) => {
      x.signal.basisMethod = 'compound';
    });
    const result = evaluateQuote({ kind: 'future', spot: 100, futures: 121, daysToExpiry: 730 }, s);
    expect(result.method).toBe('compound');
    expect(result.premium).toBeCloseTo(0.1, 12);
  });

  it('warns when the contract is closer to expiry than the signal minimum, and still evaluates it', () => {
    const result = evaluateQuote(
      { kind: 'future', spot: 100, futures: 100.1, daysToExpiry: 3 },
      defaultSettings(),
    );
    expect(result.premium).toBeCloseTo(0.001 * (365 / 3), 12);
    expect(result.regime).toBe('moderate-contango');
    expect(result.warning).toMatch(/3 days/);
    expect(result.warning).toMatch(/7 days/);
    expect(result.warning).toMatch(/left out of the regime signal/);
  });

  it('does not warn at exactly the minimum, and follows the minimum in the settings', () => {
    const atMinimum = evaluateQuote(
      { kind: 'future', spot: 100, futures: 100.1, daysToExpiry: 7 },
      defaultSettings(),
    );
    expect(atMinimum.warning).toBeNull();
    const stricter = settingsWith((x) => {
      x.signal.minDaysToExpiry = 14;
    });
    expect(
      evaluateQuote({ kind: 'future', spot: 100, futures: 100.1, daysToExpiry: 7 }, stricter)
        .warning,
    ).toMatch(/14 days/);
  });

  it('refuses a quote the engine cannot annualize', () => {
    expect(() =>
      evaluateQuote(
        { kind: 'future', spot: -1, futures: 100, daysToExpiry: 30 },
        defaultSettings(),
      ),
    ).toThrow(RangeError);
  });
});

describe('evaluateQuote for funding', () => {
  it('annualizes the rate with its interval and labels the method as funding', () => {
    const result = evaluateQuote(
      { kind: 'funding', rate: 0.0003, intervalHours: 8 },
      defaultSettings(),
    );
    expect(result.method).toBe('funding');
    expect(result.premium).toBeCloseTo(0.3285, 12);
    expect(result.regime).toBe('extreme-contango');
    expect(result.weights).toEqual({ spot: 0.5, hedged: 0.2, stable: 0.3 });
    expect(result.warning).toBeNull();
  });

  it('holds extreme contango by hysteresis when the previous regime was extreme', () => {
    const input: QuoteInput = {
      kind: 'funding',
      rate: 0.0001,
      intervalHours: 8,
      previousRegime: 'extreme-contango',
    };
    const result = evaluateQuote(input, defaultSettings());
    expect(result.premium).toBeCloseTo(0.1095, 12);
    expect(result.regime).toBe('extreme-contango');
    expect(result.heldByHysteresis).toBe(true);
    const fresh = evaluateQuote({ ...input, previousRegime: null }, defaultSettings());
    expect(fresh.regime).toBe('moderate-contango');
  });

  it('uses the fixed thresholds and the policy from the settings', () => {
    const s = settingsWith((x) => {
      x.thresholds.fixed = { deepBelow: 0, moderateFrom: 0.2, extremeAbove: 0.5, extremeExit: 0.3 };
      x.policy.neutral = { spot: 0.6, hedged: 0, stable: 0.4 };
    });
    const result = evaluateQuote({ kind: 'funding', rate: 0.0001, intervalHours: 8 }, s);
    expect(result.regime).toBe('neutral');
    expect(result.weights).toEqual({ spot: 0.6, hedged: 0, stable: 0.4 });
    expect(result.thresholds).toEqual(s.thresholds.fixed);
  });

  it('sells in extreme contango when the policy says so', () => {
    const s = settingsWith((x) => {
      x.policy.extremeAction = 'sell';
    });
    const result = evaluateQuote({ kind: 'funding', rate: 0.001, intervalHours: 8 }, s);
    expect(result.weights).toEqual({ spot: 0.5, hedged: 0, stable: 0.5 });
  });
});
