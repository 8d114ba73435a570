// Live state from the host: the latest market snapshot, backfill progress, the saved settings, and a
// clock that ticks for countdowns. Each follows the host's events, so nothing needs a reload.
import { useCallback, useEffect, useState } from 'react';
import type { PremiaClient } from '../../../shared/api';
import type { MarketSnapshot } from '../../../shared/market';
import type { Settings } from '../../../shared/settings';
import { useHostRead } from '../use-host-read';
import { NO_BACKFILL, withBackfillProgress, type BackfillState } from './backfill-progress';
import { laterSnapshot } from './market-row';

export interface SnapshotState {
  snapshot: MarketSnapshot | null;
  /** True until the first answer (or event) arrives. */
  loading: boolean;
  error: string | null;
  retry: () => void;
}

export function useMarketSnapshot(client: PremiaClient): SnapshotState {
  const [snapshot, setSnapshot] = useState<MarketSnapshot | null>(null);
  const keepLater = useCallback(
    (fetched: MarketSnapshot | null) => setSnapshot((held) => laterSnapshot(held, fetched)),
    [],
  );
  const { loading, error, retry, settle } = useHostRead(client, (c) => c.getSnapshot(), keepLater);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'snapshot') return;
        keepLater(event.snapshot);
        settle();
      }),
    [client, keepLater, settle],
  );

  return { snapshot, loading, error, retry };
}

export function useBackfillProgress(client: PremiaClient): BackfillState {
  const [state, setState] = useState<BackfillState>(NO_BACKFILL);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'backfill') setState((s) => withBackfillProgress(s, event.progress));
      }),
    [client],
  );
  return state;
}

export interface LiveSettings {
  settings: Settings | null;
  error: string | null;
  /** Takes the settings an update returned, before the host's event about it arrives. */
  accept: (settings: Settings) => void;
  retry: () => void;
}

/** The saved settings, kept current by the host's settings events (saved here or anywhere else). */
export function useLiveSettings(client: PremiaClient): LiveSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  // An event may have brought newer settings while the read was on its way.
  const { error, retry } = useHostRead(
    client,
    (c) => c.getSettings(),
    (loaded) => setSettings((held) => held ?? loaded),
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'settings') setSettings(event.settings);
      }),
    [client],
  );

  return { settings, error, accept: setSettings, retry };
}

/** The wall time, refreshed every `tickMs`; countdowns and ages read it. */
export function useNow(tickMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
