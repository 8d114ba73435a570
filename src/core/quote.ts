// Evaluating one hand-typed quote (a dated future or a funding rate) into premium, regime and weights.
import type { QuoteEvaluation, QuoteInput } from '../shared/api';
import type { Settings } from '../shared/settings';
import { targetWeights } from './allocation';
import { annualizeBasis, annualizeFunding } from './premium';
import { classifyRegimeDetailed } from './regime';
import { DAY_MS } from '../shared/time';

function formatDays(days: number): string {
  return `${Number(days.toFixed(2))} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Annualized premium, regime (with hysteresis from `previousRegime`) and slice target weights of a
 * quote, by the settings' fixed thresholds and policy. A future uses the quote's basis method, else the
 * settings' one; one closer to expiry than the signal's minimum is still evaluated, with a warning
 * that it would be left out of the regime signal.
 */
export function evaluateQuote(input: QuoteInput, settings: Settings): QuoteEvaluation {
  let premium: number;
  let method: QuoteEvaluation['method'];
  let warning: string | null = null;
  if (input.kind === 'future') {
    method = input.method ?? settings.signal.basisMethod;
    premium = annualizeBasis(input.spot, input.futures, input.daysToExpiry * DAY_MS, method);
    const minDays = settings.signal.minDaysToExpiry;
    if (input.daysToExpiry < minDays) {
      warning = `${formatDays(input.daysToExpiry)} to expiry is under the minimum of ${formatDays(minDays)}: this contract would be left out of the regime signal, as its annualized premium swings too much near expiry.`;
    }
  } else {
    method = 'funding';
    premium = annualizeFunding(input.rate, input.intervalHours);
  }
  const thresholds = { ...settings.thresholds.fixed };
  const { regime, heldByHysteresis } = classifyRegimeDetailed(
    premium,
    input.previousRegime ?? null,
    thresholds,
  );
  return {
    premium,
    method,
    regime,
    heldByHysteresis,
    weights: targetWeights(regime, settings.policy),
    thresholds,
    warning,
  };
}
