// One read from the host that the page can retry: whether it is still on its way and why it failed.
// It is made again each time the connection to the host comes back, since what it read may have
// changed meanwhile. An answer that arrives after the component is gone, or after a newer try began,
// is dropped.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { AppClient } from './api/connection';
import { useReconnects } from './api/use-connection';
import { shownError } from './ui/shown-error';

export interface HostRead {
  /** True until the first answer (or failure), and again while a retry is on its way. */
  loading: boolean;
  error: string | null;
  retry: () => void;
  /** For data that also arrives by event: it counts as an answer, ending the wait and any error. */
  settle: () => void;
}

export function useHostRead<T>(
  client: AppClient,
  read: (client: AppClient) => Promise<T>,
  onAnswer: (value: T) => void,
): HostRead {
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const readNow = useEffectEvent(read);
  const answered = useEffectEvent(onAnswer);
  const reconnects = useReconnects(client);

  useEffect(() => {
    let current = true;
    readNow(client).then(
      (value) => {
        if (!current) return;
        answered(value);
        setLoading(false);
        setError(null);
      },
      (e: unknown) => {
        if (!current) return;
        const shown = shownError(e);
        // The shell already says the host is lost, and this read is made again once it is back.
        if (shown.code === 'offline' && client.connection.state().status === 'disconnected') {
          setError(null);
          return;
        }
        setLoading(false);
        setError(shown.message);
      },
    );
    return () => {
      current = false;
    };
  }, [client, attempt, reconnects]);

  const retry = useCallback(() => {
    setError(null);
    setLoading(true);
    setAttempt((n) => n + 1);
  }, []);
  const settle = useCallback(() => {
    setLoading(false);
    setError(null);
  }, []);
  return { loading, error, retry, settle };
}
