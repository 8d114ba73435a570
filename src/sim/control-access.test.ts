// Who may drive the simulator's control interface over HTTP: a client on this machine holding the
// control token, addressing the simulator by its own name, sending JSON. A request any web page can
// send blind (a form post, a text/plain fetch) must never move the market.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlToken } from './control-token';
import { startSimulator, type Simulator } from './simulator';

interface Answer {
  status: number;
  body: string;
}

/** One raw request, so Host and Origin go on the wire exactly as written. */
function send(
  sim: Simulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sim.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const token = createControlToken();
let guarded: Simulator;
let unguarded: Simulator;

beforeAll(async () => {
  const common = { seed: 4, marketTime: Date.UTC(2025, 2, 3), speed: 0 };
  guarded = await startSimulator({ ...common, controlToken: token });
  unguarded = await startSimulator(common);
  guarded.control.setRegime('ETH', 'extreme-contango');
});

afterAll(async () => {
  await guarded.close();
  await unguarded.close();
});

const own = () => ({
  Host: `127.0.0.1:${guarded.port}`,
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
});
const deepBackwardation = JSON.stringify({ asset: 'ETH', regime: 'deep-backwardation' });
const ethRegime = () => guarded.control.state().assets.find((a) => a.asset === 'ETH')?.regime;

describe('the control interface', () => {
  it('moves the market for a loopback client holding the token and sending JSON', async () => {
    const answer = await send(
      guarded,
      'POST',
      '/__control/premium',
      own(),
      '{"asset":"BTC","annualized":0.3}',
    );
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ asset: 'BTC', carry: 0.3 });
    const state = await send(guarded, 'GET', '/__control/state', { ...own(), 'Content-Type': '' });
    expect(state.status).toBe(200);
  });

  it('leaves the market alone for a text/plain post, as any web page can send it blind', async () => {
    const answer = await send(
      guarded,
      'POST',
      '/__control/regime',
      { ...own(), 'Content-Type': 'text/plain;charset=UTF-8' },
      deepBackwardation,
    );
    expect(answer.status).toBe(415);
    expect(answer.body).toMatch(/application\/json/);
    expect(ethRegime()).toBe('euphoria');
  });

  it('refuses a request addressed to a foreign host name, as a rebound DNS name would send it', async () => {
    const answer = await send(
      guarded,
      'POST',
      '/__control/regime',
      { ...own(), Host: `attacker.example:${guarded.port}` },
      deepBackwardation,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/host/i);
    expect(ethRegime()).toBe('euphoria');
  });

  it('refuses a request from a foreign page, even with the token', async () => {
    const answer = await send(
      guarded,
      'POST',
      '/__control/regime',
      { ...own(), Origin: 'https://attacker.example' },
      deepBackwardation,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/origin/i);
    expect(ethRegime()).toBe('euphoria');
  });

  it('refuses a missing or wrong token, for reading the state as for changing it', async () => {
    const { Authorization: _, ...withoutToken } = own();
    const wrong = { ...own(), Authorization: `Bearer ${createControlToken()}` };
    for (const headers of [withoutToken, wrong]) {
      const change = await send(guarded, 'POST', '/__control/regime', headers, deepBackwardation);
      expect(change.status).toBe(401);
      expect(change.body).toMatch(/token/);
      expect((await send(guarded, 'GET', '/__control/state', headers)).status).toBe(401);
    }
    expect(ethRegime()).toBe('euphoria');
  });

  it('is off when the simulator was started without a control token', async () => {
    const headers = { ...own(), Host: `127.0.0.1:${unguarded.port}` };
    const answer = await send(unguarded, 'POST', '/__control/regime', headers, deepBackwardation);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(/control interface is off/);
    const eth = unguarded.control.state().assets.find((a) => a.asset === 'ETH');
    expect(eth?.pinned).toBe(false);
    expect((await send(unguarded, 'GET', '/__control/state', headers)).status).toBe(404);
  });

  it('refuses a body that is not the route’s JSON, naming what is wrong', async () => {
    const unknownField = await send(
      guarded,
      'POST',
      '/__control/faults',
      own(),
      '{"rate429":0,"colour":"red"}',
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toMatch(/colour/);
    const notJson = await send(guarded, 'POST', '/__control/advance', own(), '{ms: 5}');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatch(/JSON/);
  });
});
