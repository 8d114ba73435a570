// JSON-RPC 2.0 framing, spoken by the headless host's WebSocket and by the desktop app between its
// main process and its services process.
import { z } from 'zod';
import type { ErrorPayload } from './errors';
import { PremiaError, errorPayloadSchema } from './errors';

export const RPC_PATH = '/rpc';

export const rpcIdSchema = z.union([z.number().int(), z.string().max(64)]);
export type RpcId = z.infer<typeof rpcIdSchema>;

export const rpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: rpcIdSchema,
  method: z.string().max(64),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

export const rpcResponseSchema = z.union([
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.number(), z.string()]),
    result: z.unknown(),
  }),
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.number(), z.string(), z.null()]),
    error: z.object({ code: z.number(), message: z.string(), data: errorPayloadSchema.optional() }),
  }),
]);
export type RpcResponse = z.infer<typeof rpcResponseSchema>;

/** A message that wants no answer: a request without an id. */
export const rpcNotificationSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().max(64),
  params: z.unknown().optional(),
});
export type RpcNotification = z.infer<typeof rpcNotificationSchema>;

export const rpcEventSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.literal('event'),
  params: z.unknown(),
});

/** What answering a request gives: `result` or `error`, never both. */
export type RpcReply =
  | { jsonrpc: '2.0'; id: RpcId; result: unknown }
  | {
      jsonrpc: '2.0';
      id: RpcId | null;
      error: { code: number; message: string; data?: ErrorPayload };
    };

/** JSON-RPC error numbers used on the wire; the app's own code travels in `data`. */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  app: -32000,
} as const;

export function rpcFailure(
  id: RpcId | null,
  code: number,
  message: string,
  data?: ErrorPayload,
): RpcReply {
  return data === undefined
    ? { jsonrpc: '2.0', id, error: { code, message } }
    : { jsonrpc: '2.0', id, error: { code, message, data } };
}

/** A message's request id when one can be read, so even a malformed request is answered to its caller. */
export function readableId(message: unknown): RpcId | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const { id } = message;
  return (typeof id === 'number' && Number.isInteger(id)) ||
    (typeof id === 'string' && id.length <= 64)
    ? id
    : null;
}

/** The PremiaError an RPC error stands for: the app's own payload when it carries one. */
export function errorFromRpc(error: unknown): PremiaError {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const payload = errorPayloadSchema.safeParse(error.data);
    if (payload.success) return PremiaError.fromPayload(payload.data);
  }
  const message =
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
      ? error.message
      : 'Premia could not complete the request.';
  return new PremiaError('internal', message);
}
