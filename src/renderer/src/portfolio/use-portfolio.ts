// The portfolio as the host last computed it, kept current by the host's `portfolio` events, and a
// sync the user can ask for. A host without the portfolio (an older one, or one whose services are not
// ready) refuses the read: that refusal is what the views show, with a way to ask again.
import { useCallback, useEffect, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { PortfolioView } from '../../../shared/portfolio';
import { useHostRead } from '../use-host-read';
import { shownError } from '../ui/shown-error';

export interface PortfolioState {
  view: PortfolioView | null;
  /** The connection's reconnect count when the view last arrived (see `notCurrentReason`). */
  heardAt: number | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
  /** Takes a view an action answered with, before the host's event about it arrives. */
  accept: (view: PortfolioView) => void;
  syncing: boolean;
  syncError: string | null;
  sync: () => void;
}

export function usePortfolio(client: AppClient): PortfolioState {
  const [view, setView] = useState<PortfolioView | null>(null);
  const [heardAt, setHeardAt] = useState<number | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<string | null>(null);
  const { connection } = client;
  const accept = useCallback(
    (next: PortfolioView) => {
      // An older view arriving late never replaces a newer one.
      setView((held) => (held !== null && held.at > next.at ? held : next));
      setHeardAt(connection.state().reconnects);
    },
    [connection],
  );
  const { loading, error, retry, settle } = useHostRead(client, (c) => c.getPortfolio(), accept);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'portfolio') return;
        accept(event.portfolio);
        settle();
      }),
    [client, accept, settle],
  );

  const sync = useCallback(() => {
    setSyncing(true);
    setSyncError(null);
    client.syncHoldings().then(
      (next) => {
        accept(next);
        settle();
        setSyncing(false);
      },
      (e: unknown) => {
        setSyncError(shownError(e).message);
        setSyncing(false);
      },
    );
  }, [client, accept, settle]);

  return { view, heardAt, loading, error, retry, accept, syncing, syncError, sync };
}
