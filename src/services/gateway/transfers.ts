// Moving a coin between the account's spot and futures wallets. A transfer is money moving: it is
// sent once and never retried, by ccxt or by the gateway, and when its answer is lost the error says
// the outcome is unknown, to be settled by reading both wallets before anything is sent again.
import { PremiaError } from '../../shared/errors';
import { OUTCOME_UNKNOWN_KINDS } from './account';
import { GatewayError } from './errors';
import type { GatewayCore } from './gateway-core';
import type { TransferResult, Wallet } from './types';

export async function transfer(
  core: GatewayCore,
  coin: string,
  amount: number,
  from: Wallet,
  to: Wallet,
): Promise<TransferResult> {
  if (from === to) {
    throw new PremiaError(
      'invalid-input',
      `A transfer goes between two wallets (got ${from} to ${to}).`,
    );
  }
  if (!Number.isFinite(amount) || amount <= 0) {
    throw new PremiaError(
      'invalid-input',
      `A transfer moves an amount above 0 (got ${String(amount)}).`,
      'amount',
    );
  }
  core.requireCredentials();
  await core.listings.ready();
  const exchange = await core.exchange();
  const wait = core.cooldownLeft();
  if (wait > 0) {
    throw new GatewayError(
      'rate-limited',
      `${core.Venue} is limiting requests; the transfer was not sent.`,
      { retryAfterMs: wait },
    );
  }
  const what = `${amount} ${coin} from the ${from} wallet to the ${to} wallet`;
  try {
    const id = await core.adapter.transfer(exchange, coin, amount, from, to);
    return { id, coin, amount, from, to };
  } catch (thrown) {
    const error = core.classify(thrown);
    if (
      error.venueCode === core.adapter.permissionCode &&
      core.permissions?.universalTransfer === false
    ) {
      throw new GatewayError(
        'auth',
        `${core.Venue} refused to move ${what}: this API key does not allow transfers between wallets. Allow universal transfer for the key on the exchange.`,
        { venueCode: error.venueCode, detail: error.detail },
      );
    }
    if (!OUTCOME_UNKNOWN_KINDS.has(error.kind)) throw error;
    throw new GatewayError(
      error.kind,
      `${error.message} The transfer of ${what} may or may not have happened: read both wallets' balances before sending it again.`,
      {
        retryAfterMs: error.retryAfterMs,
        venueCode: error.venueCode,
        detail: error.detail,
        outcomeUnknown: true,
      },
    );
  }
}
