// Integration: how the gateway reads when the venue misbehaves, with the real ccxt binance class over
// HTTP against the simulator and a clock that moves only when the gateway sleeps: Retry-After, backoff,
// answers that are no market, hanging requests, a refused region and a closed port.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { GatewayError } from './errors';
import { createExchangeGateway } from './exchange-gateway';
import { fakeTime, MARKET_TIME, useGatewaySimulator } from './gateway-testing';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 11, marketTime: MARKET_TIME, speed: 0 }),
);
const { gateway } = venue;

describe('faults', () => {
  it('waits out Retry-After on a 429 and then succeeds', async () => {
    const time = fakeTime(() => venue.sim.control.clearFaults());
    const { g, requests } = gateway({ now: time.now, sleep: time.sleep, random: () => 0.5 });
    await g.ready();
    venue.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 2 });
    const cycle = await g.fetchMarketData(['BTC']);
    expect(cycle.assets[0]!.spot).not.toBeNull();
    expect(Math.max(...time.sleeps)).toBeGreaterThanOrEqual(2_000);
    expect(requests.some((r) => r.status === 429)).toBe(true);
  });

  it('loads the markets on a later call when the first load failed', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep, retry: { retries: 0 } });
    venue.sim.control.setFaults({ rate5xx: 1 });
    await expect(g.ready()).rejects.toMatchObject({ kind: 'unavailable' });
    venue.sim.control.clearFaults();
    const [btc] = await g.discover(['BTC']);
    expect(btc!.perp).not.toBeNull();
  });

  it('refuses at once when Retry-After asks for longer than it will wait', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    venue.sim.control.setFaults({ rate429: 1, retryAfterSeconds: 60 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      code: 'rate-limited',
      retryAfterMs: 60_000,
    });
    expect(time.sleeps).toEqual([]);
  });

  it('retries 5xx answers with growing backoff until the venue answers', async () => {
    const time = fakeTime((_, count) => {
      if (count === 2) venue.sim.control.clearFaults();
    });
    const { g } = gateway({
      now: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 10_000, maxRetryAfterMs: 5_000 },
    });
    await g.ready();
    venue.sim.control.setFaults({ rate5xx: 1 });
    const cycle = await g.fetchMarketData(['ETH']);
    expect(cycle.assets[0]!.perp).not.toBeNull();
    expect(time.sleeps).toHaveLength(2);
    expect(time.sleeps[1]!).toBeGreaterThan(time.sleeps[0]!);
  });

  it('gives up on persistent 5xx answers as unavailable', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    venue.sim.control.setFaults({ rate5xx: 1 });
    const error = await g.fetchMarketData(['ETH']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'unavailable', retryable: true });
    expect(time.sleeps).toHaveLength(2);
  });

  it('retries none of a call’s reads when its caller retries on its own', async () => {
    const time = fakeTime();
    const { g, requests } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    venue.sim.control.setFaults({ rate5xx: 1 });
    const before = requests.length;
    const error = await g.fetchMarketData(['ETH'], { retries: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(time.sleeps).toEqual([]);
    // One attempt: at most the two bulk requests of a refresh (the first refusal ends it), each once.
    expect(requests.length - before).toBeGreaterThanOrEqual(1);
    expect(requests.length - before).toBeLessThanOrEqual(2);
    // The gateway's own policy still holds for the calls that do not say otherwise.
    await g.fetchMarketData(['ETH']).catch(() => undefined);
    expect(time.sleeps).toHaveLength(2);
  });

  it('names the demo market as such in what it tells people', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep, venueName: 'the demo market' });
    await g.ready();
    venue.sim.control.setFaults({ rateHtml: 1 });
    const error = await g.fetchMarketData(['BTC'], { retries: 0 }).catch((e: unknown) => e);
    expect((error as GatewayError).message).toMatch(/^The demo market answered with something/);
  });

  it('treats an HTML page with status 200 as an error, never as an empty market', async () => {
    const time = fakeTime();
    const { g } = gateway({ now: time.now, sleep: time.sleep });
    await g.ready();
    venue.sim.control.setFaults({ rateHtml: 1 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'bad-response', code: 'unavailable' });
    expect((error as GatewayError).message).toMatch(/captive portal/);
  });

  it('turns a request left hanging into a timeout', async () => {
    const time = fakeTime();
    const { g } = gateway({
      now: time.now,
      sleep: time.sleep,
      timeoutMs: 300,
      retry: { retries: 0 },
    });
    await g.ready();
    venue.sim.control.setFaults({ rateTimeout: 1 });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', code: 'unavailable' });
  });

  it('calls a 451 a refusal of this region, asked once, not an outage retried', async () => {
    venue.sim.control.setFaults({ refuseRegion: true });
    const { g, requests } = gateway();
    const refused = await g.ready().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ kind: 'region-refused', retryable: false });
    expect((refused as GatewayError).message).toMatch(
      /Binance refuses connections from this region/,
    );
    expect(requests.every((r) => r.status === 451)).toBe(true);
    // Spot and futures markets load side by side: one request each, neither sent again.
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  it('calls a closed port unreachable rather than an empty market', async () => {
    const dead = await startSimulator({ seed: 3, speed: 0, marketTime: MARKET_TIME });
    const url = dead.url;
    await dead.close();
    const time = fakeTime();
    const { gateway: g } = createExchangeGateway({
      exchange: 'binance',
      redirectTo: url,
      now: time.now,
      sleep: time.sleep,
      retry: { retries: 1 },
    });
    const error = await g.fetchMarketData(['BTC']).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });
});
