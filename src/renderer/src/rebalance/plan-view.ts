// How a saved plan's header, checks and notes read: when it was made, how long it may still be
// executed, whether it is ready, and every pre-trade check with failures first.
import { PLAN_ACTION_LABELS, type PlanCheck, type RebalancePlan } from '../../../shared/plan';
import { SECOND_MS } from '../../../shared/time';
import { formatCountdown, formatMoment } from '../markets/time-text';
import { formatUsdt } from '../portfolio/value-text';

export interface ExpiryText {
  text: string;
  expired: boolean;
}

/** Time left to execute the plan: '1 min 05 s', '42 s', and 'expired' from its expiry on. */
export function expiryText(expiresAt: number, now: number): ExpiryText {
  const left = expiresAt - now;
  if (!(left > 0)) return { text: 'expired', expired: true };
  // The last fraction of a second is still time left, not "due now".
  return { text: formatCountdown(Math.max(left, SECOND_MS)), expired: false };
}

export interface PlanHeader {
  id: string;
  /** What was asked: a full rebalance, or one action on one asset. */
  title: string;
  madeAt: string;
  expires: ExpiryText;
  /** Ready only while every check passes and the plan has not expired. */
  ready: boolean;
  readyText: string;
  value: string;
  demo: boolean;
}

export function planTitle(plan: RebalancePlan): string {
  if (plan.flatten) return 'Flatten: close every hedge and short';
  if (plan.action === null) return 'Full rebalance to every asset’s target';
  return `${PLAN_ACTION_LABELS[plan.action.kind]}: ${plan.action.asset}`;
}

export function planHeader(plan: RebalancePlan, now: number, timeZone?: string): PlanHeader {
  const expires = expiryText(plan.expiresAt, now);
  const failed = plan.checks.filter((c) => !c.ok).length;
  const ready = plan.ready && !expires.expired;
  let readyText: string;
  if (expires.expired) readyText = 'Not ready: the plan has expired; make a new one';
  else if (!plan.ready) {
    readyText =
      failed === 1
        ? 'Not ready: 1 check failed'
        : failed > 1
          ? `Not ready: ${failed} checks failed`
          : 'Not ready';
  } else readyText = 'Ready: every check passed';
  return {
    id: plan.id,
    title: planTitle(plan),
    madeAt: formatMoment(plan.at, timeZone),
    expires,
    ready,
    readyText,
    value: formatUsdt(plan.value),
    demo: plan.demo,
  };
}

export interface CheckRow {
  key: string;
  ok: boolean;
  /** Said in words beside the icon, so the result never rests on colour alone. */
  status: 'Passed' | 'Failed';
  message: string;
}

/** Every check, failed ones first, each group in the order the host gave. */
export function checkRows(checks: readonly PlanCheck[]): CheckRow[] {
  const rows = checks.map((check, index) => ({
    key: `${check.code}-${index}`,
    ok: check.ok,
    status: check.ok ? ('Passed' as const) : ('Failed' as const),
    message: check.message,
  }));
  return [...rows.filter((r) => !r.ok), ...rows.filter((r) => r.ok)];
}
