import { describe, expect, it } from 'vitest';
import {
  finiteOrNull,
  positiveOrNull,
  requireFinite,
  requirePositive,
  requireTime,
} from './numbers';

describe('requireFinite', () => {
  it('lets a finite number through and refuses NaN and infinities, naming the value', () => {
    expect(() => requireFinite(-1.5, 'spot price')).not.toThrow();
    expect(() => requireFinite(Number.NaN, 'spot price')).toThrow(
      new RangeError('spot price must be a finite number (got NaN)'),
    );
    expect(() => requireFinite(-Infinity, 'premium')).toThrow(
      'premium must be a finite number (got -Infinity)',
    );
  });
});

describe('requirePositive', () => {
  it('refuses zero, negatives and non-finite values, in the unit given', () => {
    expect(() => requirePositive(0.001, 'spot price')).not.toThrow();
    expect(() => requirePositive(0, 'spot price')).toThrow(
      new RangeError('spot price must be a finite number above 0 (got 0)'),
    );
    expect(() => requirePositive(-3, 'averaging window', 'days')).toThrow(
      'averaging window must be a finite number of days above 0 (got -3)',
    );
    expect(() => requirePositive(Infinity, 'window', 'ms')).toThrow(
      'window must be a finite number of ms above 0 (got Infinity)',
    );
  });
});

describe('requireTime', () => {
  it('refuses a time that is not a finite number of ms', () => {
    expect(() => requireTime(1_700_000_000_000)).not.toThrow();
    expect(() => requireTime(Number.NaN)).toThrow(
      new RangeError('now must be a finite time in ms (got NaN)'),
    );
    expect(() => requireTime(Infinity, 'from')).toThrow(
      'from must be a finite time in ms (got Infinity)',
    );
  });
});

describe('finiteOrNull and positiveOrNull', () => {
  it('keep usable numbers and turn anything else into null', () => {
    expect([0, -2, 3.5, Number.NaN, Infinity, '4', null, undefined].map(finiteOrNull)).toEqual([
      0,
      -2,
      3.5,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([0, -2, 3.5, Number.NaN, '4'].map(positiveOrNull)).toEqual([
      null,
      null,
      3.5,
      null,
      null,
    ]);
  });
});
