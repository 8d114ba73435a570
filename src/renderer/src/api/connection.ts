// Whether the renderer can reach Premia's host right now, as state the UI can watch: the shell says it,
// views mark what they show as not current while it is lost, and read again once it is back.
import type { PremiaClient } from '../../../shared/api';

export type ConnectionStatus =
  /** The first connection is being made: calls wait for it. */
  | 'connecting'
  | 'connected'
  /** Lost, or never made: calls fail at once while the client tries again. */
  | 'disconnected'
  /** For good: the client was closed, or the page cannot reach a host at all. */
  | 'closed';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When this status began; while disconnected, when the connection was lost (retries keep it). */
  since: number;
  /** When the last connection was made; null if none ever was. */
  lastConnectedAt: number | null;
  /** While disconnected: when the next attempt is due, or null while one is under way. */
  retryAt: number | null;
  /** Attempts that failed since a connection last proved good. */
  failures: number;
  /** How many times the connection came back after it was lost or failed: views read again when it grows. */
  reconnects: number;
  /** Why there can be no connection at all (closed only), for people. */
  problem: string | null;
}

/** The connection as something to watch, shaped for React's `useSyncExternalStore`. */
export interface HostConnection {
  /** The current state: the same object until something changes. */
  state(): ConnectionState;
  subscribe(listener: () => void): () => void;
  /** Tries to reconnect at once instead of waiting out the pause; does nothing unless disconnected. */
  retryNow(): void;
}

/** What the renderer holds: the API, its events, and the state of the connection carrying them. */
export interface AppClient extends PremiaClient {
  readonly connection: HostConnection;
}

/** A connection whose state is set by its owner; listeners hear every change. */
export interface ConnectionStore extends HostConnection {
  set(next: ConnectionState): void;
}

export function createConnectionStore(
  initial: ConnectionState,
  retryNow: () => void = () => undefined,
): ConnectionStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    retryNow,
    set(next) {
      current = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** A connection that never changes: Electron's bridge (always connected) or a page with no host. */
export function fixedConnection(state: ConnectionState): HostConnection {
  return createConnectionStore(state);
}

/**
 * Whether figures heard while `reconnects` had the value `heardAt` still describe the host: only while
 * connected, and only if the connection has not been lost since they arrived.
 */
export function isCurrent(state: ConnectionState, heardAt: number | null): boolean {
  return state.status === 'connected' && heardAt === state.reconnects;
}

/** Why figures heard at `heardAt` are not current, in words for people; null while they are. */
export function notCurrentReason(state: ConnectionState, heardAt: number | null): string | null {
  if (isCurrent(state, heardAt)) return null;
  if (state.status === 'connected') {
    return "Waiting for fresh data from Premia's host since the connection came back.";
  }
  return "Not connected to Premia's host: this may have changed since it arrived.";
}
