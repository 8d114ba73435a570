// Retrying a read against an exchange: exponential backoff with jitter for transient failures,
// Retry-After honoured on rate limits, and no retry at all for what retrying cannot fix.
import type { GatewayError } from './errors';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A rate limit asking for a longer wait than this is handed to the caller instead of slept. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 15_000,
};

/** Backoff before retry `attempt` (0-based): base·2^attempt capped, with "equal jitter" in [½, 1]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export interface RetryDeps {
  policy: RetryPolicy;
  classify(error: unknown): GatewayError;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Called before each wait (for logs and the poller's status line). */
  onRetry?(error: GatewayError, attempt: number, delayMs: number): void;
}

export async function withRetry<T>(operation: () => Promise<T>, deps: RetryDeps): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (thrown) {
      const error = deps.classify(thrown);
      if (!error.retryable || attempt >= deps.policy.retries) throw error;
      let delay = backoffDelay(attempt, deps.policy, deps.random);
      if (error.kind === 'rate-limited' && error.retryAfterMs !== null) {
        if (error.retryAfterMs > deps.policy.maxRetryAfterMs) throw error;
        delay = Math.max(delay, error.retryAfterMs);
      }
      deps.onRetry?.(error, attempt, delay);
      await deps.sleep(delay);
    }
  }
}
