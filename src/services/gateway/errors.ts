// What a failed exchange call means for the app: ccxt's error classes (and the venue's own codes
// inside them, which its adapter reads) mapped to a kind the gateway acts on — retry, back off, stop
// and ask about keys, or show — with a message for people that never carries a signed URL, a key or
// a secret.
import { PremiaError, type ErrorCode } from '../../shared/errors';
import { redact } from '../redaction';

export type GatewayErrorKind =
  | 'network'
  | 'offline'
  | 'timeout'
  | 'unavailable'
  | 'bad-response'
  | 'rate-limited'
  | 'region-refused'
  | 'auth'
  | 'clock'
  | 'bad-symbol'
  | 'invalid-order'
  /** A new order's client id is held by an open order: the one sent before is still working. */
  | 'duplicate-order'
  | 'insufficient-funds'
  | 'order-not-found'
  | 'rejected'
  | 'internal';

const CODE_OF: Record<GatewayErrorKind, ErrorCode> = {
  network: 'unavailable',
  offline: 'offline',
  timeout: 'unavailable',
  unavailable: 'unavailable',
  'bad-response': 'unavailable',
  'rate-limited': 'rate-limited',
  'region-refused': 'unavailable',
  auth: 'auth',
  clock: 'unavailable',
  'bad-symbol': 'not-found',
  'invalid-order': 'invalid-input',
  'duplicate-order': 'invalid-input',
  'insufficient-funds': 'invalid-input',
  'order-not-found': 'not-found',
  rejected: 'invalid-input',
  internal: 'internal',
};

const RETRYABLE: ReadonlySet<GatewayErrorKind> = new Set([
  'network',
  'offline',
  'timeout',
  'unavailable',
  'bad-response',
  'rate-limited',
]);

export class GatewayError extends PremiaError {
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  /** How long the venue asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;
  /** The venue's own error code, when it sent one. */
  readonly venueCode: number | null;
  /** What ccxt said, with URLs' query strings and credentials removed: for logs, not for people. */
  readonly detail: string;
  /** Set on order placement when the venue may have taken the order although its answer was lost. */
  readonly outcomeUnknown: boolean;

