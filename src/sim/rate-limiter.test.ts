// The funding endpoints' shared request count over HTTP, on an injected wall clock: 500 requests per
// five minutes across /fapi/v1/fundingRate and /fapi/v1/fundingInfo, then 429, then a ban.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { venueClient } from './testing';
import { MINUTE_MS } from '../shared/time';
const open: Simulator[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function simAt(wall: { now: number }) {
  const sim = await startSimulator({
    seed: 2,
    speed: 0,
    marketTime: Date.UTC(2025, 4, 6),
    now: () => wall.now,
  });
  open.push(sim);
  return venueClient(sim.url, sim.credentials);
}

/** The funding endpoints in turn, as a client reading history and intervals would call them. */
function fundingRequest(client: ReturnType<typeof venueClient>, i: number) {
  return i % 2 === 0
    ? client.get('/fapi/v1/fundingInfo')
    : client.get('/fapi/v1/fundingRate', { symbol: 'BTCUSDT', limit: 1 });
}

describe('the funding endpoints’ shared limit', () => {
  it('refuses the 501st funding request in five minutes with 429, and answers again after', async () => {
    // One second into a five-minute window, so the whole run stays inside it.
    const wall = { now: Date.UTC(2025, 4, 6, 10, 0, 1) };
    const client = await simAt(wall);
    for (let i = 0; i < 500; i++) {
      const res = await fundingRequest(client, i);
      expect(res.status, `request ${i + 1}`).toBe(200);
      if (i % 100 === 99) wall.now += 30_000;
    }
    const refused = await client.get('/fapi/v1/fundingRate', { symbol: 'ETHUSDT', limit: 1 });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: -1003 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(300 - 1 - 150);
    expect((await client.get('/fapi/v1/fundingInfo')).status).toBe(429);
    // The rest of the futures API keeps its own, per-minute weight.
    expect((await client.get('/fapi/v1/premiumIndex', { symbol: 'BTCUSDT' })).status).toBe(200);

    wall.now += retryAfter * 1000;
    const again = await client.get('/fapi/v1/fundingRate', { symbol: 'BTCUSDT', limit: 1 });
    expect(again.status).toBe(200);
  });

  it('bans a client that keeps asking for funding while refused', async () => {
    const wall = { now: Date.UTC(2025, 4, 6, 10, 0, 1) };
    const client = await simAt(wall);
    for (let i = 0; i < 500; i++) await fundingRequest(client, i);
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await fundingRequest(client, i)).status);
    expect(answers.slice(0, 10).every((s) => s === 429)).toBe(true);
    expect(answers[10]).toBe(418);
    // A ban closes the whole API for its duration, not only the funding endpoints.
    wall.now += MINUTE_MS;
    const banned = await client.get('/fapi/v1/premiumIndex', { symbol: 'BTCUSDT' });
    expect(banned.status).toBe(418);
    expect(banned.body).toMatchObject({ code: -1003 });
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
