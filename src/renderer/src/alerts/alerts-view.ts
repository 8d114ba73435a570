// How the Alerts page and the header's indicator word and order the alerts: what counts as needing
// attention, each level's label and colour, when an alert was raised, and what a browser shows.
import type { Alert, AlertLevel, AlertsView } from '../../../shared/alerts';

export const LEVEL_LABELS: Record<AlertLevel, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

export const LEVEL_COLORS: Record<AlertLevel, string> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
};

/** Standing alerts the user has not acknowledged: what the header's indicator counts. */
export function unacknowledgedCount(view: AlertsView | null): number {
  return view?.active.filter((a) => a.acknowledgedAt === null).length ?? 0;
}

/** The indicator's name for screen readers. */
export function indicatorLabel(count: number): string {
  if (count === 0) return 'Alerts: none needing attention';
  return `Alerts: ${count} unacknowledged`;
}

const LEVEL_ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, info: 2 };

/** Unacknowledged first, then the most severe, then the newest. */
export function orderedActive(view: AlertsView): Alert[] {
  return [...view.active].sort(
    (a, b) =>
      Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      b.raisedAt - a.raisedAt,
  );
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment such as 'Mar 27, 2026, 14:05'; in the machine's time zone unless one is given. */
export function formatMoment(ms: number, timeZone?: string): string {
  if (!Number.isFinite(ms)) return '—';
  const key = timeZone ?? '';
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    momentFormats.set(key, format);
  }
  return format.format(ms);
}

/** What a browser notification of a raised alert shows. */
export function browserNotification(alert: Alert): { title: string; body: string; tag: string } {
  return { title: `Premia: ${alert.title}`, body: alert.message, tag: alert.id };
}

/** Whether the page should show a raised alert as a browser notification. */
export function shouldNotifyInBrowser(options: {
  host: 'electron' | 'web' | null;
  permission: NotificationPermission | 'unsupported';
  enabled: boolean;
}): boolean {
  return options.host === 'web' && options.permission === 'granted' && options.enabled;
}

/**
 * An unhedged exposure acknowledged is one the user says was dealt with by hand: it then clears and
 * Premia keeps its hands off the pair, so the button says what it does.
 */
export function acknowledgeLabel(alert: Pick<Alert, 'kind'>): string {
  return alert.kind === 'unhedged' ? 'Dealt with by hand' : 'Acknowledge';
}
