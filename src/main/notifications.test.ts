import { describe, expect, it } from 'vitest';
import type { NotificationClass, NotificationLike } from './notifications';
import { notificationHandler } from './notifications';

function fakeNotifications(supported: boolean) {
  const made: {
    options: { title: string; body: string };
    listeners: Map<string, () => void>;
    shown: boolean;
  }[] = [];
  class FakeNotification implements NotificationLike {
    private readonly entry: (typeof made)[number];
    constructor(options: { title: string; body: string }) {
      this.entry = { options, listeners: new Map(), shown: false };
      made.push(this.entry);
    }
    static isSupported(): boolean {
      return supported;
    }
    on(event: 'click' | 'close', listener: () => void): this {
      this.entry.listeners.set(event, listener);
      return this;
    }
    show(): void {
      this.entry.shown = true;
    }
  }
  return { Notification: FakeNotification as NotificationClass, made };
}

describe('alert notifications', () => {
  it('shows the alert and opens its view when clicked', () => {
    const { Notification, made } = fakeNotifications(true);
    const clicked: string[] = [];
    const { notify } = notificationHandler(Notification, (id) => clicked.push(id));
    expect(notify({ alertId: 'a1', title: 'BTC regime', body: 'Now moderate contango' })).toEqual({
      shown: true,
    });
    expect(made).toHaveLength(1);
    expect(made[0]?.options).toEqual({ title: 'BTC regime', body: 'Now moderate contango' });
    expect(made[0]?.shown).toBe(true);
    made[0]?.listeners.get('click')?.();
    expect(clicked).toEqual(['a1']);
  });

  it('lets go of a notification closed without a click, and never opens a view for it', () => {
    const { Notification, made } = fakeNotifications(true);
    const clicked: string[] = [];
    const { notify } = notificationHandler(Notification, (id) => clicked.push(id));
    notify({ alertId: 'a1', title: 't', body: 'b' });
    expect([...(made[0]?.listeners.keys() ?? [])].sort()).toEqual(['click', 'close']);
    made[0]?.listeners.get('close')?.();
    expect(clicked).toEqual([]);
  });

  it('says nothing was shown where the system has no notifications', () => {
    const { Notification, made } = fakeNotifications(false);
    const { notify } = notificationHandler(Notification, () => undefined);
    expect(notify({ alertId: 'a1', title: 't', body: 'b' })).toEqual({ shown: false });
    expect(made).toHaveLength(0);
  });
});
