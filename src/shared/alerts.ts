// Alerts: what needs the user's attention, each raised once per cause and cleared when its cause
// goes, kept with its history and acknowledged by the user.
import { z } from 'zod';

export const ALERT_KINDS = [
  /** An asset's regime changed. */
  'regime-change',
  /** A bucket (portfolio or asset) is beyond the drift band. */
  'drift',
  /** A short pays funding (funding turned negative): the hedge costs instead of earning. */
  'funding-against',
  /** A short's price is closer to its liquidation price than the setting allows. */
  'liquidation-near',
  /** A dated contract held is inside its last days. */
  'expiry-near',
  /** Quotes or holdings are stale. */
  'data-stale',
  /**
   * An execution left an asset unhedged: one leg of a pair filled, the other could not be completed
   * and the fill could not be undone. Stands until the exposure is gone.
   */
  'unhedged',
] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const ALERT_LEVELS = ['info', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** A cause as the rules find it now: the same `cause` key on the next cycle is the same alert. */
export interface AlertCause {
  kind: AlertKind;
  /** Stable key of the cause, e.g. `liquidation-near:acc-1:BTC/USDT:USDT`. */
  cause: string;
  level: AlertLevel;
  asset: string | null;
  accountId: string | null;
  title: string;
  message: string;
}

export interface Alert extends AlertCause {
  id: string;
  raisedAt: number;
  /** When its cause went; null while it stands. */
  clearedAt: number | null;
  acknowledgedAt: number | null;
}

export interface AlertsView {
  /** Standing alerts, newest first. */
  active: Alert[];
  /** Cleared alerts, newest first, capped. */
  history: Alert[];
}

export const alertIdSchema = z.string().min(1).max(100);
