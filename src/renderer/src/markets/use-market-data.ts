// Live state from the host: the latest market snapshot, backfill progress, the saved settings, and a
// clock that ticks for countdowns. Each follows the host's events, so nothing needs a reload, and is
// read again when the connection to the host comes back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppClient } from '../api/connection';
import type { MarketSnapshot } from '../../../shared/market';
import type { Settings } from '../../../shared/settings';
import { useHostRead } from '../use-host-read';
import {
  BACKFILL_LINGER_MS,
  backfillRunning,
  NO_BACKFILL,
  withBackfillProgress,
  withoutFinished,
  type BackfillState,
} from './backfill-progress';
import { laterSnapshot } from './market-row';

export interface SnapshotState {
  snapshot: MarketSnapshot | null;
  /**
   * The connection's reconnect count when the host last sent a snapshot: figures are current only
   * while it equals the count now (see `isCurrent`). Null before the first.
   */
  heardAt: number | null;
  /** True until the first answer (or event) arrives. */
  loading: boolean;
  error: string | null;
  retry: () => void;
}

export function useMarketSnapshot(client: AppClient): SnapshotState {
  const [snapshot, setSnapshot] = useState<MarketSnapshot | null>(null);
  const [heardAt, setHeardAt] = useState<number | null>(null);
  const { connection } = client;
  // Whatever the host sends now is what it holds now, even a snapshot no later than the one held.
  const keepLater = useCallback(
    (fetched: MarketSnapshot | null) => {
      setSnapshot((held) => laterSnapshot(held, fetched));
      setHeardAt(connection.state().reconnects);
    },
    [connection],
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

  return { snapshot, heardAt, loading, error, retry };
}

export function useBackfillProgress(client: AppClient): BackfillState {
  const [state, setState] = useState<BackfillState>(NO_BACKFILL);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'backfill') setState((s) => withBackfillProgress(s, event.progress));
      }),
    [client],
  );
  // Once nothing runs, what finished leaves together after a moment (a new backfill keeps it).
  const settled = state.size > 0 && !backfillRunning(state);
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => setState(withoutFinished), BACKFILL_LINGER_MS);
    return () => clearTimeout(timer);
  }, [settled, state]);
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
export function useLiveSettings(client: AppClient): LiveSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  // Counts settings events, so a read answered after one of them does not undo it.
  const events = useRef(0);
  const { error, retry } = useHostRead(
    client,
    (c) => {
      const before = events.current;
      return c
        .getSettings()
        .then((loaded) => ({ loaded, newerArrived: events.current !== before }));
    },
    ({ loaded, newerArrived }) => {
      if (!newerArrived) setSettings(loaded);
    },
  );

  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type !== 'settings') return;
        events.current += 1;
        setSettings(event.settings);
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

/**
 * A count for a view that reads an asset's history: it moves on when a backfill of the asset
 * finishes (bringing a past the view may have read without; premiums derive from funding, so any
 * of the asset's series counts) and when the user asks to try again. The view reads again then.
 */
export function useHistoryReads(client: AppClient, asset: string): [number, () => void] {
  const [count, setCount] = useState(0);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'backfill' && event.progress.asset === asset && event.progress.done) {
          setCount((n) => n + 1);
        }
      }),
    [client, asset],
  );
  const again = useCallback(() => setCount((n) => n + 1), []);
  return [count, again];
}
