// What a failed cycle means for the loop: the failure in words, the wait before the next attempt
// (a few seconds, doubled up to a short cap, Retry-After honoured) so data comes back soon after the
// venue does, whether it halts the loop (a region the venue refuses), and when failures in a row
// mean being offline.
import type { GatewayErrorKind } from '../gateway';
import { GatewayError } from '../gateway';
import type { CycleFailure } from './poller-types';

const NETWORK_KINDS: ReadonlySet<GatewayErrorKind> = new Set(['network', 'offline']);
/** The first wait after a failure (or the refresh interval, when shorter); it doubles from there. */
const FIRST_RETRY_MS = 5_000;
/**
 * The longest wait between failed cycles by default: short, so data comes back soon after the venue
 * does. A refresh is a couple of requests, far inside any venue's limits even at this pace.
 */
export const MAX_BACKOFF_MS = 30_000;
/** Failures that retrying cannot mend: the loop stops until asked again. */
const HALTING_KINDS: ReadonlySet<GatewayErrorKind> = new Set(['region-refused']);

export function failureOf(error: unknown, consecutive: number, at: number): CycleFailure {
  if (error instanceof GatewayError) {
    return {
      kind: error.kind,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      consecutive,
      at,
    };
  }
  return {
    kind: 'internal',
    message: 'Market data could not be read; see the log for details.',
    retryAfterMs: null,
    consecutive,
    at,
  };
}

/** Asking again would be refused the same way: the loop waits until someone asks. */
export function halts(failure: CycleFailure): boolean {
  return HALTING_KINDS.has(failure.kind);
}

/** The wait before the attempt after `failure`. */
export function backoffAfter(
  failure: CycleFailure,
  intervalMs: number,
  maxBackoffMs: number,
): number {
  const base = Math.min(intervalMs, FIRST_RETRY_MS);
  const delay = Math.min(Math.max(maxBackoffMs, base), base * 2 ** (failure.consecutive - 1));
  return failure.retryAfterMs !== null ? Math.max(delay, failure.retryAfterMs) : delay;
}

/**
 * Whether the loop is offline, by the failures in a row: a name that does not resolve means no
 * network at all; a refused or dropped connection may be a blip, so it takes `after` in a row.
 */
export class OfflineWatch {
  #offline = false;
  #networkFailures = 0;

  constructor(
    private readonly after: number,
    private readonly onChange: (offline: boolean, failure: CycleFailure | null) => void,
  ) {}

  get offline(): boolean {
    return this.#offline;
  }

  succeeded(): void {
    this.#networkFailures = 0;
    this.#set(false, null);
  }

  failed(failure: CycleFailure): void {
    const network = NETWORK_KINDS.has(failure.kind);
    this.#networkFailures = network ? this.#networkFailures + 1 : 0;
    if (failure.kind === 'offline' || this.#networkFailures >= this.after) this.#set(true, failure);
    else if (!network) this.#set(false, null);
  }

  #set(next: boolean, failure: CycleFailure | null): void {
    if (next === this.#offline) return;
    this.#offline = next;
    this.onChange(next, failure);
  }
}
