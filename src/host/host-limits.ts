// How much one headless host takes at once. Its clients are the pages of one person's browser: these
// bounds sit far above what those use, and far below what would let another local program wear the
// host down or guess its token.

export interface HostLimits {
  /** API sockets open at once; one more handshake is refused with 503. */
  maxClients: number;
  /** TCP connections at once (page loads, files, API sockets); one more is dropped unread. */
  maxConnections: number;
  /** Requests one socket may have waiting for their answers; one more is refused as rate-limited. */
  maxPendingPerClient: number;
  /** The largest message a socket may send; a larger one closes it with 1009 (message too big). */
  maxMessageBytes: number;
  /** Wrong tokens taken back to back before handshakes are slowed. */
  wrongTokenBurst: number;
  /** Once the burst is spent, one more handshake is allowed per this many milliseconds. */
  wrongTokenIntervalMs: number;
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = {
  maxClients: 32,
  maxConnections: 128,
  // A page asks for at most one calibration per tracked asset (100 at most) at once.
  maxPendingPerClient: 256,
  maxMessageBytes: 64 * 1024,
  wrongTokenBurst: 10,
  wrongTokenIntervalMs: 1_000,
};
