import { describe, expect, it, vi } from 'vitest';
import { PremiaError } from './errors';
import { fakeApi } from './fake-api';
import { RPC_ERRORS } from './rpc';
import { answerRpc, answerRpcMessage, eventMessage, refuseRpc } from './rpc-answer';

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

describe('answerRpcMessage', () => {
  it('answers a message that arrived as an object just as it answers the same message as text', async () => {
    const api = fakeApi({ dismissNotice: async () => undefined });
    const message = { jsonrpc: '2.0', id: 4, method: 'dismissNotice', params: 'n-2' };
    expect(await answerRpcMessage(api, message)).toEqual(
      await answerRpc(api, JSON.stringify(message)),
    );
    expect(await answerRpcMessage(api, message)).toEqual({ jsonrpc: '2.0', id: 4, result: null });
  });

  it('refuses an object that is not a JSON-RPC call, answering to its id when it has one', async () => {
    expect(await answerRpcMessage(fakeApi(), { id: 9, method: 'getSettings' })).toMatchObject({
      id: 9,
      error: { code: RPC_ERRORS.invalidRequest },
    });
  });

  it('refuses invalid params with the field named, without calling the API', async () => {
    const updateSettings = vi.fn();
    const reply = await answerRpcMessage(fakeApi({ updateSettings }), {
      jsonrpc: '2.0',
      id: 1,
      method: 'updateSettings',
      params: { nonsense: true },
    });
    expect(reply).toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, data: { code: 'invalid-input' } },
    });
    expect(updateSettings).not.toHaveBeenCalled();
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
