// What a market-neutral carry trade earns against what it costs: a dated-future basis trade held to
// expiry, and spot long against a perpetual short held for a horizon. Decimals, not percents.

export interface CarryResult {
  /** What the trade earns before fees, in the quote currency. */
  gross: number;
  /** Entry and exit fees of both legs. */
  fees: number;
  net: number;
  /** net / notional over a 365-day year. */
  netAnnualized: number;
  /** Days until the earnings have paid the fees; Infinity when the trade earns nothing. */
  breakevenDays: number;
}

export interface BasisCarryInput {
  spot: number;
  futures: number;
  daysToExpiry: number;
  /** Spot notional in the quote currency; the short is the same base quantity. */
  notional: number;
  /** Fee rates per side, as decimals (0 where spot already held is hedged). */
  spotFee: number;
  futuresFee: number;
}

export interface PerpCarryInput {
  notional: number;
  /** Annualized funding the short receives (positive funding: longs pay shorts). */
  annualizedFunding: number;
  holdingDays: number;
  spotFee: number;
  perpFee: number;
}

function requireAbove0(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be above 0 (got ${value})`);
  }
}

function requireFeeRate(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RangeError(`${what} must be from 0 to below 1 (got ${value})`);
  }
}

/**
 * A basis trade held to expiry: buy `notional` of spot, short the same base quantity q = notional /
 * spot of the future. gross = q × (futures − spot); fees = 2 × notional × spotFee + 2 × q × futures ×
 * futuresFee (the exit at expiry counted as a trade, which is conservative).
 */
export function basisCarry(input: BasisCarryInput): CarryResult {
  const { spot, futures, daysToExpiry, notional, spotFee, futuresFee } = input;
  requireAbove0(spot, 'the spot price');
  requireAbove0(futures, 'the futures price');
  requireAbove0(daysToExpiry, 'the days to expiry');
  requireAbove0(notional, 'the notional');
  requireFeeRate(spotFee, 'the spot fee');
  requireFeeRate(futuresFee, 'the futures fee');
  const quantity = notional / spot;
  const gross = quantity * (futures - spot);
  const fees = 2 * notional * spotFee + 2 * quantity * futures * futuresFee;
  const net = gross - fees;
  return {
    gross,
    fees,
    net,
    netAnnualized: (net / notional) * (365 / daysToExpiry),
    breakevenDays: gross > 0 ? fees / (gross / daysToExpiry) : Infinity,
  };
}

/**
 * Spot long against a perpetual short for `holdingDays`, earning the annualized funding on the
 * notional: gross = notional × annualizedFunding × holdingDays / 365; fees = 2 × notional × (spotFee
 * + perpFee). Negative funding is a cost, and the trade then never breaks even.
 */
export function perpCarry(input: PerpCarryInput): CarryResult {
  const { notional, annualizedFunding, holdingDays, spotFee, perpFee } = input;
  requireAbove0(notional, 'the notional');
  requireAbove0(holdingDays, 'the holding days');
  if (!Number.isFinite(annualizedFunding)) {
    throw new RangeError(
      `the annualized funding must be a finite number (got ${annualizedFunding})`,
    );
  }
  requireFeeRate(spotFee, 'the spot fee');
  requireFeeRate(perpFee, 'the perpetual fee');
  const gross = (notional * annualizedFunding * holdingDays) / 365;
  const fees = 2 * notional * (spotFee + perpFee);
  const net = gross - fees;
  return {
    gross,
    fees,
    net,
    netAnnualized: (net / notional) * (365 / holdingDays),
    breakevenDays: annualizedFunding > 0 ? fees / ((notional * annualizedFunding) / 365) : Infinity,
  };
}
