// Request-weight limits per minute of wall time, as binance enforces them per IP: over the limit a
// request gets 429 with Retry-After; a client that keeps going while limited is banned (418).
import { venueErrors } from './venue-error';

export type ApiFamily = 'spot' | 'futures' | 'sapi';

export interface WeightLimits {
  spot: number;
  futures: number;
  sapi: number;
}

export const DEFAULT_WEIGHT_LIMITS: WeightLimits = { spot: 6_000, futures: 2_400, sapi: 12_000 };
const WINDOW_MS = 60_000;
/** Requests refused with 429 within one window before the client is banned. */
const REFUSALS_BEFORE_BAN = 10;
const BAN_MS = 120_000;

interface Window {
  start: number;
  used: number;
  refused: number;
}

export class RateLimiter {
  limits: WeightLimits;
  private readonly windows = new Map<ApiFamily, Window>();
  private bannedUntil = 0;

  constructor(limits: WeightLimits = DEFAULT_WEIGHT_LIMITS) {
    this.limits = { ...limits };
  }

  /** Charges `weight`; returns the weight used in the current minute, or throws 429/418. */
  charge(family: ApiFamily, weight: number, wallNow: number): number {
    if (wallNow < this.bannedUntil) {
      throw venueErrors.banned(this.bannedUntil, Math.ceil((this.bannedUntil - wallNow) / 1000));
    }
    const start = Math.floor(wallNow / WINDOW_MS) * WINDOW_MS;
    let window = this.windows.get(family);
    if (!window || window.start !== start) {
      window = { start, used: 0, refused: 0 };
      this.windows.set(family, window);
    }
    if (window.used + weight > this.limits[family]) {
      window.refused++;
      if (window.refused > REFUSALS_BEFORE_BAN) {
        this.bannedUntil = wallNow + BAN_MS;
        throw venueErrors.banned(this.bannedUntil, BAN_MS / 1000);
      }
      throw venueErrors.tooManyRequests(
        Math.max(1, Math.ceil((start + WINDOW_MS - wallNow) / 1000)),
      );
    }
    window.used += weight;
    return window.used;
  }

  reset(): void {
    this.windows.clear();
    this.bannedUntil = 0;
  }
}
