import { describe, expect, it } from 'vitest';
import type { AlertCause } from '../shared/alerts';
import type { AlertState } from './alerts';
import {
  acknowledgeAlert,
  ALERT_HISTORY_LIMIT,
  EMPTY_ALERT_STATE,
  reconcileAlerts,
} from './alerts';

function cause(key: string, message = `about ${key}`): AlertCause {
  return {
    kind: 'drift',
    cause: key,
    level: 'warning',
    asset: null,
    accountId: null,
    title: key,
    message,
  };
}

function ids(): () => string {
  let n = 0;
  return () => `a${++n}`;
}

describe('reconcileAlerts', () => {
  it('raises an alert once however many cycles its cause stands', () => {
    const newId = ids();
    let state: AlertState = EMPTY_ALERT_STATE;
    const raised: string[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      const next = reconcileAlerts(
        state,
        [cause('drift:portfolio', `cycle ${cycle}`)],
        1_000 + cycle,
        newId,
      );
      raised.push(...next.raised.map((a) => a.id));
      state = next.state;
    }
    expect(raised).toEqual(['a1']);
    expect(state.active).toMatchObject([
      { id: 'a1', cause: 'drift:portfolio', raisedAt: 1_000, message: 'cycle 0', clearedAt: null },
    ]);
  });

  it('clears an alert into the history when its cause goes', () => {
    const newId = ids();
    const first = reconcileAlerts(EMPTY_ALERT_STATE, [cause('x'), cause('y')], 1_000, newId);
    const next = reconcileAlerts(first.state, [cause('y')], 2_000, newId);
    expect(next.raised).toEqual([]);
    expect(next.cleared).toMatchObject([{ cause: 'x', clearedAt: 2_000 }]);
    expect(next.state.active.map((a) => a.cause)).toEqual(['y']);
    expect(next.state.history).toMatchObject([{ cause: 'x', clearedAt: 2_000 }]);
  });

  it('raises a new alert when a cleared cause comes back', () => {
    const newId = ids();
    let { state } = reconcileAlerts(EMPTY_ALERT_STATE, [cause('x')], 1_000, newId);
    state = reconcileAlerts(state, [], 2_000, newId).state;
    const back = reconcileAlerts(state, [cause('x')], 3_000, newId);
    expect(back.raised).toMatchObject([{ id: 'a2', cause: 'x', raisedAt: 3_000 }]);
    expect(back.state.history).toMatchObject([{ id: 'a1', cause: 'x' }]);
  });

  it('keeps an acknowledged alert acknowledged while its cause stands', () => {
    const newId = ids();
    const { state } = reconcileAlerts(EMPTY_ALERT_STATE, [cause('x')], 1_000, newId);
    const acknowledged = acknowledgeAlert(state, 'a1', 1_500);
    expect(acknowledged).not.toBeNull();
    const next = reconcileAlerts(acknowledged!, [cause('x')], 2_000, newId);
    expect(next.raised).toEqual([]);
    expect(next.state.active).toMatchObject([{ id: 'a1', acknowledgedAt: 1_500 }]);
  });

  it('counts a cause found twice in one cycle as one alert', () => {
    const next = reconcileAlerts(EMPTY_ALERT_STATE, [cause('x'), cause('x')], 1_000, ids());
    expect(next.raised).toHaveLength(1);
  });

  it('keeps at most the history limit, newest first', () => {
    const newId = ids();
    let state: AlertState = EMPTY_ALERT_STATE;
    for (let i = 0; i < ALERT_HISTORY_LIMIT + 5; i++) {
      state = reconcileAlerts(state, [cause(`c${i}`)], i, newId).state;
    }
    state = reconcileAlerts(state, [], 10_000, newId).state;
    expect(state.history).toHaveLength(ALERT_HISTORY_LIMIT);
    expect(state.history[0]?.cause).toBe(`c${ALERT_HISTORY_LIMIT + 4}`);
  });
});

describe('acknowledgeAlert', () => {
  it('keeps the first acknowledgement time and refuses an unknown id', () => {
    const { state } = reconcileAlerts(EMPTY_ALERT_STATE, [cause('x')], 1_000, ids());
    const once = acknowledgeAlert(state, 'a1', 1_500)!;
    expect(acknowledgeAlert(once, 'a1', 9_000)?.active[0]?.acknowledgedAt).toBe(1_500);
    expect(acknowledgeAlert(state, 'nope', 1_500)).toBeNull();
  });
});
