// The client order id Premia sends with every order of a plan: derived from (plan, step, attempt)
// alone, so an order whose answer was lost can be looked up on the venue by the id it must have had,
// and shaped to the strictest venue rule Premia trades on (binance: at most 36 characters of
// [.A-Z:/a-z0-9_-]). `pm` marks the ids Premia made; the venue's own ids never start that way
// followed by a plan id and two numbers. An order that undoes a step's fill (the first leg of a pair
// whose second leg could not be completed) carries `u` before its attempt, so it never shares an id
// with the step's own orders and reads back as an unwind.
import { PLAN_ID_PATTERN } from '../shared/plan';

export interface ClientOrderIdParts {
  /** The plan's id: 1 to 16 lower-case letters and digits. */
  planId: string;
  /** The step's number in the plan (0 or more). */
  step: number;
  /** Which try at the step this order is (0 or more). */
  attempt: number;
  /** Set for an order that unwinds the step's fill; absent for the step's own orders. */
  role?: 'unwind';
}

/** Binance's rule for a client order id, the strictest of the venues Premia trades on. */
export const CLIENT_ORDER_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;
export const CLIENT_ORDER_ID_MAX_LENGTH = 36;

const PREFIX = 'pm';
// Numbers without leading zeros, so each (plan, step, attempt) has exactly one id and back.
const PARSE = /^pm([a-z0-9]{1,16})-(0|[1-9][0-9]*)-(u?)(0|[1-9][0-9]*)$/;

function requireCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole number of 0 or more (got ${String(value)})`);
  }
}

/**
 * The id of the order for `attempt` at `step` of plan `planId`: `pm<planId>-<step>-<attempt>`, or
 * `pm<planId>-<step>-u<attempt>` for an order unwinding the step.
 */
export function clientOrderIdFor({ planId, step, attempt, role }: ClientOrderIdParts): string {
  if (typeof planId !== 'string' || !PLAN_ID_PATTERN.test(planId)) {
    throw new RangeError(
      `the plan id must be 1 to 16 lower-case letters and digits (got ${JSON.stringify(planId)})`,
    );
  }
  requireCount(step, 'the step');
  requireCount(attempt, 'the attempt');
  if (role !== undefined && role !== 'unwind') {
    throw new RangeError(`the role must be unwind or left out (got ${JSON.stringify(role)})`);
  }
  const id = `${PREFIX}${planId}-${step}-${role === 'unwind' ? 'u' : ''}${attempt}`;
  if (id.length > CLIENT_ORDER_ID_MAX_LENGTH) {
    throw new RangeError(
      `the client order id ${id} is ${id.length} characters; the venue allows ${CLIENT_ORDER_ID_MAX_LENGTH}`,
    );
  }
  return id;
}

/** The plan, step and attempt an id was made from; null for an id Premia did not make. */
export function parseClientOrderId(id: string): ClientOrderIdParts | null {
  if (typeof id !== 'string' || id.length > CLIENT_ORDER_ID_MAX_LENGTH) return null;
  const m = PARSE.exec(id);
  if (!m) return null;
  const step = Number(m[2]);
  const attempt = Number(m[4]);
  if (!Number.isSafeInteger(step) || !Number.isSafeInteger(attempt)) return null;
  return m[3] ? { planId: m[1]!, step, attempt, role: 'unwind' } : { planId: m[1]!, step, attempt };
}
