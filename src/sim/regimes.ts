// The simulator's market regimes as a Markov chain: each regime's carry band, mean stay, spot drift
// and volatility, and where the chain goes on leaving it.

export const SIM_REGIMES = ['quiet', 'calm', 'euphoria', 'capitulation'] as const;
export type SimRegime = (typeof SIM_REGIMES)[number];

interface RegimeModel {
  /** Range of the carry target drawn on entering the regime (annualized). */
  band: readonly [number, number];
  meanHours: number;
  /** Where the chain goes on leaving, with probabilities summing to 1. */
  next: readonly (readonly [SimRegime, number])[];
  /** Spot drift and volatility, annualized. */
  drift: number;
  vol: number;
  /** Stationary spread of the carry around its target. */
  carrySpread: number;
}

export const REGIME_MODELS: Record<SimRegime, RegimeModel> = {
  quiet: {
    band: [-0.04, 0.04],
    meanHours: 14 * 24,
    next: [
      ['calm', 0.6],
      ['capitulation', 0.3],
      ['euphoria', 0.1],
    ],
    drift: 0,
    vol: 0.4,
    carrySpread: 0.015,
  },
  calm: {
    band: [0.05, 0.12],
    meanHours: 30 * 24,
    next: [
      ['quiet', 0.45],
      ['euphoria', 0.35],
      ['capitulation', 0.2],
    ],
    drift: 0.15,
    vol: 0.55,
    carrySpread: 0.02,
  },
  euphoria: {
    band: [0.25, 0.6],
    meanHours: 10 * 24,
    next: [
      ['calm', 0.5],
      ['capitulation', 0.3],
      ['quiet', 0.2],
    ],
    drift: 1.5,
    vol: 0.75,
    carrySpread: 0.05,
  },
  capitulation: {
    band: [-0.4, -0.1],
    meanHours: 5 * 24,
    next: [
      ['quiet', 0.6],
      ['calm', 0.4],
    ],
    drift: -2.5,
    vol: 1.1,
    carrySpread: 0.05,
  },
};

/** The sim regime whose band holds an annualized carry (for a premium set by hand). */
export function regimeForCarry(carry: number): SimRegime {
  if (carry >= 0.2) return 'euphoria';
  if (carry >= 0.05) return 'calm';
  if (carry > -0.1) return 'quiet';
  return 'capitulation';
}

/** The regime the chain moves to from `from`, for a uniform draw `u` in [0, 1). */
export function pickNext(from: SimRegime, u: number): SimRegime {
  let acc = 0;
  for (const [regime, p] of REGIME_MODELS[from].next) {
    acc += p;
    if (u < acc) return regime;
  }
  return REGIME_MODELS[from].next[0]![0];
}
