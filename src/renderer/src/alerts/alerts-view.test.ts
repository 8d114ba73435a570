import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts';
import {
  acknowledgeLabel,
  browserNotification,
  formatMoment,
  indicatorLabel,
  orderedActive,
  shouldNotifyInBrowser,
  unacknowledgedCount,
} from './alerts-view';

function alert(id: string, change: Partial<Alert> = {}): Alert {
  return {
    id,
    kind: 'drift',
    cause: `drift:${id}`,
    level: 'warning',
    asset: null,
    accountId: null,
    title: `Alert ${id}`,
    message: `About ${id}`,
    raisedAt: 1_000,
    clearedAt: null,
    acknowledgedAt: null,
    ...change,
  };
}

describe('alerts view', () => {
  it('counts standing alerts not yet acknowledged, and names the count for screen readers', () => {
    const view = {
      active: [alert('a'), alert('b', { acknowledgedAt: 2_000 })],
      history: [alert('c')],
    };
    expect(unacknowledgedCount(view)).toBe(1);
    expect(unacknowledgedCount(null)).toBe(0);
    expect(indicatorLabel(1)).toBe('Alerts: 1 unacknowledged');
    expect(indicatorLabel(0)).toBe('Alerts: none needing attention');
  });

  it('lists unacknowledged alerts first, then the most severe, then the newest', () => {
    const view = {
      active: [
        alert('old-info', { level: 'info', raisedAt: 1 }),
        alert('seen-critical', { level: 'critical', acknowledgedAt: 5 }),
        alert('new-warning', { raisedAt: 9 }),
        alert('old-warning', { raisedAt: 2 }),
        alert('critical', { level: 'critical', raisedAt: 1 }),
      ],
      history: [],
    };
    expect(orderedActive(view).map((a) => a.id)).toEqual([
      'critical',
      'new-warning',
      'old-warning',
      'old-info',
      'seen-critical',
    ]);
  });

  it('words a moment with its date and 24-hour time', () => {
    expect(formatMoment(Date.UTC(2026, 2, 27, 14, 5), 'UTC')).toBe('Mar 27, 2026, 14:05');
    expect(formatMoment(NaN)).toBe('—');
  });

  it('notifies in the browser only on the web host, with permission granted and notifications on', () => {
    const granted = { host: 'web', permission: 'granted', enabled: true } as const;
    expect(shouldNotifyInBrowser(granted)).toBe(true);
    expect(shouldNotifyInBrowser({ ...granted, host: 'electron' })).toBe(false);
    expect(shouldNotifyInBrowser({ ...granted, permission: 'default' })).toBe(false);
    expect(shouldNotifyInBrowser({ ...granted, enabled: false })).toBe(false);
    expect(browserNotification(alert('a'))).toEqual({
      title: 'Premia: Alert a',
      body: 'About a',
      tag: 'a',
    });
  });
});

describe('acknowledgeLabel', () => {
  it('asks whether an unhedged exposure was dealt with by hand, and simply acknowledges the rest', () => {
    expect(acknowledgeLabel({ kind: 'unhedged' })).toBe('Dealt with by hand');
    expect(acknowledgeLabel({ kind: 'drift' })).toBe('Acknowledge');
  });
});
