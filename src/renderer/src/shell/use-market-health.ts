// The market data's health as React state: read from the host (again after each reconnect), followed
// by its events, and the "Retry now" that asks the market again at once (or, while polling is paused,
// resumes it).
import { useCallback, useEffect, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { MarketHealth } from '../../../shared/market';
import { shownError } from '../ui/shown-error';
import { useHostRead } from '../use-host-read';

export interface MarketHealthState {
  /** Null while no market runs; undefined until the host has said. */
  health: MarketHealth | null | undefined;
  /** A retry asked for here is on its way to the host. */
  asking: boolean;
  /** Why the last retry asked for here could not be asked, for people. */
  retryError: string | null;
  /** Asks the market again now; resumes polling while it is paused. */
  retry: () => void;
}

export function useMarketHealth(client: AppClient): MarketHealthState {
  const [health, setHealth] = useState<MarketHealth | null | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const { settle } = useHostRead(client, (c) => c.getMarketHealth(), setHealth);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'market-health') return;
        setHealth(event.health);
        settle();
      }),
    [client, settle],
  );

  const retry = useCallback(() => {
    setAsking(true);
    setRetryError(null);
    const asked = health?.state === 'paused' ? client.setMarketPaused(false) : client.retryMarket();
    asked.then(
      (answer) => {
        setHealth(answer);
        setAsking(false);
      },
      (error: unknown) => {
        setRetryError(shownError(error).message);
        setAsking(false);
      },
    );
  }, [client, health?.state]);

  return { health, asking, retryError, retry };
}
