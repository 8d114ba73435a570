// In the headless host's page, raised alerts become the browser's notifications once the user has
// allowed them and the settings ask for them; a click opens the alert. The desktop app's services
// raise system ones instead.
import { useCallback, useEffect, useState } from 'react';
import { hashWithAlert } from '../../../shared/app-route';
import type { AppClient } from '../api/connection';
import { browserNotification, shouldNotifyInBrowser } from './alerts-view';

export type BrowserPermission = NotificationPermission | 'unsupported';

function currentPermission(): BrowserPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export interface BrowserNotifications {
  permission: BrowserPermission;
  /** Asks the browser (it must follow a click); the answer updates `permission`. */
  request: () => void;
}

export function useBrowserNotifications(
  client: AppClient,
  host: 'electron' | 'web' | null,
  enabled: boolean,
): BrowserNotifications {
  const [permission, setPermission] = useState<BrowserPermission>(currentPermission);

  useEffect(() => {
    if (!shouldNotifyInBrowser({ host, permission, enabled })) return;
    return client.onEvent((event) => {
      if (event.type !== 'alert-raised') return;
      const { title, body, tag } = browserNotification(event.alert);
      const notification = new Notification(title, { body, tag });
      // A click opens the alert, as the desktop app's notifications do.
      notification.onclick = () => {
        window.focus();
        window.location.hash = hashWithAlert(window.location.hash, event.alert.id);
      };
    });
  }, [client, host, permission, enabled]);

  const request = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setPermission, () =>
      setPermission(currentPermission()),
    );
  }, []);

  return { permission, request };
}
