import { describe, expect, it } from 'vitest';
import { createFetchHook, looksLikeJson, parseRetryAfter } from './fetch-redirect';
import type { RequestEvent } from './types';

class BadResponse extends Error {}
class RestrictedLocation extends Error {}

function hook(answer: () => Response, redirectTo: string | null = 'http://127.0.0.1:4321/') {
  const calls: { url: string; init: RequestInit }[] = [];
  const events: RequestEvent[] = [];
  const waits: number[] = [];
  const fetchHook = createFetchHook({
    venueHosts: /(^|\.)binance\.com$/,
    redirectTo,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    }) as typeof fetch,
    onRequest: (e) => events.push(e),
    onRetryAfter: (ms) => waits.push(ms),
    badResponse: (m) => new BadResponse(m),
    regionRefused: (m) => new RestrictedLocation(m),
  });
  return { fetchHook, calls, events, waits };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('fetch hook', () => {
  it('sends the venue’s hosts to the simulator, keeping path and query', async () => {
    const h = hook(() => json({ ok: 1 }));
    const res = await h.fetchHook('https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT', {
      method: 'GET',
    });
    expect(await res.json()).toEqual({ ok: 1 });
    expect(h.calls[0]!.url).toBe('http://127.0.0.1:4321/fapi/v1/premiumIndex?symbol=BTCUSDT');
    expect(h.events[0]).toMatchObject({
      host: 'fapi.binance.com',
      path: '/fapi/v1/premiumIndex',
      status: 200,
      redirected: true,
    });
  });

  it('passes other hosts, and everything when no simulator is set, through untouched', async () => {
    const h = hook(() => json([]));
    await h.fetchHook('https://example.com/a?b=1');
    expect(h.calls[0]!.url).toBe('https://example.com/a?b=1');
    const live = hook(() => json([]), null);
    await live.fetchHook('https://api.binance.com/api/v3/time');
    expect(live.calls[0]!.url).toBe('https://api.binance.com/api/v3/time');
    expect(live.events[0]!.redirected).toBe(false);
  });

  it('turns a 200 HTML page or an empty body into an error', async () => {
    const html = hook(
      () =>
        new Response('<html>login</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    await expect(
      html.fetchHook('https://api.binance.com/api/v3/ticker/bookTicker'),
    ).rejects.toBeInstanceOf(BadResponse);
    const empty = hook(() => new Response('', { status: 200 }));
    await expect(
      empty.fetchHook('https://api.binance.com/api/v3/ticker/bookTicker'),
    ).rejects.toThrow(/empty body/);
  });

  it('turns a 451 into a refusal of the region rather than an error status for ccxt', async () => {
    const h = hook(() =>
      json({ code: 0, msg: 'Service unavailable from a restricted location' }, 451),
    );
    await expect(h.fetchHook('https://api.binance.com/api/v3/exchangeInfo')).rejects.toThrow(
      RestrictedLocation,
    );
    expect(h.events[0]).toMatchObject({ status: 451 });
  });

  it('hands error statuses to ccxt as they are and reports Retry-After', async () => {
    const h = hook(() =>
      json({ code: -1003, msg: 'Too many requests' }, 429, { 'retry-after': '3' }),
    );
    const res = await h.fetchHook('https://api.binance.com/api/v3/exchangeInfo');
    expect(res.status).toBe(429);
    expect(h.waits).toEqual([3_000]);
  });

  it('counts a request that never got an answer', async () => {
    const h = hook(() => {
      throw new TypeError('fetch failed');
    });
    await expect(h.fetchHook('https://api.binance.com/api/v3/time')).rejects.toThrow(
      'fetch failed',
    );
    expect(h.events).toHaveLength(1);
    expect(h.events[0]!.status).toBeNull();
  });
});

describe('helpers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('12', 0)).toBe(12_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4_000);
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  it('recognises whole JSON objects and arrays only', () => {
    expect(looksLikeJson(' {"a":1} ')).toBe(true);
    expect(looksLikeJson('[1]')).toBe(true);
    expect(looksLikeJson('<!DOCTYPE html>')).toBe(false);
    expect(looksLikeJson('')).toBe(false);
  });
});
