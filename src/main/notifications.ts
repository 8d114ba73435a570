// Alerts as the operating system's notifications: main alone can raise them. A click brings the
// window forward on the alert's view.
import type { MainHandlers } from './main-requests';

/** The parts of Electron's Notification class used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}
export interface NotificationClass {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

/**
 * The `notify` request: shows the notification where the system supports them (answering whether it
 * did), and hands a click to `onClick` with the alert's id.
 */
export function notificationHandler(
  Notification: NotificationClass,
  onClick: (alertId: string) => void,
): Pick<MainHandlers, 'notify'> {
  // Electron drops a notification the script no longer references before it is clicked; each is
  // held until it is clicked or closed.
  const shown = new Set<NotificationLike>();
  return {
    notify({ alertId, title, body }) {
      if (!Notification.isSupported()) return { shown: false };
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        onClick(alertId);
      });
      // Dismissed without a click: nothing will reach it again.
      notification.on('close', () => shown.delete(notification));
      notification.show();
      return { shown: true };
    },
  };
}
