// One end of a JSON-RPC 2.0 conversation over a channel that carries objects (Electron's
// utility-process port, Node's IPC): it sends requests and matches their answers by id, answers
// the other end's requests and hears its notifications. The desktop app's main process and its
// services process each hold one, so either side can ask the other.
import { PremiaError } from './errors';
import type { RpcReply, RpcRequest } from './rpc';
import {
  RPC_ERRORS,
  errorFromRpc,
  readableId,
  rpcFailure,
  rpcNotificationSchema,
  rpcRequestSchema,
  rpcResponseSchema,
} from './rpc';

export interface RpcPeerOptions {
  /** Sends one message to the other end; may throw when the channel is gone. */
  post(message: unknown): void;
  /** Answers one request from the other end. */
  answer(request: RpcRequest): Promise<RpcReply>;
  /** Hears one notification from the other end. */
  notified?(method: string, params: unknown): void;
  /** Told of messages that fit no JSON-RPC shape, answers to no request and failed sends. */
  log?(message: string, detail?: unknown): void;
}

export interface RpcPeer {
  /** Asks the other end; settles with its result, or rejects with the PremiaError it answered. */
  request(method: string, params?: unknown): Promise<unknown>;
  notify(method: string, params?: unknown): void;
  /** Hands the peer one message that arrived from the other end. */
  receive(message: unknown): void;
  /** Fails every request still waiting, and every later one, with `error` (the other end is gone). */
  stop(error: PremiaError): void;
  /** How many of this end's requests await an answer. */
  readonly waiting: number;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: PremiaError): void;
}

export function createRpcPeer(options: RpcPeerOptions): RpcPeer {
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let stopped: PremiaError | null = null;
  const log = options.log ?? (() => undefined);

  const post = (message: unknown): boolean => {
    try {
      options.post(message);
      return true;
    } catch (error) {
      log('a message could not be sent', error);
      return false;
    }
  };

  const answer = (message: object): void => {
    const request = rpcRequestSchema.safeParse(message);
    if (!request.success) {
      post(
        rpcFailure(
          readableId(message),
          RPC_ERRORS.invalidRequest,
          'Invalid request: not a JSON-RPC 2.0 call',
        ),
      );
      return;
    }
    options.answer(request.data).then(
      (reply) => void post(reply),
      (error: unknown) => {
        // Answerers reply with errors rather than throw; one that throws still gets its caller an answer.
        log(`answering ${request.data.method} failed`, error);
        post(
          rpcFailure(request.data.id, RPC_ERRORS.app, 'Premia could not complete the request.', {
            code: 'internal',
            message: 'Premia could not complete the request.',
          }),
        );
      },
    );
  };

  const settle = (message: object): void => {
    const response = rpcResponseSchema.safeParse(message);
    if (!response.success) {
      log('a message that is not JSON-RPC 2.0 was ignored');
      return;
    }
    const { id } = response.data;
    const call = typeof id === 'number' ? waiting.get(id) : undefined;
    if (call === undefined) {
      log(`an answer to no waiting request (id ${String(id)}) was ignored`);
      return;
    }
    waiting.delete(id as number);
    if ('error' in response.data) call.reject(errorFromRpc(response.data.error));
    else call.resolve(response.data.result);
  };

  return {
    request(method, params) {
      if (stopped) return Promise.reject(stopped);
      const id = nextId++;
      return new Promise<unknown>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const message =
          params === undefined
            ? { jsonrpc: '2.0', id, method }
            : { jsonrpc: '2.0', id, method, params };
        if (!post(message)) {
          waiting.delete(id);
          reject(
            stopped ??
              new PremiaError('unavailable', 'The other Premia process cannot be reached.'),
          );
        }
      });
    },

    notify(method, params) {
      if (stopped) return;
      post(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
    },

    receive(message) {
      if (typeof message !== 'object' || message === null) {
        log('a message that is not JSON-RPC 2.0 was ignored');
        return;
      }
      if (!('method' in message)) {
        settle(message);
        return;
      }
      if ('id' in message) {
        answer(message);
        return;
      }
      const notification = rpcNotificationSchema.safeParse(message);
      if (notification.success)
        options.notified?.(notification.data.method, notification.data.params);
      else log('a notification that is not JSON-RPC 2.0 was ignored');
    },

    stop(error) {
      stopped ??= error;
      const calls = [...waiting.values()];
      waiting.clear();
      for (const call of calls) call.reject(error);
    },

    get waiting() {
      return waiting.size;
    },
  };
}
