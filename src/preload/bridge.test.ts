import { describe, expect, it } from 'vitest';
import type { PremiaEvent } from '../shared/api';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../shared/api';
import type { IpcRendererLike } from './bridge';
import { createPreloadClient } from './bridge';

type Relay = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(answer: (channel: string, input: unknown) => unknown) {
  const invoked: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<Relay>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args[0]]);
      return answer(channel, args[0]);
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: 'ipc internals' }, payload));
  return { ipc, invoked, emit, listeners };
}

describe('createPreloadClient', () => {
  it('exposes the API methods and onEvent, and nothing else', () => {
    const client = createPreloadClient(fakeIpcRenderer(() => ({ ok: true, value: null })).ipc);
    expect(Object.keys(client).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    expect(Object.isFrozen(client)).toBe(true);
  });

  it('invokes the method channel with the input and resolves with the value', async () => {
    const fake = fakeIpcRenderer(() => ({ ok: true, value: { evaluated: true } }));
    const client = createPreloadClient(fake.ipc);
    const input = { kind: 'funding', rate: 0.0001, intervalHours: 8 } as const;
    await expect(client.evaluateQuote(input)).resolves.toEqual({ evaluated: true });
    expect(fake.invoked).toEqual([[`${IPC_INVOKE_PREFIX}evaluateQuote`, input]]);
  });

  it('rejects with the app error payload as a plain object that survives the context bridge', async () => {
    const error = { code: 'invalid-input', message: 'spot: must be above 0', field: 'spot' };
    const client = createPreloadClient(fakeIpcRenderer(() => ({ ok: false, error })).ipc);
    const reason: unknown = await client.getSettings().then(
      () => null,
      (e: unknown) => e,
    );
    expect(reason).toEqual(error);
    expect(reason).not.toBeInstanceOf(Error);
  });

  it('rejects as internal when the answer is not an envelope', async () => {
    const client = createPreloadClient(fakeIpcRenderer(() => 'surprise').ipc);
    await expect(client.getSettings()).rejects.toMatchObject({ code: 'internal' });
  });

  it('rejects as unavailable when the main process does not answer', async () => {
    const client = createPreloadClient({
      ...fakeIpcRenderer(() => null).ipc,
      invoke: () => Promise.reject(new Error("No handler registered for 'premia:getSettings'")),
    });
    await expect(client.getSettings()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('hands listeners only the event, and stops when unsubscribed', () => {
    const fake = fakeIpcRenderer(() => null);
    const client = createPreloadClient(fake.ipc);
    const heard: unknown[][] = [];
    const stop = client.onEvent((...args) => heard.push(args));
    const event: PremiaEvent = {
      type: 'notice',
      notice: { id: 'a', level: 'info', message: 'm', at: 0 },
    };
    fake.emit(IPC_EVENT_CHANNEL, event);
    expect(heard).toEqual([[event]]);
    stop();
    fake.emit(IPC_EVENT_CHANNEL, event);
    expect(heard).toHaveLength(1);
    expect(fake.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });
});
