// For the renderer's tests: a connection state, connected since 1 s after the epoch unless the test
// changes what it names.
import type { ConnectionState } from './connection';

export const connectionState = (change: Partial<ConnectionState> = {}): ConnectionState => ({
  status: 'connected',
  since: 1_000,
  lastConnectedAt: 1_000,
  retryAt: null,
  failures: 0,
  reconnects: 0,
  problem: null,
  ...change,
});
