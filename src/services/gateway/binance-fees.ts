// Binance's account-specific trading costs: the spot commission of every pair in one request
// (/sapi/v1/asset/tradeFee), the USDⓈ-M commission (/fapi/v1/commissionRate, which has no bulk form
// and weighs 20, so it is read once per asset, from its perpetual where there is one, and stands for
// that asset's dated contracts too: binance charges an account one rate across an asset's USDⓈ-M
// contracts), and the maintenance-margin brackets of the contracts (/fapi/v1/leverageBracket, one
// request for all).
import type { Exchange, LeverageTier } from 'ccxt';
import type { MaintenanceBracket } from '../../core/planner-types';
import { finiteOrNull } from '../../core';

const isContract = (symbol: string): boolean => symbol.includes(':');

/** The account's taker rate per unified symbol, for the symbols the venue answered for. */
export async function binanceTakerFees(
  exchange: Exchange,
  symbols: readonly string[],
): Promise<Map<string, number>> {
  const spot = symbols.filter((s) => !isContract(s));
  const contracts = symbols.filter(isContract);
  const out = new Map<string, number>();
  const families = new Map<string, string[]>();
  for (const symbol of contracts) {
    const base = exchange.markets?.[symbol]?.base ?? symbol;
    families.set(base, [...(families.get(base) ?? []), symbol]);
  }
  // The perpetual (no expiry suffix) speaks for its family where there is one.
  const askFor = [...families.values()].map(
    (family) => family.find((s) => !s.includes('-')) ?? family[0]!,
  );
  const [spotFees, contractFees] = await Promise.all([
    spot.length > 0 ? exchange.fetchTradingFees({ type: 'spot' }) : Promise.resolve({}),
    Promise.all(askFor.map((symbol) => exchange.fetchTradingFee(symbol))),
  ]);
  for (const symbol of spot) {
    const rate = finiteOrNull((spotFees as Record<string, { taker?: unknown }>)[symbol]?.taker);
    if (rate !== null && rate >= 0) out.set(symbol, rate);
  }
  [...families.values()].forEach((family, i) => {
    const rate = finiteOrNull(contractFees[i]?.taker);
    if (rate === null || rate < 0) return;
    for (const symbol of family) out.set(symbol, rate);
  });
  return out;
}

function bracketOf(tier: LeverageTier): MaintenanceBracket | null {
  const cap = finiteOrNull(tier.maxNotional);
  const rate = finiteOrNull(tier.maintenanceMarginRate);
  // The maintenance amount is binance's own field; ccxt's unified tier leaves it in `info`.
  const amount = finiteOrNull(Number((tier.info as { cum?: unknown } | undefined)?.cum ?? 0));
  if (cap === null || cap <= 0 || rate === null || rate < 0 || amount === null) return null;
  return { notionalCap: cap, rate, amount };
}

/** Each contract's maintenance brackets, ascending by cap (empty for a symbol the venue left out). */
export async function binanceMaintenanceBrackets(
  exchange: Exchange,
  symbols: readonly string[],
): Promise<Map<string, MaintenanceBracket[]>> {
  const out = new Map<string, MaintenanceBracket[]>();
  if (symbols.length === 0) return out;
  const tiers = await exchange.fetchLeverageTiers([...symbols], {
    type: 'swap',
    subType: 'linear',
  });
  for (const symbol of symbols) {
    const brackets = (tiers[symbol] ?? [])
      .map(bracketOf)
      .filter((b): b is MaintenanceBracket => b !== null)
      .sort((a, b) => a.notionalCap - b.notionalCap);
    out.set(symbol, brackets);
  }
  return out;
}
