// A small levelled logger to stderr. Every line passes through `redact`, so a request URL or header
// carrying an API key, a secret, a signature or a token never reaches a log.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export const REDACTED = '[redacted]';

// Names under which credentials travel: query parameters (`&signature=`), headers (`X-MBX-APIKEY:`),
// JSON fields (`"secret": "…"`) and assignments (`apiKey=…`). Word-bounded so `monkey=` is untouched;
// a value already redacted is matched whole, so redacting twice changes nothing.
const CREDENTIAL_NAMES = [
  '(?:x-mbx-)?api[-_]?key',
  'api[-_]?secret',
  'secret(?:[-_]?key)?',
  'client[-_]?secret',
  'private[-_]?key',
  'signature',
  'sign',
  'token',
  'access[-_]?token',
  'refresh[-_]?token',
  'auth[-_]?token',
  'passphrase',
  'password',
  'x-bapi-(?:api-key|sign)',
  'ok-access-(?:key|sign|passphrase)',
].join('|');

const NAMED_CREDENTIAL = new RegExp(
  `\\b(${CREDENTIAL_NAMES})(["']?\\s*[:=]\\s*["']?)(\\[redacted\\]|[^\\s"'&#,;)}\\]]+)`,
  'gi',
);

// `Authorization: Bearer <token>`: the scheme stays readable, the credential goes.
const AUTHORIZATION =
  /\b(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest)\s+)?(\[redacted\]|[^\s"',;)}\]]+)/gi;

const knownSecrets = new Set<string>();

/**
 * Registers a value that must never be logged whatever its surroundings (a decrypted API secret, for
 * one). Values shorter than 6 characters are ignored: redacting them would mangle ordinary words.
 */
export function registerSecret(value: string): void {
  if (value.length >= 6) knownSecrets.add(value);
}

/** Forgets a value registered with `registerSecret` (when an account is removed). */
export function forgetSecret(value: string): void {
  knownSecrets.delete(value);
}

function removeAll(text: string, values: Iterable<string>): string {
  let out = text;
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}

/**
 * `text` with every credential-looking value replaced by `[redacted]`. A value seen under a
 * credential's name is removed everywhere in the text, also where it appears unlabelled (an error
 * message quoting the key it was given).
 */
export function redact(text: string): string {
  const seen = new Set<string>();
  const note = (value: string): void => {
    if (value.length >= 6 && value !== REDACTED) seen.add(value);
  };
  let out = removeAll(text, knownSecrets);
  out = out.replace(
    AUTHORIZATION,
    (_m, lead: string, scheme: string | undefined, value: string) => {
      note(value);
      return scheme ? `${lead}${scheme} ${REDACTED}` : `${lead}${REDACTED}`;
    },
  );
  out = out.replace(NAMED_CREDENTIAL, (_m, name: string, sep: string, value: string) => {
    note(value);
    return `${name}${sep}${REDACTED}`;
  });
  return removeAll(out, seen);
}

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** A logger whose lines carry `scope` as well, sharing this one's level and output. */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  scope?: string;
  /** Where finished lines go; stderr by default (stdout belongs to the CLI's output). */
  write?: (line: string) => void;
  now?: () => number;
}

/** The level named by `PREMIA_LOG_LEVEL`, or `fallback` when it is unset or not a level. */
export function logLevelFromEnv(
  env: Record<string, string | undefined> = process.env,
  fallback: LogLevel = 'info',
): LogLevel {
  const value = env.PREMIA_LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? Date.now;

  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, detail: unknown): void => {
    if (RANK[at] < RANK[level]) return;
    const scope = options.scope ? ` [${options.scope}]` : '';
    const extra = describe(detail);
    const body = extra ? `${message} ${extra}` : message;
    write(`${new Date(now()).toISOString()} ${at.toUpperCase()}${scope} ${redact(body)}\n`);
  };

  return {
    debug: (message, detail) => emit('debug', message, detail),
    info: (message, detail) => emit('info', message, detail),
    warn: (message, detail) => emit('warn', message, detail),
    error: (message, detail) => emit('error', message, detail),
    child: (scope) =>
      createLogger({
        ...options,
        level,
        scope: options.scope ? `${options.scope}:${scope}` : scope,
      }),
  };
}

/** A logger that drops everything, for callers that were given none. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
