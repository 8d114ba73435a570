// Unhedged exposures an execution left standing: one leg of a pair filled, the other could not be
// completed, and the fill could not (yet) be undone. Each is an alert cause of kind 'unhedged' that
// stands until the exposure is gone; every change is told to the alert service.
import type { AlertCause } from '../../shared/alerts';
import { formatAmount } from './step-words';

export interface Exposure {
  planId: string;
  pair: string;
  asset: string;
  accountId: string;
  accountLabel: string;
  /** Base amount of the asset not hedged. */
  amount: number;
  /** What is held unhedged, in words: "bought", "sold short" … */
  held: string;
  /** Why, in words: the other leg that could not be completed. */
  why: string;
}

export const unhedgedCauseKey = (planId: string, pair: string): string =>
  `unhedged:${planId}:${pair}`;

export function exposureCause(e: Exposure): AlertCause {
  const amount = `${formatAmount(e.amount)} ${e.asset}`;
  return {
    kind: 'unhedged',
    cause: unhedgedCauseKey(e.planId, e.pair),
    level: 'critical',
    asset: e.asset,
    accountId: e.accountId,
    title: `${amount} unhedged on ${e.accountLabel}`,
    message: `${amount} ${e.held} on ${e.accountLabel} for plan ${e.planId} is not hedged: ${e.why}. Hedge or close it by hand, then acknowledge this alert: Premia then stops raising it and never trades that pair on its own again.`,
  };
}

export class ExposureBook {
  private readonly causes = new Map<string, AlertCause>();

  constructor(
    private readonly changed: (causes: AlertCause[]) => void,
    /** Exposures the user said were dealt with by hand: never raised again. */
    readonly isHandled: (cause: string) => boolean = () => false,
  ) {}

  raise(exposure: Exposure): void {
    const cause = exposureCause(exposure);
    if (this.isHandled(cause.cause)) return;
    this.causes.set(cause.cause, cause);
    this.changed(this.list());
  }

  clear(planId: string, pair: string): void {
    this.clearCause(unhedgedCauseKey(planId, pair));
  }

  clearCause(cause: string): void {
    if (this.causes.delete(cause)) this.changed(this.list());
  }

  list(): AlertCause[] {
    return [...this.causes.values()].map((c) => ({ ...c }));
  }
}
