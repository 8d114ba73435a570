// The per-launch secret a browser must present to open the API socket, when set beforehand.
import { UsageError } from './cli-errors';

/**
 * Where `premia serve` takes a token set beforehand instead of making one. For tests that stop the
 * host and start it again on the same port, so that a page left open can reconnect.
 */
export const SERVE_TOKEN_ENV = 'PREMIA_SERVE_TOKEN';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

/** The token set in the environment, or undefined when none is. The refusal never repeats it. */
export function tokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env[SERVE_TOKEN_ENV];
  if (token === undefined || token === '') return undefined;
  if (!TOKEN_PATTERN.test(token)) {
    throw new UsageError(
      `${SERVE_TOKEN_ENV} must be 32 to 256 letters, digits, - or _; unset it to have a new token made for each launch.`,
    );
  }
  return token;
}
