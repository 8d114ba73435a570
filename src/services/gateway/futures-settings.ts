// A contract's leverage and margin mode, set before a short is opened on it. Setting either to what
// it already is succeeds (binance refuses a margin type it already has with -4046: no change is
// needed, which is what was wanted). Both are safe to repeat, so both are retried as reads are.
import type { Exchange } from 'ccxt';
import { PremiaError } from '../../shared/errors';
import type { GatewayCore } from './gateway-core';
import { signedRead } from './signed-read';

export type MarginMode = 'isolated' | 'cross';

export async function setLeverage(
  core: GatewayCore,
  symbol: string,
  leverage: number,
): Promise<void> {
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > 125) {
    throw new PremiaError(
      'invalid-input',
      `Leverage must be a whole number from 1 to 125 (got ${String(leverage)}).`,
      'leverage',
    );
  }
  await unlessUnchanged(core, (exchange) => exchange.setLeverage(leverage, symbol));
}

export async function setMarginMode(
  core: GatewayCore,
  symbol: string,
  mode: MarginMode,
): Promise<void> {
  await unlessUnchanged(core, (exchange) => exchange.setMarginMode(mode, symbol));
}

/** Runs the change; the venue saying nothing needed changing is success. */
async function unlessUnchanged(
  core: GatewayCore,
  operation: (exchange: Exchange) => Promise<unknown>,
): Promise<void> {
  try {
    await signedRead(core, operation);
  } catch (thrown) {
    const error = core.classify(thrown);
    if (error.venueCode !== null && core.adapter.noChangeCodes.includes(error.venueCode)) return;
    throw error;
  }
}
