// JSON-RPC 2.0 framing for the headless host's WebSocket.
import { z } from 'zod';
import { errorPayloadSchema } from './errors';

export const RPC_PATH = '/rpc';

export const rpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number().int(), z.string().max(64)]),
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

export const rpcEventSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.literal('event'),
  params: z.unknown(),
});

/** JSON-RPC error numbers used on the wire; the app's own code travels in `data`. */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  app: -32000,
} as const;
