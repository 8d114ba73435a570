import { describe, expect, it, vi } from 'vitest';
import type { PremiaApi } from '../shared/api';
import { API_METHODS } from '../shared/api';
import { PremiaError } from '../shared/errors';
import { RPC_ERRORS } from '../shared/rpc';
import { answerRpc, eventMessage, refuseRpc } from './rpc';

function fakeApi(overrides: Partial<PremiaApi> = {}): PremiaApi {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS)
    api[method] = () => Promise.reject(new Error('not used in this test'));
  return { ...api, ...overrides } as PremiaApi;
}

const request = (method: string, params?: unknown, id: number | string = 1) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('answerRpc', () => {
  it('answers a method that returns nothing with a null result, so the reply stays valid JSON-RPC', async () => {
    const dismissNotice = vi.fn(async () => undefined);
    const reply = await answerRpc(
      fakeApi({ dismissNotice }),
      request('dismissNotice', 'n-1', 'abc'),
    );
    expect(reply).toEqual({ jsonrpc: '2.0', id: 'abc', result: null });
    expect(dismissNotice).toHaveBeenCalledWith('n-1');
  });

  it('carries an app error in the error data', async () => {
    const api = fakeApi({
      getSnapshot: () => Promise.reject(new PremiaError('stale', 'Prices are old')),
    });
    expect(await answerRpc(api, request('getSnapshot'))).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: RPC_ERRORS.app,
        message: 'Prices are old',
        data: { code: 'stale', message: 'Prices are old' },
      },
    });
  });

  it('hides the message of an unexpected error and logs it instead', async () => {
    const failure = new Error('socket hang up at https://api.example/secret-path');
    const log = vi.fn();
    const reply = await answerRpc(
      fakeApi({ getSnapshot: () => Promise.reject(failure) }),
      request('getSnapshot'),
      {
        log,
      },
    );
    expect(reply).toMatchObject({ error: { code: RPC_ERRORS.app, data: { code: 'internal' } } });
    expect(JSON.stringify(reply)).not.toContain('secret-path');
    expect(log).toHaveBeenCalledWith('getSnapshot failed', failure);
  });

  it('does not treat inherited object properties as methods', async () => {
    for (const method of ['constructor', '__proto__', 'hasOwnProperty']) {
      const reply = await answerRpc(fakeApi({}), request(method));
      expect(reply).toMatchObject({ error: { code: RPC_ERRORS.methodNotFound } });
    }
  });

  it('answers a batch, which the API does not take, as an invalid request', async () => {
    const reply = await answerRpc(fakeApi({}), `[${request('getSettings')}]`);
    expect(reply).toMatchObject({ id: null, error: { code: RPC_ERRORS.invalidRequest } });
  });
});

describe('refuseRpc', () => {
  const busy = new PremiaError('rate-limited', 'Too many requests at once.');

  it("answers the caller's id with the refusal in words and its code in the data", () => {
    expect(refuseRpc(request('getSettings', undefined, 'call-7'), busy)).toEqual({
      jsonrpc: '2.0',
      id: 'call-7',
      error: {
        code: RPC_ERRORS.app,
        message: 'Too many requests at once.',
        data: { code: 'rate-limited', message: 'Too many requests at once.' },
      },
    });
  });

  it('answers without an id a message whose id cannot be read', () => {
    expect(refuseRpc('{ not json', busy)).toMatchObject({
      id: null,
      error: { code: RPC_ERRORS.app },
    });
  });
});

describe('eventMessage', () => {
  it('frames an event as a JSON-RPC notification', () => {
    const event = {
      type: 'notice',
      notice: { id: 'n', level: 'info', message: 'm', at: 1 },
    } as const;
    expect(JSON.parse(eventMessage(event))).toEqual({
      jsonrpc: '2.0',
      method: 'event',
      params: event,
    });
  });
});
