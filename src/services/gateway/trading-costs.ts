// What trading costs an account: its own taker rate per instrument where the venue reports it (else
// the rate the venue publishes for the market, said to be that), and the maintenance-margin brackets
// of contracts. Both are signed reads, retried as every read is; neither places anything.
import type { MaintenanceBracket } from '../../core/planner-types';
import { finiteOrNull } from '../../core';
import { GatewayError, type GatewayErrorKind } from './errors';
import type { GatewayCore } from './gateway-core';
import { signedRead } from './signed-read';
import type { TakerFee } from './types';

/** Refusals after which the published rates stand in for the account's own. */
const FALL_BACK_ON: ReadonlySet<GatewayErrorKind> = new Set([
  'auth',
  'bad-symbol',
  'bad-response',
  'rejected',
]);

/**
 * The taker rate of each symbol. When the venue reports no rate for a symbol (or the request for
 * the account's rates is refused), the market's published rate is given with `venue-default`; a
 * symbol with neither is an error that names it.
 */
export async function fetchTakerFees(
  core: GatewayCore,
  symbols: readonly string[],
): Promise<Record<string, TakerFee>> {
  let own = new Map<string, number>();
  try {
    own = await signedRead(core, (exchange) => core.adapter.fetchTakerFees(exchange, symbols));
  } catch (error) {
    // Offline or a missing key stops here; a venue that will not tell this key its rates does not.
    const kind = error instanceof GatewayError ? error.kind : null;
    if (kind === null || !FALL_BACK_ON.has(kind)) throw error;
  }
  const exchange = await core.exchange();
  const out: Record<string, TakerFee> = {};
  for (const symbol of symbols) {
    const rate = own.get(symbol);
    if (rate !== undefined) {
      out[symbol] = { rate, source: 'account' };
      continue;
    }
    const published = finiteOrNull(exchange.markets?.[symbol]?.taker);
    if (published === null || published < 0) {
      throw new GatewayError(
        'bad-response',
        `${core.Venue} states no trading fee for ${symbol}, so its cost cannot be worked out.`,
      );
    }
    out[symbol] = { rate: published, source: 'venue-default' };
  }
  return out;
}

/** The maintenance brackets of each contract symbol, ascending by cap; empty where the venue gave none. */
export async function fetchMaintenanceBrackets(
  core: GatewayCore,
  symbols: readonly string[],
): Promise<Record<string, MaintenanceBracket[]>> {
  const found = await signedRead(core, (exchange) =>
    core.adapter.fetchMaintenanceBrackets(exchange, symbols),
  );
  const out: Record<string, MaintenanceBracket[]> = {};
  for (const symbol of symbols) out[symbol] = found.get(symbol) ?? [];
  return out;
}
