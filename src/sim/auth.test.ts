// Signed requests over HTTP: binance's key header, HMAC signature and recvWindow, checked on wall time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCredentials } from './auth';
import { startSimulator, type Simulator } from './simulator';
import { venueClient, type VenueClient } from './testing';

const WALL = Date.UTC(2025, 4, 2, 9, 30);
let sim: Simulator;
let client: VenueClient;
const wall = WALL;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, now: () => wall, speed: 0 });
  client = venueClient(sim.url, sim.credentials);
});

afterAll(() => sim.close());

describe('signed endpoints', () => {
  it('answer a request signed with the demo key within its recvWindow', async () => {
    const res = await client.signed<{ balances: { asset: string }[] }>(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: wall - 1_000 },
    );
    expect(res.status).toBe(200);
    expect(res.body.balances.map((b) => b.asset)).toContain('USDT');
  });

  it('accept a signature carried in a POST body', async () => {
    const res = await client.signed(
      'POST',
      '/fapi/v1/leverage',
      { symbol: 'BTCUSDT', leverage: 3 },
      { timestamp: wall },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ symbol: 'BTCUSDT', leverage: 3 });
  });

  it('refuse a signature made with another secret', async () => {
    const other = { apiKey: sim.credentials.apiKey, secret: generateCredentials().secret };
    const res = await client.signed(
      'GET',
      '/api/v3/account',
      {},
      { credentials: other, timestamp: wall },
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
  });

  it('refuse a tampered query even with a signature that was valid for the original', async () => {
    const res = await client.signed(
      'GET',
      '/fapi/v2/positionRisk',
      {},
      { timestamp: wall, signature: 'ab'.repeat(32) },
    );
    expect(res.body).toMatchObject({ code: -1022 });
  });

  it('refuse a timestamp older than recvWindow on the wall clock', async () => {
    const res = await client.signed(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: wall - 6_000, recvWindow: 5_000 },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: -1021 });
    const widened = await client.signed(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: wall - 6_000, recvWindow: 10_000 },
    );
    expect(widened.status).toBe(200);
  });

  it('refuse a timestamp more than a second ahead of the server', async () => {
    const res = await client.signed('GET', '/api/v3/account', {}, { timestamp: wall + 2_000 });
    expect(res.body).toMatchObject({ code: -1021 });
  });

  it('check the signature against wall time even when market time has moved on', async () => {
    sim.control.advance(30 * 86_400_000);
    const res = await client.signed('GET', '/api/v3/account', {}, { timestamp: wall });
    expect(res.status).toBe(200);
  });

  it('refuse a missing key header with -2014 and an unknown key with -2015, both 401', async () => {
    const missing = await client.signed(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: wall, omitKey: true },
    );
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ code: -2014 });
    const unknown = await client.signed(
      'GET',
      '/api/v3/account',
      {},
      { timestamp: wall, credentials: generateCredentials() },
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: -2015 });
  });

  it('refuse a signed call without a signature', async () => {
    const res = await client.get(
      '/api/v3/account',
      { timestamp: wall },
      { headers: { 'X-MBX-APIKEY': sim.credentials.apiKey } },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: -1102 });
  });

  it('leave public endpoints unsigned', async () => {
    const res = await client.get('/api/v3/time');
    expect(res.body).toEqual({ serverTime: wall });
  });
});
