// What the services process may ask of main: the things only Electron's main process can do. Each
// request is checked against its schema on the way in and its answer on the way out.
import { PremiaError, invalidInput, toErrorPayload } from '../shared/errors';
import type { RpcReply, RpcRequest } from '../shared/rpc';
import { RPC_ERRORS, rpcFailure } from '../shared/rpc';
import type {
  MainMethod,
  MainParams,
  MainResult,
  SafeStorageStatus,
} from '../shared/services-protocol';
import { mainMethodOf, mainRequestSchemas, safeStorageProblem } from '../shared/services-protocol';

export type MainHandlers = {
  [M in MainMethod]: (params: MainParams<M>) => MainResult<M> | Promise<MainResult<M>>;
};

/** The parts of Electron's safeStorage the status reads. */
export interface SafeStorageLike {
  /** Deprecated in Electron; used only where the asynchronous check is missing. */
  isEncryptionAvailable(): boolean;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

/** The parts of Electron's safeStorage that keep the vault's remembered key. */
export interface SafeStorageCrypto extends SafeStorageLike {
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/**
 * Whether exchange keys could be encrypted at rest here, and by what. On Linux Electron picks a
 * backend at start-up; `basic_text` means a fixed password, which a key vault must treat as weak.
 */
export async function safeStorageStatus(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<SafeStorageStatus> {
  const available = safeStorage.isAsyncEncryptionAvailable
    ? await safeStorage.isAsyncEncryptionAvailable()
    : safeStorage.isEncryptionAvailable();
  if (platform === 'darwin') return { available, backend: 'keychain' };
  if (platform === 'win32') return { available, backend: 'dpapi' };
  return { available, backend: safeStorage.getSelectedStorageBackend?.() || 'unknown' };
}

/**
 * What main answers the services with: safeStorage's status, and encrypting and decrypting the
 * vault's remembered key. Encrypting is refused where safeStorage would not protect the key, whatever
 * the services believe, so a weak backend never holds it.
 */
export function safeStorageHandlers(
  safeStorage: SafeStorageCrypto,
  platform: NodeJS.Platform,
): Pick<MainHandlers, 'safeStorageStatus' | 'safeStorageEncrypt' | 'safeStorageDecrypt'> {
  return {
    safeStorageStatus: () => safeStorageStatus(safeStorage, platform),
    async safeStorageEncrypt({ plain }) {
      const problem = safeStorageProblem(await safeStorageStatus(safeStorage, platform));
      if (problem !== null) {
        throw new PremiaError('unavailable', `The key cannot be remembered: ${problem}.`);
      }
      const encrypted = await safeStorage.encryptStringAsync(plain);
      return { encrypted: encrypted.toString('base64') };
    },
    async safeStorageDecrypt({ encrypted }) {
      const { result, shouldReEncrypt } = await safeStorage
        .decryptStringAsync(Buffer.from(encrypted, 'base64'))
        .catch(() => {
          throw new PremiaError(
            'unavailable',
            'The remembered key could not be decrypted by this system.',
          );
        });
      return { plain: result, shouldReEncrypt };
    },
  };
}

/** Answers one request from the services process with the handler for its method. */
export async function answerMainRequest(
  handlers: MainHandlers,
  request: RpcRequest,
  log: (message: string, error: unknown) => void = () => undefined,
): Promise<RpcReply> {
  const method = mainMethodOf(request.method);
  if (method === null) {
    return rpcFailure(request.id, RPC_ERRORS.methodNotFound, `Method not found: ${request.method}`);
  }
  const schemas = mainRequestSchemas[method];
  const params = schemas.params.safeParse(request.params);
  if (!params.success) {
    const problem = invalidInput(params.error, request.method);
    return rpcFailure(request.id, RPC_ERRORS.invalidParams, problem.message, problem.toPayload());
  }
  try {
    // The params were parsed by this very method's schema, which TypeScript cannot follow.
    const handler = handlers[method] as (params: unknown) => unknown;
    const result = schemas.result.parse(await handler(params.data));
    return { jsonrpc: '2.0', id: request.id, result };
  } catch (error) {
    if (!(error instanceof PremiaError)) log(`${request.method} failed`, error);
    const payload = toErrorPayload(error);
    return rpcFailure(request.id, RPC_ERRORS.app, payload.message, payload);
  }
}
