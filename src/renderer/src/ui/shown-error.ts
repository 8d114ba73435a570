// What the UI shows of a failed call: the app's own message and the offending field when it names one.
import { ERROR_CODES, PremiaError, type ErrorCode } from '../../../shared/errors';

export interface ShownError {
  message: string;
  /** Dotted path of the refused input, when the host named one. */
  field: string | null;
  code: ErrorCode;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function shownError(error: unknown): ShownError {
  if (error instanceof PremiaError) {
    return { message: error.message, field: error.field ?? null, code: error.code };
  }
  // A client may rebuild errors as plain objects (structured clone drops the class across IPC).
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message, code, field } = error as { message: unknown; code?: unknown; field?: unknown };
    if (typeof message === 'string' && isErrorCode(code)) {
      return { message, field: typeof field === 'string' ? field : null, code };
    }
  }
  return {
    message: 'Premia could not complete the request. Check that it is still running.',
    field: null,
    code: 'internal',
  };
}
