// Performance figures of an equity curve: growth, volatility, Sharpe and the deepest drawdown.

export interface CurveMetrics {
  cagr: number;
  volatility: number;
  sharpe: number;
  maxDrawdown: number;
  /** Bar indexes of the peak and the trough of the deepest fall; null when equity never fell. */
  maxDrawdownFrom: number | null;
  maxDrawdownTo: number | null;
  finalMultiple: number;
}

/** Each bar's value over the running peak so far, less 1. */
export function drawdownCurve(equity: readonly number[]): number[] {
  let peak = -Infinity;
  return equity.map((e) => {
    if (e > peak) peak = e;
    return e / peak - 1;
  });
}

/**
 * Returns r[i] = E[i]/E[i−1] − 1; years = (n−1) / bars per year; CAGR = (E[n−1]/E[0])^(1/years) − 1;
 * volatility = population σ(r) × √(bars per year); Sharpe = mean(r)/σ(r) × √(bars per year), 0 when
 * σ is 0; the deepest E[i]/max(E[0..i]) − 1 with its peak and trough.
 */
export function curveMetrics(equity: readonly number[], perYear: number): CurveMetrics {
  const n = equity.length;
  const first = equity[0] as number;
  const lastValue = equity[n - 1] as number;
  const finalMultiple = lastValue / first;
  const years = (n - 1) / perYear;
  const cagr = finalMultiple > 0 ? finalMultiple ** (1 / years) - 1 : -1;

  let sum = 0;
  for (let i = 1; i < n; i++) sum += (equity[i] as number) / (equity[i - 1] as number) - 1;
  const mean = sum / (n - 1);
  let squares = 0;
  for (let i = 1; i < n; i++) {
    const d = (equity[i] as number) / (equity[i - 1] as number) - 1 - mean;
    squares += d * d;
  }
  const std = Math.sqrt(squares / (n - 1));
  const root = Math.sqrt(perYear);

  let peak = first;
  let peakAt = 0;
  let maxDrawdown = 0;
  let from: number | null = null;
  let to: number | null = null;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    if (e > peak) {
      peak = e;
      peakAt = i;
    }
    const dd = e / peak - 1;
    if (dd < maxDrawdown) {
      maxDrawdown = dd;
      from = peakAt;
      to = i;
    }
  }
  return {
    cagr,
    volatility: std * root,
    sharpe: std > 0 ? (mean / std) * root : 0,
    maxDrawdown,
    maxDrawdownFrom: from,
    maxDrawdownTo: to,
    finalMultiple,
  };
}
