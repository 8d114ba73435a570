// Answers JSON-RPC 2.0 requests for the API, one text message at a time.
import type { PremiaApi, PremiaEvent } from '../shared/api';
import type { ErrorPayload } from '../shared/errors';
import { PremiaError, toErrorPayload } from '../shared/errors';
import { RPC_ERRORS, rpcRequestSchema } from '../shared/rpc';
import { callApi, isApiMethod, parseApiInput } from '../shared/dispatch';

type RpcId = number | string | null;

export type RpcReply =
  | { jsonrpc: '2.0'; id: number | string; result: unknown }
  | { jsonrpc: '2.0'; id: RpcId; error: { code: number; message: string; data?: ErrorPayload } };

function failure(id: RpcId, code: number, message: string, data?: ErrorPayload): RpcReply {
  return data === undefined
    ? { jsonrpc: '2.0', id, error: { code, message } }
    : { jsonrpc: '2.0', id, error: { code, message, data } };
}

/** The request id when one can be read, so even a malformed request is answered to its caller. */
function readableId(message: unknown): RpcId {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const { id } = message;
  return (typeof id === 'number' && Number.isInteger(id)) ||
    (typeof id === 'string' && id.length <= 64)
    ? id
    : null;
}

export interface AnswerOptions {
  /** Records failures that are not the app's own errors; never sent to the client. */
  log?: (message: string, error: unknown) => void;
}

/** Answers one message; the reply always carries `result` or `error`, never both. */
export async function answerRpc(
  api: PremiaApi,
  text: string,
  options: AnswerOptions = {},
): Promise<RpcReply> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return failure(null, RPC_ERRORS.parse, 'Parse error: the message is not JSON');
  }
  const request = rpcRequestSchema.safeParse(message);
  if (!request.success) {
    return failure(
      readableId(message),
      RPC_ERRORS.invalidRequest,
      'Invalid request: not a JSON-RPC 2.0 call',
    );
  }
  const { id, method, params } = request.data;
  if (!isApiMethod(method))
    return failure(id, RPC_ERRORS.methodNotFound, `Method not found: ${method}`);
  const input = parseApiInput(method, params);
  if (!input.ok) {
    return failure(id, RPC_ERRORS.invalidParams, input.error.message, input.error.toPayload());
  }
  try {
    const value = await callApi(api, method, input.input);
    // JSON has no undefined: a method that returns nothing answers null.
    return { jsonrpc: '2.0', id, result: value ?? null };
  } catch (error) {
    if (!(error instanceof PremiaError)) options.log?.(`${method} failed`, error);
    const payload = toErrorPayload(error);
    return failure(id, RPC_ERRORS.app, payload.message, payload);
  }
}

/** Answers a message the host will not run with `error`, to its caller when its id can be read. */
export function refuseRpc(text: string, error: PremiaError): RpcReply {
  let message: unknown = null;
  try {
    message = JSON.parse(text);
  } catch {
    // Not JSON: refused all the same, without an id.
  }
  return failure(readableId(message), RPC_ERRORS.app, error.message, error.toPayload());
}

export function eventMessage(event: PremiaEvent): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'event', params: event });
}
