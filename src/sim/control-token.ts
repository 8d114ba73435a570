// The token that turns the simulator's HTTP control interface on. Without one the interface is off:
// a simulator serving the app's demo market must not let anything else on the machine move it.
import { randomBytes } from 'node:crypto';

/** Set by a test (or a tool) that starts Premia and drives its demo market from outside. */
export const SIM_CONTROL_TOKEN_ENV = 'PREMIA_SIM_CONTROL_TOKEN';

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{32,256}$/;

export function createControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Throws, in words, when `token` is too weak or holds characters a header cannot carry. */
export function checkControlToken(token: string, source = 'the control token'): string {
  if (!TOKEN_FORMAT.test(token)) {
    throw new RangeError(
      `${source} must be 32 to 256 letters, digits, - or _ (a fresh one: 32 random bytes in base64url)`,
    );
  }
  return token;
}

/** The control token the environment sets, or undefined when it sets none. */
export function controlTokenFromEnv(env: Record<string, string | undefined>): string | undefined {
  const raw = env[SIM_CONTROL_TOKEN_ENV];
  if (raw === undefined || raw === '') return undefined;
  return checkControlToken(raw, SIM_CONTROL_TOKEN_ENV);
}
