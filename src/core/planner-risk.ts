// The shorts a plan opens: which instrument earns the most carry, the margin mode and leverage an
// order sets (or keeps, on a position already open), where it would be liquidated, and what each
// hedged leg is expected to earn.
import type { PlanCarry, PlanShort } from '../shared/plan';
import type { FuturesPosition, MarginMode } from '../shared/portfolio';
import { DAY_MS } from '../shared/time';
import type { CarryResult } from './carry';
import { basisCarry, perpCarry } from './carry';
import { liquidationPrice } from './liquidation';
import type { MaintenanceBracket, PlanAssetMarkets, PlanInstrument } from './planner-types';

/** Maintenance margin assumed for a contract whose brackets the venue did not give. */
export const DEFAULT_BRACKET: MaintenanceBracket = {
  notionalCap: Infinity,
  rate: 0.005,
  amount: 0,
};

/** Days from `now` to a delivery; null for a perpetual. */
export function daysToExpiry(expiry: number | null, now: number): number | null {
  return expiry === null ? null : (expiry - now) / DAY_MS;
}

/** The perpetual, and the dated futures with at least `minDays` left: where a new short may go. */
export function shortCandidates(
  markets: PlanAssetMarkets,
  now: number,
  minDays: number,
): PlanInstrument[] {
  const dated = markets.futures.filter((f) => {
    const days = daysToExpiry(f.expiry, now);
    return days !== null && days > 0 && days >= minDays;
  });
  return markets.perp ? [markets.perp, ...dated] : dated;
}

export interface CarryFigures extends CarryResult {
  kind: 'dated' | 'perp';
  days: number;
}

export interface CarryQuestion {
  instrument: PlanInstrument;
  /** Spot price the hedged quantity is valued at, and the short's expected average price. */
  spotPrice: number;
  shortPrice: number;
  quantity: number;
  /** 0 when the short hedges spot already held. */
  spotFee: number;
  now: number;
  holdingDays: number;
}

// Built field by field: an object spread here costs more than the carry arithmetic it wraps, and the
// planner asks for a carry per candidate instrument of every asset.
function withKind(result: CarryResult, kind: CarryFigures['kind'], days: number): CarryFigures {
  return {
    gross: result.gross,
    fees: result.fees,
    net: result.net,
    netAnnualized: result.netAnnualized,
    breakevenDays: result.breakevenDays,
    kind,
    days,
  };
}

/** The carry of one hedged leg: a dated short to its expiry, a perpetual over the holding horizon. */
export function carryOf(q: CarryQuestion): CarryFigures {
  const notional = q.quantity * q.spotPrice;
  const days = daysToExpiry(q.instrument.expiry, q.now);
  if (days !== null) {
    const result = basisCarry({
      spot: q.spotPrice,
      futures: q.shortPrice,
      daysToExpiry: days,
      notional,
      spotFee: q.spotFee,
      futuresFee: q.instrument.takerFee,
    });
    return withKind(result, 'dated', days);
  }
  const result = perpCarry({
    notional,
    annualizedFunding: q.instrument.annualizedFunding ?? 0,
    holdingDays: q.holdingDays,
    spotFee: q.spotFee,
    perpFee: q.instrument.takerFee,
  });
  return withKind(result, 'perp', q.holdingDays);
}

/** The candidate with the best expected net carry at reference prices. */
export function bestShortInstrument(
  candidates: readonly PlanInstrument[],
  question: Omit<CarryQuestion, 'instrument' | 'shortPrice'>,
): PlanInstrument | null {
  let best: PlanInstrument | null = null;
  let bestNet = -Infinity;
  for (const instrument of candidates) {
    const { net } = carryOf({
      instrument,
      spotPrice: question.spotPrice,
      shortPrice: instrument.price,
      quantity: question.quantity,
      spotFee: question.spotFee,
      now: question.now,
      holdingDays: question.holdingDays,
    });
    if (net > bestNet) {
      best = instrument;
      bestNet = net;
    }
  }
  return best;
}

/** How a short on an instrument is margined: a new one isolated at the cap, an open one as it is. */
export interface ShortTerms {
  marginMode: MarginMode;
  leverage: number;
  existing: FuturesPosition | null;
  /** False when an open position's leverage is unknown, so the plan cannot keep its terms. */
  keepable: boolean;
}

export function shortTerms(existing: FuturesPosition | null, leverageCap: number): ShortTerms {
  if (!existing) return { marginMode: 'isolated', leverage: leverageCap, existing, keepable: true };
  const leverage = existing.leverage;
  if (leverage === null || !(leverage >= 1)) {
    return { marginMode: existing.marginMode, leverage: leverageCap, existing, keepable: false };
  }
  return { marginMode: existing.marginMode, leverage, existing, keepable: true };
}

export function bracketFor(
  brackets: readonly MaintenanceBracket[],
  notional: number,
): MaintenanceBracket {
  if (brackets.length === 0) return DEFAULT_BRACKET;
  return brackets.find((b) => notional <= b.notionalCap) ?? brackets[brackets.length - 1]!;
}

export interface ShortOpened {
  account: string;
  pair: string;
  asset: string;
  instrument: PlanInstrument;
  quantity: number;
  price: number;
  terms: ShortTerms;
}

/**
 * The short after the plan. A new isolated short is liquidated where the core formula puts it for its
 * bracket; adding to an open position keeps the venue's own liquidation price.
 */
export function planShort(s: ShortOpened): PlanShort {
  const { instrument, terms } = s;
  const market = instrument.market === 'future' ? 'future' : 'perp';
  const existing = terms.existing;
  let quantity = s.quantity;
  let entryPrice = s.price;
  let margin = (s.quantity * s.price) / terms.leverage;
  let liq: number | null;
  if (existing) {
    quantity = existing.quantity + s.quantity;
    entryPrice = (existing.entryPrice * existing.quantity + s.price * s.quantity) / quantity;
    margin += existing.isolatedMargin ?? existing.notional / terms.leverage;
    liq = existing.liquidationPrice;
  } else {
    const bracket = bracketFor(instrument.brackets, s.quantity * s.price);
    liq = liquidationPrice({
      side: 'short',
      entryPrice: s.price,
      leverage: terms.leverage,
      maintenanceMarginRate: bracket.rate,
      maintenanceAmount: bracket.amount,
      quantity: s.quantity,
    });
  }
  return {
    account: s.account,
    pair: s.pair,
    asset: s.asset,
    symbol: instrument.symbol,
    market,
    marginMode: terms.marginMode,
    leverage: terms.leverage,
    expiry: instrument.expiry,
    quantity,
    entryPrice,
    margin,
    liquidationPrice: liq,
    liquidationDistance: liq === null ? null : (liq - instrument.price) / instrument.price,
  };
}

export interface CarryLeg {
  pair: string;
  asset: string;
  instrument: PlanInstrument;
  figures: CarryFigures;
  notional: number;
  slippage: number;
  capital: number;
}

export function planCarry(leg: CarryLeg): PlanCarry {
  const { figures } = leg;
  return {
    pair: leg.pair,
    asset: leg.asset,
    symbol: leg.instrument.symbol,
    kind: figures.kind,
    notional: leg.notional,
    days: figures.days,
    gross: figures.gross,
    fees: figures.fees,
    net: figures.net,
    netAnnualized: figures.netAnnualized,
    breakevenDays: figures.breakevenDays,
    slippage: leg.slippage,
    capital: leg.capital,
    returnOnCapital:
      leg.capital > 0 ? ((figures.net - leg.slippage) / leg.capital) * (365 / figures.days) : null,
  };
}