  constructor(
    kind: GatewayErrorKind,
    message: string,
    extra: {
      retryAfterMs?: number | null;
      venueCode?: number | null;
      detail?: string;
      outcomeUnknown?: boolean;
    } = {},
  ) {
    super(CODE_OF[kind], message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.retryable = RETRYABLE.has(kind);
    this.retryAfterMs = extra.retryAfterMs ?? null;
    this.venueCode = extra.venueCode ?? null;
    this.detail = extra.detail ?? '';
    this.outcomeUnknown = extra.outcomeUnknown ?? false;
  }
}

/** ccxt's error classes by name (they set `name` explicitly, so bundling cannot mangle it). */
const KIND_BY_CCXT_NAME: Record<string, GatewayErrorKind> = {
  AuthenticationError: 'auth',
  PermissionDenied: 'auth',
  AccountNotEnabled: 'auth',
  AccountSuspended: 'auth',
  BadSymbol: 'bad-symbol',
  InsufficientFunds: 'insufficient-funds',
  InvalidOrder: 'invalid-order',
  OrderImmediatelyFillable: 'invalid-order',
  OrderNotFillable: 'invalid-order',
  DuplicateOrderId: 'invalid-order',
  ContractUnavailable: 'invalid-order',
  OrderNotCached: 'invalid-order',
  OrderNotFound: 'order-not-found',
  ArgumentsRequired: 'rejected',
  BadRequest: 'rejected',
  OperationRejected: 'rejected',
  NoChange: 'rejected',
  MarginModeAlreadySet: 'rejected',
  MarketClosed: 'rejected',
  ManualInteractionNeeded: 'rejected',
  RestrictedLocation: 'region-refused',
  NotSupported: 'rejected',
  InvalidAddress: 'rejected',
  AddressPending: 'rejected',
  ExchangeError: 'rejected',
  DDoSProtection: 'rate-limited',
  RateLimitExceeded: 'rate-limited',
  RequestTimeout: 'timeout',
  InvalidNonce: 'clock',
  ExchangeNotAvailable: 'unavailable',
  OnMaintenance: 'unavailable',
  OperationFailed: 'unavailable',
  CancelPending: 'unavailable',
  NetworkError: 'network',
  ChecksumError: 'network',
  BadResponse: 'bad-response',
  NullResponse: 'bad-response',
};

const OFFLINE = /ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ENETDOWN|getaddrinfo/i;

/** Removes query strings (signatures, keys), credentials (see `redact`) and known secrets from text. */
export function sanitize(text: string, secrets: readonly string[] = []): string {
  const out = redact(text.replace(/(https?:\/\/[^\s?"'<>]+)\?[^\s"'<>]*/g, '$1?…'), secrets);
  return out.length > 2_000 ? `${out.slice(0, 2_000)}…` : out;
}

/** The venue's `{ code, msg }` inside a ccxt message, when there is one. */
export function venueMessage(text: string): { code: number | null; msg: string | null } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { code: null, msg: null };
  try {
    const parsed = JSON.parse(text.slice(start, end + 1)) as { code?: unknown; msg?: unknown };
    const code =
      typeof parsed.code === 'number'
        ? parsed.code
        : typeof parsed.code === 'string'
          ? Number(parsed.code)
          : null;
    const msg =
      typeof parsed.msg === 'string' && parsed.msg.trim() !== '' ? parsed.msg.trim() : null;
    return { code: code !== null && Number.isFinite(code) ? code : null, msg };
  } catch {
    return { code: null, msg: null };
  }
}

function ccxtName(error: Error): string | null {
  if (error.name in KIND_BY_CCXT_NAME) return error.name;
  for (
    let proto = Object.getPrototypeOf(error) as object | null;
    proto && proto !== Error.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const name = (proto.constructor as { name?: string } | undefined)?.name;
    if (name && name in KIND_BY_CCXT_NAME) return name;
  }
  return null;
}

export interface ClassifyContext {
  /** The venue as a message names it: Binance, or the demo market. */
  venue: string;
  /** The venue's own error codes whose meaning overrides ccxt's class (its adapter's). */
  codeKinds?: Readonly<Record<number, GatewayErrorKind>>;
  /** The venue's own messages whose meaning overrides both (a code it uses for several refusals). */
  messageKinds?: Readonly<Record<string, GatewayErrorKind>>;
  /** What to say for the venue's own codes that need more than the kind's words (its adapter's). */
  codeWords?: Readonly<Record<number, string>>;
  /** Retry-After the venue sent with its last 429/418, if recent. */
  retryAfterMs: number | null;
  /** Values that must never appear in a message (the API key and secret). */
  secrets: readonly string[];
}

/** A sentence that begins with the venue's name begins with a capital: the demo market → The demo market. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function humanMessage(
  kind: GatewayErrorKind,
  venue: string,
  venueMsg: string | null,
  retryAfterMs: number | null,
): string {
  // The venue's sentence, without its final period (the message adds its own).
  const msg = venueMsg === null ? null : venueMsg.replace(/\.+$/, '');
  return sentenceCase(wordsFor(kind, venue, msg, retryAfterMs));
}

function wordsFor(
  kind: GatewayErrorKind,
  venue: string,
  msg: string | null,
  retryAfterMs: number | null,
): string {
  switch (kind) {
    case 'auth':
      return `${venue} refused the API key${msg ? ` (${msg})` : ''}: check the key, its secret and its permissions.`;
    case 'rate-limited':
      return retryAfterMs !== null
        ? `${venue} is limiting requests; Premia waits ${Math.ceil(retryAfterMs / 1000)} s before asking again.`
        : `${venue} is limiting requests; Premia backs off before asking again.`;
    case 'region-refused':
      return `${venue} refuses connections from this region (HTTP 451), so Premia cannot read its market data from here. Choose another exchange, or the demo market, in Settings.`;
    case 'timeout':
      return `${venue} did not answer in time.`;
    case 'offline':
      return `No network: ${venue} cannot be reached from this computer.`;
    case 'network':
      return `Could not reach ${venue}.`;
    case 'unavailable':
      return `${venue} is unavailable at the moment${msg ? ` (${msg})` : ''}.`;
    case 'bad-response':
      return `${venue} answered with something that is not exchange data (an HTML page or an empty answer): a captive portal, a proxy or an outage may be in the way.`;
    case 'clock':
      return `${venue} refused the request's timestamp: this computer's clock is off. Set it right (turn on automatic date and time) and try again.`;
    case 'bad-symbol':
      return `${venue}: ${msg ?? 'unknown market'}.`;
    case 'order-not-found':
      return `${venue}: ${msg ?? 'no such order'}.`;
    case 'insufficient-funds':
      return `${venue}: ${msg ?? 'insufficient balance'}.`;
    case 'invalid-order':
      return `${venue} refused the order: ${msg ?? 'invalid order'}.`;
    case 'duplicate-order':
      return `${venue} refused the order: an open order already has its client id${msg ? ` (${msg})` : ''}.`;
    case 'rejected':
      return `${venue} refused the request${msg ? `: ${msg}` : ''}.`;
    default:
      return `Something went wrong talking to ${venue}.`;
  }
}

/** Maps anything thrown by a ccxt call to a GatewayError (a GatewayError passes through). */
export function classifyError(error: unknown, ctx: ClassifyContext): GatewayError {
  if (error instanceof GatewayError) return error;
  if (!(error instanceof Error)) {
    return new GatewayError('internal', humanMessage('internal', ctx.venue, null, null), {
      detail: sanitize(String(error), ctx.secrets),
    });
  }
  const detail = sanitize(`${error.name}: ${error.message}`, ctx.secrets);
  const name = ccxtName(error);
  const { code, msg } = venueMessage(error.message);
  let kind: GatewayErrorKind = name ? KIND_BY_CCXT_NAME[name]! : 'internal';
  const byCode = code !== null ? ctx.codeKinds?.[code] : undefined;
  if (byCode !== undefined) kind = byCode;
  const byMessage = msg !== null ? ctx.messageKinds?.[msg] : undefined;
  if (byMessage !== undefined) kind = byMessage;
  if (kind === 'network' && OFFLINE.test(error.message)) kind = 'offline';
  const retryAfterMs = kind === 'rate-limited' ? ctx.retryAfterMs : null;
  const shown = msg === null ? null : sanitize(msg, ctx.secrets);
  const words = code !== null ? ctx.codeWords?.[code] : undefined;
  const message =
    words !== undefined
      ? sentenceCase(`${ctx.venue} ${words}`)
      : humanMessage(kind, ctx.venue, shown, retryAfterMs);
  return new GatewayError(kind, message, {
    retryAfterMs,
    venueCode: code,
    detail,
  });
}
