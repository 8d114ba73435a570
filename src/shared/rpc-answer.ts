// Answers JSON-RPC 2.0 requests for the API: the one dispatch behind both hosts' transports (the
// headless host's WebSocket and the desktop app's services process).
import type { PremiaApi, PremiaEvent } from './api';
import { callApi, isApiMethod, parseApiInput } from './dispatch';
import { PremiaError, toErrorPayload } from './errors';
import type { RpcReply, RpcRequest } from './rpc';
import { RPC_ERRORS, readableId, rpcFailure, rpcRequestSchema } from './rpc';

export interface AnswerOptions {
  /** Records failures that are not the app's own errors; never sent to the caller. */
  log?: (message: string, error: unknown) => void;
}

/** Answers a request already read as JSON-RPC; the reply always carries `result` or `error`. */
export async function answerRpcRequest(
  api: PremiaApi,
  request: RpcRequest,
  options: AnswerOptions = {},
): Promise<RpcReply> {
  const { id, method, params } = request;
  if (!isApiMethod(method))
    return rpcFailure(id, RPC_ERRORS.methodNotFound, `Method not found: ${method}`);
  const input = parseApiInput(method, params);
  if (!input.ok) {
    return rpcFailure(id, RPC_ERRORS.invalidParams, input.error.message, input.error.toPayload());
  }
  try {
    const value = await callApi(api, method, input.input);
    // JSON has no undefined: a method that returns nothing answers null.
    return { jsonrpc: '2.0', id, result: value ?? null };
  } catch (error) {
    if (!(error instanceof PremiaError)) options.log?.(`${method} failed`, error);
    const payload = toErrorPayload(error);
    return rpcFailure(id, RPC_ERRORS.app, payload.message, payload);
  }
}

/** Answers one message that has been parsed but not yet checked. */
export function answerRpcMessage(
  api: PremiaApi,
  message: unknown,
  options: AnswerOptions = {},
): Promise<RpcReply> {
  const request = rpcRequestSchema.safeParse(message);
  if (!request.success) {
    return Promise.resolve(
      rpcFailure(
        readableId(message),
        RPC_ERRORS.invalidRequest,
        'Invalid request: not a JSON-RPC 2.0 call',
      ),
    );
  }
  return answerRpcRequest(api, request.data, options);
}

/** Answers one text message. */
export function answerRpc(
  api: PremiaApi,
  text: string,
  options: AnswerOptions = {},
): Promise<RpcReply> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return Promise.resolve(
      rpcFailure(null, RPC_ERRORS.parse, 'Parse error: the message is not JSON'),
    );
  }
  return answerRpcMessage(api, message, options);
}

/** Answers a message the host will not run with `error`, to its caller when its id can be read. */
export function refuseRpc(text: string, error: PremiaError): RpcReply {
  let message: unknown = null;
  try {
    message = JSON.parse(text);
  } catch {
    // Not JSON: refused all the same, without an id.
  }
  return rpcFailure(readableId(message), RPC_ERRORS.app, error.message, error.toPayload());
}

/** An app event framed as a JSON-RPC notification. */
export function eventNotification(event: PremiaEvent): {
  jsonrpc: '2.0';
  method: 'event';
  params: PremiaEvent;
} {
  return { jsonrpc: '2.0', method: 'event', params: event };
}

export function eventMessage(event: PremiaEvent): string {
  return JSON.stringify(eventNotification(event));
}
