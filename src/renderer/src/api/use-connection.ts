// The connection to the host as React state: the whole of it for what shows it, or only the count of
// reconnects for views that read again when it grows.
import { useSyncExternalStore } from 'react';
import type { AppClient, ConnectionState } from './connection';

export function useConnection(client: AppClient): ConnectionState {
  const { connection } = client;
  return useSyncExternalStore(connection.subscribe, connection.state);
}

/** How many times the connection has come back: a dependency for reads that must be made again. */
export function useReconnects(client: AppClient): number {
  const { connection } = client;
  return useSyncExternalStore(connection.subscribe, () => connection.state().reconnects);
}
