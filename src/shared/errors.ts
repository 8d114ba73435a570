// Errors that cross a process boundary: a stable code the UI can act on, a message for people.
import { z } from 'zod';
import { issueText } from './issue-text';

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'unavailable',
  'offline',
  'rate-limited',
  'auth',
  'locked',
  'stale',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorPayloadSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Dotted path of the offending input field, for `invalid-input`. */
  field: z.string().optional(),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export class PremiaError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'PremiaError';
    this.code = code;
    this.field = field;
  }

  toPayload(): ErrorPayload {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }

  static fromPayload(payload: ErrorPayload): PremiaError {
    return new PremiaError(payload.code, payload.message, payload.field);
  }
}

/**
 * Turns a zod failure into one readable error naming the first offending field, worded for people
 * (see `issueText`). An unknown key, which zod reports on its parent object, is named as the field
 * itself: `signal.colour: is not a known field`.
 */
export function invalidInput(
  error: z.ZodError,
  prefix = '',
  unknownKeyMessage = 'is not a known field',
): PremiaError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)];
  if (issue?.code === 'unrecognized_keys' && issue.keys.length > 0) {
    const field = [...path, issue.keys[0]].filter(Boolean).join('.');
    return new PremiaError('invalid-input', `${field}: ${unknownKeyMessage}`, field);
  }
  const field = path.filter(Boolean).join('.');
  const text = issue ? issueText(issue) : 'is not valid';
  if (field) return new PremiaError('invalid-input', `${field}: ${text}`, field);
  // A phrase made to follow a field's name needs a subject of its own.
  return new PremiaError('invalid-input', /^[a-z]/.test(text) ? `The input ${text}` : text);
}

/**
 * What may be shown of any thrown value: a PremiaError as it is, anything else as an internal error
 * whose message carries no detail (details can hold request URLs or headers).
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof PremiaError) return error.toPayload();
  return {
    code: 'internal',
    message: 'Something went wrong inside Premia; see the log for details.',
  };
}
