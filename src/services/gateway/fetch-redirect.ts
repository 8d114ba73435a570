// The fetch implementation handed to ccxt. It sends requests for the venue's hosts to the simulator
// when one is configured (path and query kept, so ccxt's URL-based error mapping stays real), counts
// every request, remembers Retry-After, turns a 2xx answer that is not JSON (a captive portal's
// page, an empty body) into an error instead of letting it pass as an empty market, and a 451 (the
// venue refuses the region the request comes from) into an error of its own, never an outage.
import type { RequestEvent } from './types';

/** What ccxt passes to a user-supplied fetch implementation. */
export interface CcxtFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeout?: number;
}

export type FetchHook = (url: string, init?: CcxtFetchInit) => Promise<Response>;

export interface FetchHookOptions {
  /** Hosts of the venue, e.g. /(^|\.)binance\.com$/. */
  venueHosts: RegExp;
  /** Base URL (http://127.0.0.1:port) replacing https://<venue host>; null leaves requests alone. */
  redirectTo: string | null;
  fetch?: typeof fetch;
  onRequest?: (event: RequestEvent) => void;
  /** Called with the wait a 429/418 answer asked for. */
  onRetryAfter?: (ms: number) => void;
  /** Builds the error for a 2xx answer that is not JSON (ccxt's BadResponse passes through ccxt as is). */
  badResponse: (message: string) => Error;
  /** Builds the error for a 451 answer (ccxt's RestrictedLocation). */
  regionRefused: (message: string) => Error;
}

/** Retry-After in ms: delta seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : null;
}

/** Whether a body looks like JSON: an object or an array, whole. */
export function looksLikeJson(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  const open = t[0];
  const close = t[t.length - 1];
  return (open === '{' && close === '}') || (open === '[' && close === ']');
}

export function createFetchHook(options: FetchHookOptions): FetchHook {
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.redirectTo?.replace(/\/+$/, '') ?? null;
  return async (url, init = {}) => {
    const target = new URL(url);
    const redirected =
      base !== null && target.protocol === 'https:' && options.venueHosts.test(target.hostname);
    const destination = redirected ? `${base}${target.pathname}${target.search}` : url;
    const started = performance.now();
    const event = (status: number | null): RequestEvent => ({
      method: init.method ?? 'GET',
      host: target.hostname,
      path: target.pathname,
      status,
      durationMs: performance.now() - started,
      redirected,
    });
    let response: Response;
    try {
      response = await doFetch(destination, {
        method: init.method ?? 'GET',
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        redirect: 'error',
      });
    } catch (error) {
      options.onRequest?.(event(null));
      throw error;
    }
    options.onRequest?.(event(response.status));
    if (response.status === 429 || response.status === 418) {
      const wait = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      if (wait !== null) options.onRetryAfter?.(wait);
    }
    if (response.status === 451) {
      // ccxt would call it ExchangeNotAvailable, an outage worth retrying: it is not one.
      throw options.regionRefused(
        `${target.hostname} answered 451: the venue does not serve the region this request came from`,
      );
    }
    if (response.status < 200 || response.status >= 300) return response;
    const text = await response.text();
    if (!looksLikeJson(text)) {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw options.badResponse(
        `${target.hostname} answered ${response.status} with ${text.trim() === '' ? 'an empty body' : type} instead of JSON`,
      );
    }
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
