// Faults injected on request: latency, and for a fraction of requests (drawn from a seeded generator)
// a 429 with Retry-After, a 5xx, a request left hanging, an HTML page with status 200, or a rejected
// order — the failures a real venue, a CDN or a captive portal produce; and every request refused with
// HTTP 451, as binance answers from a region it does not serve. Some faults aim at orders alone and
// are counted rather than drawn, so a test knows which order they hit: orders refused on named
// markets only, orders refused with 429 before the venue looks at them, and orders the venue carries
// out whose answer is then lost on the way back.
import { Prng } from './prng';

export interface Faults {
  latencyMs: number;
  rate429: number;
  rate5xx: number;
  rateTimeout: number;
  rateHtml: number;
  /** Fraction of new orders refused (true = all). */
  rejectOrders: number | boolean;
  retryAfterSeconds: number;
  /** Refuse every request with 451, as from a region the venue does not serve. */
  refuseRegion: boolean;
  /**
   * Markets whose new orders are all refused (-2010), as `spot:BTCUSDT` or `futures:BTCUSDT`
   * (the venue's own symbols): one leg of a pair can be refused while the other fills.
   */
  rejectOrdersOn: string[];
  /** The next this many order requests are answered 429 before the venue looks at them. */
  throttleOrders: number;
  /**
   * The next this many orders the venue accepts are carried out, and then their answer is lost (a
   * 502 page instead), as when a connection drops after the venue took the order.
   */
  loseOrderAnswers: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  rate429: 0,
  rate5xx: 0,
  rateTimeout: 0,
  rateHtml: 0,
  rejectOrders: 0,
  retryAfterSeconds: 1,
  refuseRegion: false,
  rejectOrdersOn: [],
  throttleOrders: 0,
  loseOrderAnswers: 0,
};

const MARKET = /^(spot|futures):[A-Z0-9_]{1,40}$/;

/** Thrown after an order was carried out, so the venue answers a 502 page instead of the order. */
export class AnswerLost extends Error {
  constructor() {
    super('the order was carried out and its answer lost on purpose');
    this.name = 'AnswerLost';
  }
}

export type FaultKind = '429' | '5xx' | 'timeout' | 'html';

const RATES = ['rate429', 'rate5xx', 'rateTimeout', 'rateHtml'] as const;

/** Validates and merges a partial fault set; a RangeError names the bad field. */
export function mergeFaults(current: Faults, patch: Partial<Faults>): Faults {
  const next: Faults = { ...current, ...patch };
  for (const key of RATES) {
    const v = next[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new RangeError(`${key} must be a fraction between 0 and 1`);
    }
  }
  if (RATES.reduce((s, k) => s + next[k], 0) > 1 + 1e-9) {
    throw new RangeError('fault rates must not sum to more than 1');
  }
  if (!Number.isFinite(next.latencyMs) || next.latencyMs < 0)
    throw new RangeError('latencyMs must be 0 or more');
  if (!Number.isFinite(next.retryAfterSeconds) || next.retryAfterSeconds < 0) {
    throw new RangeError('retryAfterSeconds must be 0 or more');
  }
  if (typeof next.refuseRegion !== 'boolean')
    throw new RangeError('refuseRegion must be a boolean');
  const reject = next.rejectOrders;
  if (typeof reject !== 'boolean' && (!Number.isFinite(reject) || reject < 0 || reject > 1)) {
    throw new RangeError('rejectOrders must be a boolean or a fraction between 0 and 1');
  }
  if (!Array.isArray(next.rejectOrdersOn) || !next.rejectOrdersOn.every((m) => MARKET.test(m))) {
    throw new RangeError('rejectOrdersOn lists markets as spot:SYMBOL or futures:SYMBOL');
  }
  for (const key of ['throttleOrders', 'loseOrderAnswers'] as const) {
    const n = next[key];
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`${key} must be a whole number of 0 or more`);
  }
  return { ...next, rejectOrdersOn: [...next.rejectOrdersOn] };
}

export class FaultInjector {
  private current: Faults = { ...NO_FAULTS };
  private prng: Prng;
  private readonly seed: number;

  constructor(seed: number) {
    this.seed = (seed ^ 0x5eed_fa17) >>> 0;
    this.prng = new Prng(this.seed);
  }

  get faults(): Faults {
    return this.current;
  }

  /** Sets the faults; the draws restart from the seed, so a fault set hits the same requests each run. */
  set faults(faults: Faults) {
    this.current = faults;
    this.prng = new Prng(this.seed);
  }

  /** The fault for this request, if any (one draw per request, so sequences repeat per seed). */
  pick(): FaultKind | null {
    const u = this.prng.next();
    let acc = 0;
    const f = this.faults;
    for (const [kind, rate] of [
      ['429', f.rate429],
      ['5xx', f.rate5xx],
      ['timeout', f.rateTimeout],
      ['html', f.rateHtml],
    ] as const) {
      acc += rate;
      if (u < acc) return kind;
    }
    return null;
  }

  rejectsOrder(): boolean {
    const r = this.faults.rejectOrders;
    if (typeof r === 'boolean') return r;
    return r > 0 && this.prng.next() < r;
  }

  /** Whether new orders on this market are refused (`venue` spot or futures, the venue's symbol). */
  rejectsOrderOn(venue: 'spot' | 'futures', symbol: string): boolean {
    return this.current.rejectOrdersOn.includes(`${venue}:${symbol}`);
  }

  /** Whether this order request is throttled (429); counts one off when it is. */
  throttlesOrder(): boolean {
    if (this.current.throttleOrders <= 0) return false;
    this.current = { ...this.current, throttleOrders: this.current.throttleOrders - 1 };
    return true;
  }

  /** Whether the answer of this accepted order is lost; counts one off when it is. */
  losesAnswer(): boolean {
    if (this.current.loseOrderAnswers <= 0) return false;
    this.current = { ...this.current, loseOrderAnswers: this.current.loseOrderAnswers - 1 };
    return true;
  }

  /** A 5xx status: which one varies as it does behind a CDN. */
  serverErrorStatus(): number {
    return [500, 502, 503][Math.floor(this.prng.next() * 3)]!;
  }
}
