import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Regime, Thresholds } from '../shared/strategy';
import { REGIMES, thresholdsSchema } from '../shared/strategy';
import { classifyRegime, classifyRegimeDetailed, DEFAULT_THRESHOLDS } from './regime';

/** Valid threshold sets: deepBelow < moderateFrom < extremeAbove, deepBelow < extremeExit ≤ extremeAbove. */
const validThresholds: fc.Arbitrary<Thresholds> = fc
  .tuple(
    fc.double({ min: -1, max: 0.5, noNaN: true }),
    fc.double({ min: 0.001, max: 0.5, noNaN: true }),
    fc.double({ min: 0.001, max: 0.5, noNaN: true }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
  )
  .map(([deepBelow, gapToModerate, gapToExtreme, exitAt]) => {
    const moderateFrom = deepBelow + gapToModerate;
    const extremeAbove = moderateFrom + gapToExtreme;
    const extremeExit = deepBelow + (extremeAbove - deepBelow) * exitAt;
    return { deepBelow, moderateFrom, extremeAbove, extremeExit };
  })
  .filter((t) => thresholdsSchema.safeParse(t).success);

describe('DEFAULT_THRESHOLDS', () => {
  it('are the levels of the default regime table', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      deepBelow: -0.1,
      moderateFrom: 0.05,
      extremeAbove: 0.2,
      extremeExit: 0.05,
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});

describe('classifyRegime at the boundaries', () => {
  it.each<[number, Regime]>([
    [-5, 'deep-backwardation'],
    [-0.1000001, 'deep-backwardation'],
    [-0.1, 'neutral'],
    [0, 'neutral'],
    [0.0499999, 'neutral'],
    [0.05, 'moderate-contango'],
    [0.12, 'moderate-contango'],
    [0.2, 'moderate-contango'],
    [0.2000001, 'extreme-contango'],
    [3, 'extreme-contango'],
  ])('puts a premium of %s in %s with no previous regime', (premium, regime) => {
    expect(classifyRegime(premium)).toBe(regime);
    expect(classifyRegime(premium, null, DEFAULT_THRESHOLDS)).toBe(regime);
  });

  it('ignores the previous regime when it is not extreme contango', () => {
    for (const previous of ['deep-backwardation', 'neutral', 'moderate-contango'] as const) {
      expect(classifyRegime(0.2, previous)).toBe('moderate-contango');
      expect(classifyRegime(0.04, previous)).toBe('neutral');
      expect(classifyRegime(-0.11, previous)).toBe('deep-backwardation');
      expect(classifyRegime(0.21, previous)).toBe('extreme-contango');
    }
  });

  it('follows custom thresholds', () => {
    const t = { deepBelow: 0, moderateFrom: 0.15, extremeAbove: 0.4, extremeExit: 0.25 };
    expect(classifyRegime(-0.01, null, t)).toBe('deep-backwardation');
    expect(classifyRegime(0.12, null, t)).toBe('neutral');
    expect(classifyRegime(0.3, null, t)).toBe('moderate-contango');
    expect(classifyRegime(0.41, null, t)).toBe('extreme-contango');
  });
});

describe('classifyRegime hysteresis out of extreme contango', () => {
  it('stays extreme while the premium is at or above the exit level', () => {
    expect(classifyRegime(0.2, 'extreme-contango')).toBe('extreme-contango');
    expect(classifyRegime(0.1, 'extreme-contango')).toBe('extreme-contango');
    expect(classifyRegime(0.05, 'extreme-contango')).toBe('extreme-contango');
  });

  it('leaves extreme once the premium falls below the exit level, by the plain boundaries', () => {
    expect(classifyRegime(0.0499999, 'extreme-contango')).toBe('neutral');
    expect(classifyRegime(-0.1, 'extreme-contango')).toBe('neutral');
    expect(classifyRegime(-0.3, 'extreme-contango')).toBe('deep-backwardation');
  });

  it('holds extreme below the moderate level when the exit level is lower still', () => {
    const t = { ...DEFAULT_THRESHOLDS, extremeExit: 0 };
    expect(classifyRegime(0.02, 'extreme-contango', t)).toBe('extreme-contango');
    expect(classifyRegime(-0.01, 'extreme-contango', t)).toBe('neutral');
  });

  it('lands in moderate contango on leaving when the exit level is above the moderate level', () => {
    const t = { ...DEFAULT_THRESHOLDS, extremeExit: 0.15 };
    expect(classifyRegime(0.15, 'extreme-contango', t)).toBe('extreme-contango');
    expect(classifyRegime(0.14, 'extreme-contango', t)).toBe('moderate-contango');
  });

  it('has no band to hold in when the exit level equals the entry level', () => {
    const t = { ...DEFAULT_THRESHOLDS, extremeExit: 0.2 };
    expect(classifyRegime(0.2, 'extreme-contango', t)).toBe('extreme-contango');
    expect(classifyRegime(0.1999999, 'extreme-contango', t)).toBe('moderate-contango');
  });

  it('walks a full cycle: in above entry, held down to exit, out below exit, back in only above entry', () => {
    const path = [0.1, 0.25, 0.15, 0.06, 0.05, 0.04, 0.15, 0.2, 0.21];
    const regimes: Regime[] = [];
    let previous: Regime | null = null;
    for (const p of path) {
      previous = classifyRegime(p, previous);
      regimes.push(previous);
    }
    expect(regimes).toEqual([
      'moderate-contango',
      'extreme-contango',
      'extreme-contango',
      'extreme-contango',
      'extreme-contango',
      'neutral',
      'moderate-contango',
      'moderate-contango',
      'extreme-contango',
    ]);
  });
});

describe('classifyRegimeDetailed', () => {
  it('says when hysteresis held the regime', () => {
    expect(classifyRegimeDetailed(0.1, 'extreme-contango')).toEqual({
      regime: 'extreme-contango',
      heldByHysteresis: true,
    });
  });

  it('does not claim hysteresis when the premium is above the entry level anyway', () => {
    expect(classifyRegimeDetailed(0.25, 'extreme-contango')).toEqual({
      regime: 'extreme-contango',
      heldByHysteresis: false,
    });
  });

  it('does not claim hysteresis on leaving or without an extreme previous regime', () => {
    expect(classifyRegimeDetailed(0.01, 'extreme-contango').heldByHysteresis).toBe(false);
    expect(classifyRegimeDetailed(0.1, 'moderate-contango')).toEqual({
      regime: 'moderate-contango',
      heldByHysteresis: false,
    });
    expect(classifyRegimeDetailed(0.1).heldByHysteresis).toBe(false);
  });
});

describe('classifyRegime refusals', () => {
  it.each([NaN, Infinity, -Infinity])('refuses a premium of %s with a RangeError', (premium) => {
    expect(() => classifyRegime(premium)).toThrow(RangeError);
    expect(() => classifyRegimeDetailed(premium, 'extreme-contango')).toThrow(RangeError);
  });

  it.each<[string, Thresholds, RegExp]>([
    [
      'deep level not below moderate',
      { deepBelow: 0.05, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.1 },
      /moderateFrom/,
    ],
    [
      'moderate level not below extreme',
      { deepBelow: -0.1, moderateFrom: 0.2, extremeAbove: 0.2, extremeExit: 0.1 },
      /extremeAbove/,
    ],
    [
      'exit above entry',
      { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.21 },
      /extremeExit/,
    ],
    [
      'exit at the deep level',
      { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: -0.1 },
      /extremeExit/,
    ],
    [
      'a NaN level',
      { deepBelow: NaN, moderateFrom: 0.05, extremeAbove: 0.2, extremeExit: 0.05 },
      /deepBelow/,
    ],
    [
      'an infinite level',
      { deepBelow: -0.1, moderateFrom: 0.05, extremeAbove: Infinity, extremeExit: 0.05 },
      /extremeAbove/,
    ],
  ])('refuses thresholds with %s, naming the level', (_label, thresholds, field) => {
    expect(() => classifyRegime(0.1, null, thresholds)).toThrow(RangeError);
    expect(() => classifyRegime(0.1, null, thresholds)).toThrow(field);
  });

  it('refuses an unknown previous regime', () => {
    expect(() => classifyRegime(0.1, 'euphoria' as Regime)).toThrow(RangeError);
  });

  it('refuses exactly the threshold sets the settings schema refuses', () => {
    const level = fc.oneof(
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.constantFrom(-0.1, 0.05, 0.2, NaN, Infinity),
    );
    fc.assert(
      fc.property(
        level,
        level,
        level,
        level,
        (deepBelow, moderateFrom, extremeAbove, extremeExit) => {
          const t = { deepBelow, moderateFrom, extremeAbove, extremeExit };
          const schemaAccepts = thresholdsSchema.safeParse(t).success;
          let engineAccepts = true;
          try {
            classifyRegime(0, null, t);
          } catch (e) {
            expect(e).toBeInstanceOf(RangeError);
            engineAccepts = false;
          }
          expect(engineAccepts).toBe(schemaAccepts);
        },
      ),
    );
  });
});

describe('classifyRegime properties', () => {
  it('never flips back and forth once extreme while the premium stays between exit and entry', () => {
    fc.assert(
      fc.property(
        validThresholds,
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (t, above, steps) => {
          let regime = classifyRegime(t.extremeAbove + 0.001 + above, null, t);
          expect(regime).toBe('extreme-contango');
          for (const s of steps) {
            const premium = Math.min(
              t.extremeAbove,
              t.extremeExit + s * (t.extremeAbove - t.extremeExit),
            );
            const result = classifyRegimeDetailed(premium, regime, t);
            expect(result.regime).toBe('extreme-contango');
            regime = result.regime;
          }
        },
      ),
    );
  });

  it('enters extreme only above the entry level and leaves it only below the exit level', () => {
    fc.assert(
      fc.property(
        validThresholds,
        fc.array(fc.double({ min: -0.5, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (t, premiums) => {
          let previous: Regime | null = null;
          for (const p of premiums) {
            const regime = classifyRegime(p, previous, t);
            const wasExtreme = previous === 'extreme-contango';
            const isExtreme = regime === 'extreme-contango';
            if (!wasExtreme && isExtreme) expect(p).toBeGreaterThan(t.extremeAbove);
            if (wasExtreme && !isExtreme) expect(p).toBeLessThan(t.extremeExit);
            previous = regime;
          }
        },
      ),
    );
  });

  it('matches the plain boundaries whenever the previous regime is not extreme', () => {
    fc.assert(
      fc.property(
        validThresholds,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.constantFrom<Regime | null>(null, ...REGIMES.filter((r) => r !== 'extreme-contango')),
        (t, p, previous) => {
          const expected: Regime =
            p < t.deepBelow
              ? 'deep-backwardation'
              : p < t.moderateFrom
                ? 'neutral'
                : p <= t.extremeAbove
                  ? 'moderate-contango'
                  : 'extreme-contango';
          expect(classifyRegime(p, previous, t)).toBe(expected);
        },
      ),
    );
  });
});
