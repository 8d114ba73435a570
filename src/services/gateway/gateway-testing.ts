// For the gateway's tests: a gateway on a simulator whose every request is recorded at the fetch
// hook, and a clock that moves only when the gateway sleeps, so backoff is seen without waiting.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createExchangeGateway, type ExchangeGatewayOptions } from './exchange-gateway';
import type { RequestEvent } from './types';

/** The market's moment in the simulators of the gateway's tests. */
export const MARKET_TIME = Date.UTC(2025, 0, 10, 12, 0, 0);
export { DAY_MS as DAY, HOUR_MS as HOUR } from '../../shared/time';

/** A gateway on the simulator at `url` whose requests are recorded, with short retries. */
export function recordingGateway(url: string, extra: Partial<ExchangeGatewayOptions> = {}) {
  const requests: RequestEvent[] = [];
  const { gateway: g, diagnostics } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: url,
    rateLimitMs: 1,
    timeoutMs: 2_000,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 },
    ...extra,
  });
  diagnostics.onRequest((e) => requests.push(e));
  return { g, requests };
}

/** A clock that moves only when the gateway sleeps; `onSleep` hears each sleep, counted from 1. */
export function fakeTime(onSleep: (ms: number, count: number) => void = () => {}) {
  let t = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
      onSleep(ms, sleeps.length);
    },
  };
}

/** What these tests need of a simulator; the test file starts the real one. */
interface VenueSimulator {
  url: string;
  control: { clearFaults(): void };
  close(): Promise<void>;
}

export interface GatewaySimulator<S extends VenueSimulator> {
  /** The test file's simulator (started before its tests). */
  readonly sim: S;
  /** A gateway on that simulator whose requests are recorded at the fetch hook. */
  gateway(extra?: Partial<ExchangeGatewayOptions>): ReturnType<typeof recordingGateway>;
}

/** One simulator for a test file: started before its tests, its faults cleared after each, closed after the last. */
export function useGatewaySimulator<S extends VenueSimulator>(
  start: () => Promise<S>,
): GatewaySimulator<S> {
  let started: S | null = null;
  beforeAll(async () => {
    started = await start();
  });
  afterEach(() => {
    started?.control.clearFaults();
  });
  afterAll(async () => {
    await started?.close();
  });
  const venue: GatewaySimulator<S> = {
    get sim(): S {
      if (!started) throw new Error('the simulator starts before the tests');
      return started;
    },
    gateway: (extra = {}) => recordingGateway(venue.sim.url, extra),
  };
  return venue;
}
