// Alerts kept from cycle to cycle: a cause found again is the same alert (raised once), a cause gone
// clears its alert into the history, and a cause that comes back after clearing is a new alert.
import type { Alert, AlertCause, AlertsView } from '../shared/alerts';
import type { RegimeMemory } from './alert-rules';

/** Cleared alerts kept; older ones are dropped. */
export const ALERT_HISTORY_LIMIT = 200;

export interface AlertState {
  /** Standing alerts, newest first. */
  active: Alert[];
  /** Cleared alerts, newest first, at most ALERT_HISTORY_LIMIT. */
  history: Alert[];
  regimes: RegimeMemory;
}

export const EMPTY_ALERT_STATE: AlertState = { active: [], history: [], regimes: {} };

export interface Reconciled {
  state: AlertState;
  raised: Alert[];
  cleared: Alert[];
}

/**
 * The alerts after a cycle that found `causes`. A standing alert keeps its id, its text as raised
 * and its acknowledgement; only a cause's arrival or departure changes anything.
 */
export function reconcileAlerts(
  state: AlertState,
  causes: readonly AlertCause[],
  now: number,
  newId: () => string,
): Reconciled {
  const found = new Map<string, AlertCause>();
  for (const c of causes) if (!found.has(c.cause)) found.set(c.cause, c);
  const standing = new Map(state.active.map((a) => [a.cause, a]));

  const raised: Alert[] = [];
  for (const c of found.values()) {
    if (standing.has(c.cause)) continue;
    raised.push({ ...c, id: newId(), raisedAt: now, clearedAt: null, acknowledgedAt: null });
  }
  const cleared = state.active
    .filter((a) => !found.has(a.cause))
    .map((a) => ({ ...a, clearedAt: now }));
  const kept = state.active.filter((a) => found.has(a.cause));
  return {
    state: {
      ...state,
      active: [...raised, ...kept],
      history: [...cleared, ...state.history].slice(0, ALERT_HISTORY_LIMIT),
    },
    raised,
    cleared,
  };
}

/**
 * The state with alert `id` acknowledged at `now` (an already acknowledged one keeps its time);
 * null when no alert, standing or cleared, has that id.
 */
export function acknowledgeAlert(state: AlertState, id: string, now: number): AlertState | null {
  const mark = (a: Alert): Alert =>
    a.id === id && a.acknowledgedAt === null ? { ...a, acknowledgedAt: now } : a;
  if (!state.active.some((a) => a.id === id) && !state.history.some((a) => a.id === id)) {
    return null;
  }
  return { ...state, active: state.active.map(mark), history: state.history.map(mark) };
}

export function alertsView(state: AlertState): AlertsView {
  return { active: state.active, history: state.history };
}
