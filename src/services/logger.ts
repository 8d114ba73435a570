// A small levelled logger to stderr. Every line passes through `redact` (redaction.ts), so a request
// URL or header carrying an API key, a secret, a signature or a token never reaches a log.
import { redact } from './redaction';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

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
