// What the desktop app's main process and its services process say to each other besides the API
// itself: opening and closing the services, the events they send, and what they ask of main (only
// Electron's main process can reach safeStorage, notifications and dialogs).
import { z } from 'zod';
import type { PremiaEvent } from './api';

/** main → services: open the services on this data folder. Answered once they are open. */
export const SERVICES_OPEN = 'services.open';
/** main → services: close the stores and release the data folder. Answered once that is done. */
export const SERVICES_CLOSE = 'services.close';
/** services → main, a notification: one app event for the windows. */
export const EVENT_NOTIFICATION = 'event';

export const servicesOpenSchema = z
  .object({
    dataDir: z.string().min(1).max(4096),
    version: z.string().min(1).max(64),
    /** When market data starts: `auto` (the app) or `off` (tests that need no market). */
    market: z.enum(['auto', 'off']).optional(),
  })
  .strict();
export type ServicesOpenParams = z.infer<typeof servicesOpenSchema>;

export const PREMIA_EVENT_TYPES = [
  'snapshot',
  'notice',
  'notice-dismissed',
  'settings',
  'backfill',
  'market-health',
  'portfolio',
  'vault',
  'alerts',
  'alert-raised',
  'plan',
  'execution',
  'history-download',
  'backtest-sweep',
] as const satisfies readonly PremiaEvent['type'][];
// Fails to compile when an event type is added to the API but not to the list above.
const everyEventTypeListed: Exclude<
  PremiaEvent['type'],
  (typeof PREMIA_EVENT_TYPES)[number]
> extends never
  ? true
  : never = true;
void everyEventTypeListed;

/** An event as main checks it before passing it on to the windows: one of the API's event types. */
export const premiaEventSchema = z.looseObject({ type: z.enum(PREMIA_EVENT_TYPES) });

/** How exchange keys could be encrypted at rest on this machine (Electron's safeStorage). */
export const safeStorageStatusSchema = z
  .object({
    available: z.boolean(),
    /** `keychain` (macOS), `dpapi` (Windows), or the Linux backend Electron chose (`basic_text` is weak). */
    backend: z.string().min(1).max(64),
  })
  .strict();
export type SafeStorageStatus = z.infer<typeof safeStorageStatusSchema>;

/**
 * Why a key could not be kept protected by safeStorage, in words that follow "it cannot be
 * remembered on this device:", or null when it can. Linux's `basic_text` backend encrypts with a
 * password written into Electron itself, which protects nothing.
 */
export function safeStorageProblem(status: SafeStorageStatus): string | null {
  if (status.backend === 'basic_text') {
    return 'this system stores it with a fixed password, so it would not be protected';
  }
  if (!status.available) return 'this system offers no protected storage for it';
  if (status.backend === 'unknown') return 'this system did not say how it would protect it';
  return null;
}

const base64Text = z
  .string()
  .min(1)
  .max(64 * 1024)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

/** Text for safeStorage to encrypt, base64-encoded; answered with the encrypted bytes in base64. */
export const safeStorageEncryptSchema = z.object({ plain: base64Text }).strict();
export const safeStorageEncryptedSchema = z.object({ encrypted: base64Text }).strict();
/** The decrypted text (base64 as it went in); `shouldReEncrypt` when the system's key has changed. */
export const safeStorageDecryptedSchema = z
  .object({ plain: base64Text, shouldReEncrypt: z.boolean() })
  .strict();

/** An OS notification for a raised alert; a click opens the alert's view. */
export const notifySchema = z
  .object({
    alertId: z.string().min(1).max(100),
    title: z.string().min(1).max(200),
    body: z.string().max(1_000),
  })
  .strict();
export type NotifyParams = z.infer<typeof notifySchema>;

/** services → main: what the services may ask of main, each with its params and result. */
export const mainRequestSchemas = {
  safeStorageStatus: { params: z.undefined(), result: safeStorageStatusSchema },
  safeStorageEncrypt: { params: safeStorageEncryptSchema, result: safeStorageEncryptedSchema },
  safeStorageDecrypt: { params: safeStorageEncryptedSchema, result: safeStorageDecryptedSchema },
  notify: { params: notifySchema, result: z.object({ shown: z.boolean() }).strict() },
} satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type MainMethod = keyof typeof mainRequestSchemas;
export type MainParams<M extends MainMethod> = z.infer<(typeof mainRequestSchemas)[M]['params']>;
export type MainResult<M extends MainMethod> = z.infer<(typeof mainRequestSchemas)[M]['result']>;

const MAIN_PREFIX = 'main.';

/** The wire name of a request to main. */
export function mainMethodName(method: MainMethod): string {
  return MAIN_PREFIX + method;
}

/** The request to main a wire name stands for, or null. */
export function mainMethodOf(name: string): MainMethod | null {
  if (!name.startsWith(MAIN_PREFIX)) return null;
  const method = name.slice(MAIN_PREFIX.length);
  return Object.hasOwn(mainRequestSchemas, method) ? (method as MainMethod) : null;
}
