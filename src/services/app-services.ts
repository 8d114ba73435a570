// The composition root: opens the stores and implements the one API over them, for whichever host
// (the Electron main process or the headless host) carries it to the UI.
import type { z } from 'zod';
import { evaluateQuote } from '../core';
import type { ApiMethod, AppInfo, PremiaApi, PremiaEvent, QuoteInput } from '../shared/api';
import { apiInputSchemas } from '../shared/api';
import { PremiaError, invalidInput } from '../shared/errors';
import type { SettingsPatch } from '../shared/settings';
import type { Logger } from './logger';
import { createLogger, logLevelFromEnv } from './logger';
import { NoticeBoard } from './notices';
import { openSettingsStore } from './settings-store';

export interface AppServicesOptions {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  now?: () => number;
  logger?: Logger;
}

export interface AppServices {
  api: PremiaApi;
  /** Hears every event the UI should see; returns the function that stops listening. */
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  /** Finishes pending writes and stops; safe to call more than once. */
  close(): Promise<void>;
}

type ApiInputOf<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;

/**
 * The method's input checked against its schema. The transports check too; this check is the one
 * that holds whichever transport (or none, in tests and the CLI) delivered the call.
 */
function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiInputOf<M> {
  // TypeScript cannot narrow the schema union by a generic key; the table pairs each method with
  // its own schema, so the cast states what `satisfies` in the contract already checked.
  const schema = apiInputSchemas[method] as unknown as z.ZodType<ApiInputOf<M>>;
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv(process.env, 'warn') });
  const listeners = new Set<(event: PremiaEvent) => void>();

  const emit = (event: PremiaEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a closed window, a dropped socket) must not starve the others.
        logger.error(`an event listener failed on a '${event.type}' event`, error);
      }
    }
  };

  const notices = new NoticeBoard();
  const stopNotices = notices.subscribe((change) => {
    if (change.kind === 'added') emit({ type: 'notice', notice: change.notice });
    else emit({ type: 'notice-dismissed', id: change.notice.id });
  });
  const settings = await openSettingsStore({
    dataDir: options.dataDir,
    now,
    notices,
    logger: logger.child('settings'),
  });

  const api: PremiaApi = {
    async getAppInfo(input?: unknown): Promise<AppInfo> {
      parseInput('getAppInfo', input);
      // No exchange accounts exist yet, so the built-in simulator is always the market.
      return { version: options.version, host: options.host, demo: true, notices: notices.list() };
    },

    async getSettings(input?: unknown) {
      parseInput('getSettings', input);
      return settings.get();
    },

    async updateSettings(patch: SettingsPatch) {
      parseInput('updateSettings', patch);
      const updated = await settings.update(patch);
      emit({ type: 'settings', settings: updated });
      return updated;
    },

    async resetSettings(input?: unknown) {
      parseInput('resetSettings', input);
      const updated = await settings.reset();
      emit({ type: 'settings', settings: updated });
      return updated;
    },

    async dismissNotice(id: string) {
      notices.dismiss(parseInput('dismissNotice', id));
    },

    async evaluateQuote(input: QuoteInput) {
      const quote = parseInput('evaluateQuote', input);
      try {
        return evaluateQuote(quote, settings.get());
      } catch (error) {
        // The schema admits every finite positive number; a few combinations still overflow (a
        // compounded premium over a very short time), and the engine refuses them with a RangeError.
        if (error instanceof RangeError) throw new PremiaError('invalid-input', error.message);
        throw error;
      }
    },

    async getSnapshot(input?: unknown) {
      parseInput('getSnapshot', input);
      // Market data arrives with the poller; until then there is no snapshot to show.
      return null;
    },
    async getHistory(query) {
      parseInput('getHistory', query);
      throw new PremiaError('unavailable', 'Market history is not being recorded yet.');
    },
    async getCalibration(query) {
      parseInput('getCalibration', query);
      throw new PremiaError('unavailable', 'Market history is not being recorded yet.');
    },
  };

  let closing: Promise<void> | null = null;
  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closing ??= (async () => {
        stopNotices();
        await settings.close();
        listeners.clear();
      })();
      return closing;
    },
  };
}
