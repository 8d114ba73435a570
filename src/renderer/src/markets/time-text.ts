// Times as the Markets view words them: a live countdown to the next funding, the age of a quote,
// days to an expiry, and dates.
import { formatDuration } from '../../../core/format';
import { SECOND_MS, MINUTE_MS, HOUR_MS } from '../../../shared/time';

/**
 * Time left until an event, down to the second within the last hour so a 1 s tick shows movement:
 * '3 h 12 min', '12 min 05 s', '42 s', and 'due now' once the moment has passed (the next snapshot
 * brings the following one).
 */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms)) return formatDuration(ms);
  if (ms < SECOND_MS) return 'due now';
  if (ms >= HOUR_MS) return formatDuration(ms);
  const minutes = Math.floor(ms / MINUTE_MS);
  const seconds = Math.floor((ms % MINUTE_MS) / SECOND_MS);
  if (minutes === 0) return `${seconds} s`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** How long ago something was received: 'just now', '12 s ago', '3 min ago', '2 h 5 min ago'. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return formatDuration(ms);
  // A clock a little ahead of the host's makes fresh data look as if it came from the future.
  if (ms < SECOND_MS) return 'just now';
  if (ms < MINUTE_MS) return `${Math.floor(ms / SECOND_MS)} s ago`;
  return `${formatDuration(ms)} ago`;
}

/** Days to an expiry, rounded down as a trader counts them: '87 days', '1 day', 'under 1 day'. */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return formatDuration(NaN);
  if (days < 1) return 'under 1 day';
  const whole = Math.floor(days);
  return whole === 1 ? '1 day' : `${whole.toLocaleString('en-US')} days`;
}

/** A funding interval in hours: '8 h', '1 h', '30 min'. */
export function formatInterval(hours: number): string {
  if (!Number.isFinite(hours) || hours <= 0) return formatDuration(NaN);
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Number(hours.toPrecision(6))} h`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date such as 'Mar 27, 2026'; in the machine's time zone unless one is given. */
export function formatDate(ms: number, timeZone?: string): string {
  if (!Number.isFinite(ms)) return formatDuration(NaN);
  const key = timeZone ?? '';
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(key, format);
  }
  return format.format(ms);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time to the second, such as 'Mar 27, 2026, 14:05:09'; in the machine's time zone unless one is given. */
export function formatMoment(ms: number, timeZone?: string): string {
  if (!Number.isFinite(ms)) return formatDuration(NaN);
  const key = timeZone ?? '';
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    momentFormats.set(key, format);
  }
  return format.format(ms);
}
