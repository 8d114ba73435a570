// The carry scanner's data from the host: read on opening, read again after each market snapshot (one
// read at a time, so a slow answer never piles up behind fast cycles), and on request.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { CarryScannerView } from '../../../shared/scanner';
import { useHostRead } from '../use-host-read';

export interface CarryScannerState {
  view: CarryScannerView | null;
  /** Wall time of the last answer. */
  updatedAt: number | null;
  loading: boolean;
  /** True while a read after the first is on its way. */
  refreshing: boolean;
  error: string | null;
  refresh: () => void;
}

export function useCarryScanner(client: AppClient): CarryScannerState {
  const [view, setView] = useState<CarryScannerView | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const inFlight = useRef(false);
  const accept = useCallback((next: CarryScannerView) => {
    setView(next);
    setUpdatedAt(Date.now());
  }, []);
  const { loading, error, retry, settle } = useHostRead(client, (c) => c.getCarryScanner(), accept);

  const readAgain = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRefreshing(true);
    client
      .getCarryScanner()
      .then(
        (next) => {
          accept(next);
          // An answer after a failed first read (the market was not running yet) ends that failure.
          settle();
        },
        () => undefined,
      )
      .finally(() => {
        inFlight.current = false;
        setRefreshing(false);
      });
  }, [client, accept, settle]);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'snapshot') readAgain();
      }),
    [client, readAgain],
  );

  const refresh = useCallback(() => {
    if (error !== null || view === null) retry();
    else readAgain();
  }, [error, view, retry, readAgain]);

  return { view, updatedAt, loading, refreshing, error, refresh };
}
