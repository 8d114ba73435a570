// The settings document on disk, with a last-good copy refreshed after every write, recovery of a
// missing or damaged file (settings-recovery.ts), versioned migration, and one write at a time.
// lowdb's JSON file adapter writes through steno: a temp file renamed over the old one, so a crashed
// process leaves the old file or the new one, never half of one. Steno does not fsync, so a power cut
// can still damage it: hence the last-good copy.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { defaultSettings } from '../core';
import { PremiaError, invalidInput } from '../shared/errors';
import type { Settings, SettingsPatch } from '../shared/settings';
import { settingsPatchSchema, settingsSchema } from '../shared/settings';
import { describeFileProblem } from './file-problems';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { NoticeBoard } from './notices';
import type { OpenContext } from './settings-recovery';
import { recoverSettings } from './settings-recovery';
import { SerialQueue } from './serial-queue';
import { writeDocument } from './settings-file';

export const SETTINGS_FILE = 'settings.json';
export const LAST_GOOD_FILE = 'settings.last-good.json';

export interface SettingsStoreOptions {
  dataDir: string;
  /** Wall clock for notice times and the names of damaged copies kept aside. */
  now?: () => number;
  /** Where the store tells the user what it did on opening (recovery, refusal). */
  notices?: NoticeBoard;
  logger?: Logger;
}

export interface SettingsStore {
  /** The settings file's absolute path. */
  readonly file: string;
  /**
   * False when the file on disk was written by a newer Premia and refused: the store then works on
   * defaults in memory and writes nothing, so that file stays as it was.
   */
  readonly persistent: boolean;
  /** The current settings (a copy: changing it changes nothing). */
  get(): Settings;
  /**
   * Applies a partial update group by group (nested objects replaced whole), validates the result
   * and saves it. Refused input throws an `invalid-input` PremiaError naming the field; nothing is
   * stored then. Updates run one after another in call order.
   */
  update(patch: SettingsPatch): Promise<Settings>;
  /** Back to the default settings, saved. */
  reset(): Promise<Settings>;
  /** Waits for queued writes to finish; later updates are refused. */
  close(): Promise<void>;
}

type SettingsGroup = Exclude<keyof Settings, 'version'>;

/** Merges a patch into `current` and validates the result; throws `invalid-input` when refused. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const shape = settingsPatchSchema.safeParse(patch);
  if (!shape.success)
    throw invalidInput(shape.error, '', 'is not a group of settings that can be changed');
  const merged: Record<string, unknown> = { ...current };
  for (const [group, values] of Object.entries(shape.data) as [
    SettingsGroup,
    object | undefined,
  ][]) {
    if (values === undefined) continue;
    const known = current[group];
    const unknownKey = Object.keys(values).find((key) => !Object.hasOwn(known, key));
    if (unknownKey !== undefined) {
      const field = `${group}.${unknownKey}`;
      throw new PremiaError('invalid-input', `${field}: is not a known setting`, field);
    }
    merged[group] = { ...known, ...values };
  }
  const result = settingsSchema.safeParse(merged);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

class FileSettingsStore implements SettingsStore {
  readonly file: string;
  readonly persistent: boolean;
  #current: Settings;
  #main: Low<unknown>;
  #lastGood: Low<unknown>;
  #logger: Logger;
  readonly #queue = new SerialQueue();
  #closed = false;

  constructor(init: {
    file: string;
    persistent: boolean;
    current: Settings;
    main: Low<unknown>;
    lastGood: Low<unknown>;
    logger: Logger;
  }) {
    this.file = init.file;
    this.persistent = init.persistent;
    this.#current = init.current;
    this.#main = init.main;
    this.#lastGood = init.lastGood;
    this.#logger = init.logger;
  }

  get(): Settings {
    return structuredClone(this.#current);
  }

  update(patch: SettingsPatch): Promise<Settings> {
    return this.#enqueue(async () => {
      const next = applySettingsPatch(this.#current, patch);
      await this.#save(next);
      return structuredClone(next);
    });
  }

  reset(): Promise<Settings> {
    return this.#enqueue(async () => {
      const next = defaultSettings();
      await this.#save(next);
      return structuredClone(next);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.idle();
  }

  // Each task starts when the one before has settled, so two quick saves never interleave and each
  // merges into the result of the one before it.
  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(
        new PremiaError('unavailable', 'Settings can no longer be changed: Premia is closing.'),
      );
    }
    return this.#queue.run(task);
  }

  async #save(next: Settings): Promise<void> {
    if (this.persistent) {
      try {
        await writeDocument(this.#main, next);
      } catch (error) {
        this.#logger.error('could not write the settings file', error);
        const code = (error as NodeJS.ErrnoException).code;
        throw new PremiaError(
          'unavailable',
          `Premia could not save your settings to ${this.file}${code ? ` (${code})` : ''}; nothing was changed.`,
        );
      }
      try {
        await writeDocument(this.#lastGood, next);
      } catch (error) {
        // The settings themselves are saved; a stale backup only matters if the file is damaged later.
        this.#logger.warn('could not refresh the last-good settings copy', error);
      }
    }
    this.#current = next;
  }
}

/**
 * Opens the settings in `dataDir`, creating the folder and a default file when there is none,
 * restoring a missing or damaged file from the last-good copy (or defaults), and telling the user
 * through `notices` whenever it did more than read the file. A failure of the disk itself is an
 * `unavailable` PremiaError naming the path in words.
 */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const { dataDir } = options;
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new PremiaError(
      'unavailable',
      `Premia cannot use its data folder: ${describeFileProblem(dataDir, error)}.`,
    );
  }
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const file = join(dataDir, SETTINGS_FILE);
  const lastGoodFile = join(dataDir, LAST_GOOD_FILE);
  const context: OpenContext = {
    dataDir,
    file,
    lastGoodFile,
    main: new Low<unknown>(new JSONFile<unknown>(file), null),
    lastGood: new Low<unknown>(new JSONFile<unknown>(lastGoodFile), null),
    now,
    logger,
    tell(notice) {
      logger.warn(notice.message);
      options.notices?.add({ ...notice, at: now() });
    },
  };
  try {
    const { settings, persistent } = await recoverSettings(context);
    return new FileSettingsStore({
      file,
      persistent,
      current: settings,
      main: context.main,
      lastGood: context.lastGood,
      logger,
    });
  } catch (error) {
    if (error instanceof PremiaError) throw error;
    const path = (error as NodeJS.ErrnoException).path ?? file;
    throw new PremiaError(
      'unavailable',
      `Premia could not open your settings: ${describeFileProblem(path, error)}.`,
    );
  }
}
