// Calls one API method by name with input that has not been trusted yet: shared by both transports.
import type { ApiMethod, PremiaApi } from './api';
import { API_METHODS, apiInputSchemas } from './api';
import type { ErrorPayload, PremiaError } from './errors';
import { invalidInput } from './errors';

/**
 * What an IPC invoke answers. Electron flattens a thrown error into a string, so the app's error
 * travels as data and the preload hands it back to the renderer's client.
 */
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

export type ParsedInput = { ok: true; input: unknown } | { ok: false; error: PremiaError };

/** Validates a method's input with its schema; the error names the first offending field. */
export function parseApiInput(method: ApiMethod, input: unknown): ParsedInput {
  const parsed = apiInputSchemas[method].safeParse(input);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, error: invalidInput(parsed.error) };
}

/** Calls a method with input already parsed by `parseApiInput`. */
export function callApi(api: PremiaApi, method: ApiMethod, input: unknown): Promise<unknown> {
  const call = api[method] as (this: PremiaApi, arg?: unknown) => Promise<unknown>;
  return call.call(api, input);
}
