// The alerts as the host last listed them, kept current by its `alerts` events, and acknowledging one.
import { useCallback, useEffect, useState } from 'react';
import type { AlertsView } from '../../../shared/alerts';
import type { AppClient } from '../api/connection';
import { shownError } from '../ui/shown-error';
import { useHostRead } from '../use-host-read';

export interface AlertsState {
  view: AlertsView | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
  /** The id being acknowledged, while the host has not answered. */
  acknowledging: string | null;
  acknowledgeError: string | null;
  acknowledge: (id: string) => void;
}

export function useAlerts(client: AppClient): AlertsState {
  const [view, setView] = useState<AlertsView | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const [acknowledgeError, setAcknowledgeError] = useState<string | null>(null);
  const { loading, error, retry, settle } = useHostRead(client, (c) => c.listAlerts(), setView);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'alerts') return;
        setView(event.alerts);
        settle();
      }),
    [client, settle],
  );

  const acknowledge = useCallback(
    (id: string) => {
      setAcknowledging(id);
      setAcknowledgeError(null);
      client.acknowledgeAlert(id).then(
        (next) => {
          setView(next);
          setAcknowledging(null);
        },
        (e: unknown) => {
          setAcknowledgeError(shownError(e).message);
          setAcknowledging(null);
        },
      );
    },
    [client],
  );

  return { view, loading, error, retry, acknowledging, acknowledgeError, acknowledge };
}
