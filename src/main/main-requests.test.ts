import { describe, expect, it, vi } from 'vitest';
import { PremiaError } from '../shared/errors';
import { RPC_ERRORS } from '../shared/rpc';
import type { MainHandlers, SafeStorageLike } from './main-requests';
import { answerMainRequest, safeStorageStatus } from './main-requests';

const request = (method: string, params?: unknown) => ({
  jsonrpc: '2.0' as const,
  id: 5,
  method,
  ...(params === undefined ? {} : { params }),
});

describe('safeStorageStatus', () => {
  const storage = (available: boolean, backend?: string): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  });

  it('names the Linux backend Electron chose, so a weak one can be told apart', () => {
    expect(safeStorageStatus(storage(true, 'gnome_libsecret'), 'linux')).toEqual({
      available: true,
      backend: 'gnome_libsecret',
    });
    expect(safeStorageStatus(storage(true, 'basic_text'), 'linux').backend).toBe('basic_text');
  });

  it('names the system keystore on macOS and Windows', () => {
    expect(safeStorageStatus(storage(true), 'darwin')).toEqual({
      available: true,
      backend: 'keychain',
    });
    expect(safeStorageStatus(storage(false), 'win32')).toEqual({
      available: false,
      backend: 'dpapi',
    });
  });

  it('says unknown where Electron names no backend', () => {
    expect(safeStorageStatus(storage(false), 'linux')).toEqual({
      available: false,
      backend: 'unknown',
    });
  });
});

describe('answerMainRequest', () => {
  const handlers: MainHandlers = {
    safeStorageStatus: () => ({ available: true, backend: 'kwallet6' }),
  };

  it('answers a request to main with its handler’s result', async () => {
    await expect(answerMainRequest(handlers, request('main.safeStorageStatus'))).resolves.toEqual({
      jsonrpc: '2.0',
      id: 5,
      result: { available: true, backend: 'kwallet6' },
    });
  });

  it('refuses a method main does not offer, API methods included', async () => {
    for (const method of [
      'main.openDevTools',
      'getSettings',
      'main.constructor',
      'main.__proto__',
    ]) {
      await expect(answerMainRequest(handlers, request(method))).resolves.toMatchObject({
        id: 5,
        error: { code: RPC_ERRORS.methodNotFound },
      });
    }
  });

  it('refuses params the method does not take', async () => {
    const safe = vi.fn(handlers.safeStorageStatus);
    await expect(
      answerMainRequest({ safeStorageStatus: safe }, request('main.safeStorageStatus', { x: 1 })),
    ).resolves.toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, data: { code: 'invalid-input' } },
    });
    expect(safe).not.toHaveBeenCalled();
  });

  it('answers a handler’s fault without its details, and logs it', async () => {
    const log = vi.fn();
    const failing: MainHandlers = {
      safeStorageStatus: () => {
        throw new Error('keyring daemon at /run/user/1000/secret crashed');
      },
    };
    const reply = await answerMainRequest(failing, request('main.safeStorageStatus'), log);
    expect(reply).toMatchObject({ error: { code: RPC_ERRORS.app, data: { code: 'internal' } } });
    expect(JSON.stringify(reply)).not.toContain('/run/user');
    expect(log).toHaveBeenCalledOnce();
  });

  it('carries a handler’s PremiaError as it is', async () => {
    const refusing: MainHandlers = {
      safeStorageStatus: () => {
        throw new PremiaError('unavailable', 'Not before the app is ready.');
      },
    };
    await expect(
      answerMainRequest(refusing, request('main.safeStorageStatus')),
    ).resolves.toMatchObject({
      error: { data: { code: 'unavailable', message: 'Not before the app is ready.' } },
    });
  });

  it('checks its own answer against the method’s schema before sending it', async () => {
    const wrong = { safeStorageStatus: () => ({ available: 'yes' }) } as unknown as MainHandlers;
    await expect(
      answerMainRequest(wrong, request('main.safeStorageStatus')),
    ).resolves.toMatchObject({
      error: { data: { code: 'internal' } },
    });
  });
});
