// Request limits per IP of wall time, as binance enforces them: request weight per minute for each
// API family, and a count of requests per five minutes shared by the funding endpoints. Over a limit
// a request gets 429 with Retry-After; a client that keeps going while limited is banned (418).
import { venueErrors } from './venue-error';
import { MINUTE_MS } from '../shared/time';

export type ApiFamily = 'spot' | 'futures' | 'sapi';
/** Endpoints that share a request count besides their weight. */
export type RequestPool = 'funding';

export interface WeightLimits {
  /** Request weight per minute. */
  spot: number;
  futures: number;
  sapi: number;
  /** Requests per five minutes shared by /fapi/v1/fundingRate and /fapi/v1/fundingInfo. */
  funding: number;
}

export const DEFAULT_WEIGHT_LIMITS: WeightLimits = {
  spot: 6_000,
  futures: 2_400,
  sapi: 12_000,
  funding: 500,
};
const WEIGHT_WINDOW_MS = MINUTE_MS;
const POOL_WINDOW_MS = 5 * MINUTE_MS;
/** Requests refused with 429 within one window before the client is banned. */
const REFUSALS_BEFORE_BAN = 10;
const BAN_MS = 120_000;

interface Window {
  start: number;
  length: number;
  used: number;
  refused: number;
}

export class RateLimiter {
  limits: WeightLimits;
  private readonly windows = new Map<ApiFamily | RequestPool, Window>();
  private bannedUntil = 0;

  constructor(limits: WeightLimits = DEFAULT_WEIGHT_LIMITS) {
    this.limits = { ...limits };
  }

  /**
   * Charges `weight` to the family (and one request to the pool, if any); returns the weight used in
   * the current minute, or throws 429/418 without charging anything.
   */
  charge(family: ApiFamily, weight: number, wallNow: number, pool?: RequestPool): number {
    if (wallNow < this.bannedUntil) {
      throw venueErrors.banned(this.bannedUntil, Math.ceil((this.bannedUntil - wallNow) / 1000));
    }
    const window = this.windowOf(family, WEIGHT_WINDOW_MS, wallNow);
    if (window.used + weight > this.limits[family]) this.refuse(window, wallNow);
    const shared = pool === undefined ? null : this.windowOf(pool, POOL_WINDOW_MS, wallNow);
    if (shared && pool && shared.used + 1 > this.limits[pool]) this.refuse(shared, wallNow);
    window.used += weight;
    if (shared) shared.used++;
    return window.used;
  }

  reset(): void {
    this.windows.clear();
    this.bannedUntil = 0;
  }

  private windowOf(key: ApiFamily | RequestPool, length: number, wallNow: number): Window {
    const start = Math.floor(wallNow / length) * length;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, length, used: 0, refused: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private refuse(window: Window, wallNow: number): never {
    window.refused++;
    if (window.refused > REFUSALS_BEFORE_BAN) {
      this.bannedUntil = wallNow + BAN_MS;
      throw venueErrors.banned(this.bannedUntil, BAN_MS / 1000);
    }
    throw venueErrors.tooManyRequests(
      Math.max(1, Math.ceil((window.start + window.length - wallNow) / 1000)),
    );
  }
}
