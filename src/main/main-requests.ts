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
import { mainMethodOf, mainRequestSchemas } from '../shared/services-protocol';

export type MainHandlers = {
  [M in MainMethod]: (params: MainParams<M>) => MainResult<M> | Promise<MainResult<M>>;
};

/** The parts of Electron's safeStorage the status reads. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

/**
 * Whether exchange keys could be encrypted at rest here, and by what. On Linux Electron picks a
 * backend at start-up; `basic_text` means a fixed password, which a key vault must treat as weak.
 */
export function safeStorageStatus(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): SafeStorageStatus {
  const available = safeStorage.isEncryptionAvailable();
  if (platform === 'darwin') return { available, backend: 'keychain' };
  if (platform === 'win32') return { available, backend: 'dpapi' };
  return { available, backend: safeStorage.getSelectedStorageBackend?.() || 'unknown' };
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
    const result = schemas.result.parse(await handlers[method](params.data));
    return { jsonrpc: '2.0', id: request.id, result };
  } catch (error) {
    if (!(error instanceof PremiaError)) log(`${request.method} failed`, error);
    const payload = toErrorPayload(error);
    return rpcFailure(request.id, RPC_ERRORS.app, payload.message, payload);
  }
}
