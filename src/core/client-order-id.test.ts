import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_ORDER_ID_PATTERN,
  clientOrderIdFor,
  parseClientOrderId,
  type ClientOrderIdParts,
} from './client-order-id';

const planIdArb = fc.stringMatching(/^[a-z0-9]{1,16}$/);
/** Steps and attempts as a plan has them, and the largest whose id still fits. */
const partsArb: fc.Arbitrary<ClientOrderIdParts> = fc
  .record({
    planId: planIdArb,
    step: fc.oneof(fc.nat(200), fc.nat(99_999_999)),
    attempt: fc.oneof(fc.nat(10), fc.nat(99_999_999)),
  })
  .filter((p) => p.planId.length + String(p.step).length + String(p.attempt).length <= 32);
/** The same, sometimes for an order that unwinds the step (one character more). */
const anyRoleArb: fc.Arbitrary<ClientOrderIdParts> = fc
  .tuple(partsArb, fc.boolean())
  .filter(([p]) => p.planId.length + String(p.step).length + String(p.attempt).length <= 31)
  .map(([p, unwind]) => (unwind ? { ...p, role: 'unwind' as const } : p));

describe('clientOrderIdFor', () => {
  it('names the plan, the step and the attempt', () => {
    expect(clientOrderIdFor({ planId: 'k3v9q2m7x1c8z4b6', step: 4, attempt: 1 })).toBe(
      'pmk3v9q2m7x1c8z4b6-4-1',
    );
  });

  it('gives ids that read back to what they were made from', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(parseClientOrderId(clientOrderIdFor(parts))).toEqual(parts);
      }),
    );
  });

  it('gives ids that always fit binance: at most 36 characters of its alphabet', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const id = clientOrderIdFor(parts);
        expect(id.length).toBeLessThanOrEqual(36);
        expect(id).toMatch(CLIENT_ORDER_ID_PATTERN);
      }),
    );
  });

  it('gives distinct orders distinct ids', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        const same = a.planId === b.planId && a.step === b.step && a.attempt === b.attempt;
        expect(clientOrderIdFor(a) === clientOrderIdFor(b)).toBe(same);
      }),
    );
  });

  it('marks an order unwinding a step with u before its attempt', () => {
    expect(
      clientOrderIdFor({ planId: 'k3v9q2m7x1c8z4b6', step: 2, attempt: 0, role: 'unwind' }),
    ).toBe('pmk3v9q2m7x1c8z4b6-2-u0');
    expect(parseClientOrderId('pmk3v9q2m7x1c8z4b6-2-u0')).toEqual({
      planId: 'k3v9q2m7x1c8z4b6',
      step: 2,
      attempt: 0,
      role: 'unwind',
    });
  });

  it('gives unwind ids that read back, fit binance and never equal a step order id', () => {
    fc.assert(
      fc.property(anyRoleArb, anyRoleArb, (a, b) => {
        const id = clientOrderIdFor(a);
        expect(parseClientOrderId(id)).toEqual(a);
        expect(id.length).toBeLessThanOrEqual(36);
        expect(id).toMatch(CLIENT_ORDER_ID_PATTERN);
        const same =
          a.planId === b.planId &&
          a.step === b.step &&
          a.attempt === b.attempt &&
          a.role === b.role;
        expect(id === clientOrderIdFor(b)).toBe(same);
      }),
    );
  });

  it('refuses a plan id that is not 1 to 16 lower-case letters and digits', () => {
    for (const planId of ['', 'ABC', 'abc-def', 'a'.repeat(17), 'plan id', 'é']) {
      expect(() => clientOrderIdFor({ planId, step: 0, attempt: 0 })).toThrow(RangeError);
    }
  });

  it('refuses a negative, fractional or unsafe step or attempt', () => {
    for (const bad of [-1, 0.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => clientOrderIdFor({ planId: 'abc', step: bad, attempt: 0 })).toThrow(
        /the step must be a whole number/,
      );
      expect(() => clientOrderIdFor({ planId: 'abc', step: 0, attempt: bad })).toThrow(
        /the attempt must be a whole number/,
      );
    }
  });

  it('refuses numbers so large the id would pass 36 characters', () => {
    expect(() =>
      clientOrderIdFor({ planId: 'a'.repeat(16), step: 123_456_789, attempt: 12_345_678 }),
    ).toThrow(/37 characters; the venue allows 36/);
  });
});

describe('parseClientOrderId', () => {
  it('is null for ids Premia did not make', () => {
    for (const id of [
      'web_8b2a1c',
      'sim_abc4000001',
      'x-premia',
      'pm',
      'pmabc',
      'pmabc-1',
      'pmabc-1-',
      'pmABC-1-2',
      'pmabc-01-2',
      'pmabc-1-02',
      'pmabc-1-2-3',
      'pmabcdefghijklmnopq-1-2',
      'pmabc--1-2',
      `pmabc-${'9'.repeat(20)}-1`,
    ]) {
      expect(parseClientOrderId(id)).toBeNull();
    }
  });
});
