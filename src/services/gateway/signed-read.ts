// A signed read of the account: the key required, the markets loaded, retried as every read is, and
// a refused timestamp explained by how far this computer's clock is from the venue's, when the
// venue's public time answers.
import type { Exchange } from 'ccxt';
import { GatewayError } from './errors';
import type { GatewayCore } from './gateway-core';

/** Below this the venue's time and ours agree as far as one round trip can tell. */
const CLOCK_NOISE_MS = 1_000;

function describeOffset(offsetMs: number, venue: string): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const amount =
    seconds >= 120
      ? `${Math.round(seconds / 60)} minutes`
      : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `this computer's clock is ${amount} ${offsetMs > 0 ? 'behind' : 'ahead of'} ${venue}'s`;
}

/** The clock error again, saying by how much the clock is off when the venue's time is known. */
async function explainClock(
  core: GatewayCore,
  exchange: Exchange,
  error: GatewayError,
): Promise<GatewayError> {
  let offset: number;
  try {
    const sentAt = core.now();
    const serverTime = await core.adapter.fetchServerTime(exchange);
    offset = serverTime - (sentAt + core.now()) / 2;
  } catch {
    return error;
  }
  if (Math.abs(offset) < CLOCK_NOISE_MS) return error;
  return new GatewayError(
    'clock',
    `${core.Venue} refused the request's timestamp: ${describeOffset(offset, core.venue)}. Set the clock right (turn on automatic date and time) and try again.`,
    { venueCode: error.venueCode, detail: error.detail },
  );
}

export async function signedRead<T>(
  core: GatewayCore,
  operation: (exchange: Exchange) => Promise<T>,
): Promise<T> {
  core.requireCredentials();
  await core.listings.ready();
  const exchange = await core.exchange();
  try {
    return await core.read(() => operation(exchange));
  } catch (thrown) {
    const error = core.classify(thrown);
    if (error.kind === 'clock') throw await explainClock(core, exchange, error);
    throw error;
  }
}
