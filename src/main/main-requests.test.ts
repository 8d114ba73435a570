import { describe, expect, it, vi } from 'vitest';
import { PremiaError } from '../shared/errors';
import { RPC_ERRORS } from '../shared/rpc';
import { fakeSafeStorage, withoutNotifications } from './fake-safe-storage';
import type { MainHandlers, SafeStorageLike } from './main-requests';
import { answerMainRequest, safeStorageHandlers, safeStorageStatus } from './main-requests';

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

  it('names the Linux backend Electron chose, so a weak one can be told apart', async () => {
    await expect(safeStorageStatus(storage(true, 'gnome_libsecret'), 'linux')).resolves.toEqual({
      available: true,
      backend: 'gnome_libsecret',
    });
    expect((await safeStorageStatus(storage(true, 'basic_text'), 'linux')).backend).toBe(
      'basic_text',
    );
  });

  it('names the system keystore on macOS and Windows', async () => {
    await expect(safeStorageStatus(storage(true), 'darwin')).resolves.toEqual({
      available: true,
      backend: 'keychain',
    });
    await expect(safeStorageStatus(storage(false), 'win32')).resolves.toEqual({
      available: false,
      backend: 'dpapi',
    });
  });

  it('says unknown where Electron names no backend', async () => {
    await expect(safeStorageStatus(storage(false), 'linux')).resolves.toEqual({
      available: false,
      backend: 'unknown',
    });
  });

  it('asks the asynchronous check where Electron offers it', async () => {
    const both: SafeStorageLike = {
      isEncryptionAvailable: () => false,
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
    };
    await expect(safeStorageStatus(both, 'darwin')).resolves.toEqual({
      available: true,
      backend: 'keychain',
    });
  });
});

describe('answerMainRequest', () => {
  const handlers = withoutNotifications(
    safeStorageHandlers(fakeSafeStorage({ backend: 'kwallet6' }), 'linux'),
  );

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
      answerMainRequest(
        { ...handlers, safeStorageStatus: safe },
        request('main.safeStorageStatus', { x: 1 }),
      ),
    ).resolves.toMatchObject({
      error: { code: RPC_ERRORS.invalidParams, data: { code: 'invalid-input' } },
    });
    expect(safe).not.toHaveBeenCalled();
  });

  it('answers a handler’s fault without its details, and logs it', async () => {
    const log = vi.fn();
    const failing: MainHandlers = {
      ...handlers,
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
      ...handlers,
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

describe('safeStorageHandlers', () => {
  const keyText = Buffer.alloc(32, 7).toString('base64');

  it('encrypts and decrypts the remembered key through safeStorage, base64 both ways', async () => {
    const handlers = withoutNotifications(safeStorageHandlers(fakeSafeStorage(), 'linux'));
    const { encrypted } = await handlers.safeStorageEncrypt({ plain: keyText });
    expect(encrypted).not.toContain(keyText);
    await expect(handlers.safeStorageDecrypt({ encrypted })).resolves.toEqual({
      plain: keyText,
      shouldReEncrypt: false,
    });
  });

  it('passes on that safeStorage wants the key encrypted again', async () => {
    const handlers = withoutNotifications(
      safeStorageHandlers(fakeSafeStorage({ rotated: true }), 'darwin'),
    );
    const { encrypted } = await handlers.safeStorageEncrypt({ plain: keyText });
    await expect(handlers.safeStorageDecrypt({ encrypted })).resolves.toMatchObject({
      shouldReEncrypt: true,
    });
  });

  it('refuses to encrypt with the fixed-password backend, saying why', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const encrypt = vi.spyOn(storage, 'encryptStringAsync');
    const handlers = withoutNotifications(safeStorageHandlers(storage, 'linux'));
    await expect(handlers.safeStorageEncrypt({ plain: keyText })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('fixed password') as unknown,
    });
    expect(encrypt).not.toHaveBeenCalled();
  });

  it('refuses to encrypt where safeStorage is not available', async () => {
    const handlers = withoutNotifications(
      safeStorageHandlers(fakeSafeStorage({ available: false }), 'win32'),
    );
    await expect(handlers.safeStorageEncrypt({ plain: keyText })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('says in words that a blob it cannot decrypt could not be decrypted', async () => {
    const handlers = withoutNotifications(safeStorageHandlers(fakeSafeStorage(), 'linux'));
    await expect(
      handlers.safeStorageDecrypt({ encrypted: Buffer.from('garbage').toString('base64') }),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('decrypted') });
  });

  it('refuses text that is not base64 before safeStorage sees it', async () => {
    const storage = fakeSafeStorage();
    const encrypt = vi.spyOn(storage, 'encryptStringAsync');
    const reply = await answerMainRequest(
      withoutNotifications(safeStorageHandlers(storage, 'linux')),
      request('main.safeStorageEncrypt', { plain: 'not base64!' }),
    );
    expect(reply).toMatchObject({ error: { code: RPC_ERRORS.invalidParams } });
    expect(JSON.stringify(reply)).not.toContain('not base64!');
    expect(encrypt).not.toHaveBeenCalled();
  });
});
