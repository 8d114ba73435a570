// The venue API answers as a venue does, but only to requests addressed to the simulator itself.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2, marketTime: Date.UTC(2025, 4, 6), speed: 0 });
});

afterAll(() => sim.close());

function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: sim.port, path, headers: { Host: host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the venue API', () => {
  it('answers requests addressed to 127.0.0.1 or localhost on its port', async () => {
    for (const host of [`127.0.0.1:${sim.port}`, `localhost:${sim.port}`]) {
      const answer = await getWithHost('/fapi/v1/premiumIndex?symbol=ETHUSDT', host);
      expect(answer.status, host).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ symbol: 'ETHUSDT' });
    }
  });

  it('refuses a request addressed to a foreign host name, as a rebound DNS name would send it', async () => {
    const answer = await getWithHost('/fapi/v1/premiumIndex?symbol=ETHUSDT', 'attacker.example');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/Forbidden host/);
    expect(answer.body).not.toMatch(/ETHUSDT/);
  });
});

describe('starting the simulator', () => {
  it('refuses a control token too short to be a secret, before listening', async () => {
    await expect(startSimulator({ controlToken: 'letmein' })).rejects.toThrow(/32 to 256 letters/);
  });
});
