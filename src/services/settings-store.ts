// The settings document on disk, with a last-good copy refreshed after every write, recovery from a
// damaged file, versioned migration, and one write at a time. lowdb's JSON file adapter writes through
// steno: a temp file renamed over the old one, so a crashed process leaves the old file or the new one,
// never half of one. Steno does not fsync, so a power cut can still damage it: hence the last-good copy.
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { defaultSettings } from '../core';
import { PremiaError, invalidInput } from '../shared/errors';
import type { Settings, SettingsPatch } from '../shared/settings';
import { SETTINGS_VERSION, settingsPatchSchema, settingsSchema } from '../shared/settings';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { NoticeBoard, NoticeInput } from './notices';
import { migrateSettings } from './settings-migrations';

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

type ReadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; settings: Settings; migratedFrom: number | null }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; reason: string };

function describeIssue(error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  if (!issue) return 'a setting is invalid';
  const field = issue.path.map(String).join('.');
  return field ? `the setting ${field} is invalid (${issue.message})` : issue.message;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Reads and judges one settings file. I/O failures other than absence are thrown, not judged. */
async function readSettingsFile(db: Low<unknown>, path: string): Promise<ReadResult> {
  try {
    await db.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { size } = await stat(path);
    return {
      kind: 'damaged',
      reason: size === 0 ? 'it is empty' : 'it is not valid JSON (it may have been cut short)',
    };
  }
  // lowdb keeps its initial data (null here) both for a missing file and for one holding a falsy
  // JSON value such as `null`: only the file system can tell the two apart.
  if (db.data === null && !(await exists(path))) return { kind: 'missing' };
  const migrated = migrateSettings(db.data);
  if (migrated.kind === 'newer') return migrated;
  if (migrated.kind === 'unreadable') return { kind: 'damaged', reason: migrated.reason };
  const parsed = settingsSchema.safeParse(migrated.document);
  if (!parsed.success) return { kind: 'damaged', reason: describeIssue(parsed.error) };
  return { kind: 'ok', settings: parsed.data, migratedFrom: migrated.migratedFrom };
}

function fileStamp(at: number): string {
  // Colons and dots are not allowed (or not wise) in Windows file names.
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Renames `path` to a free name built from `stem` and the time; returns the new path. */
async function moveAside(path: string, dir: string, stem: string, at: number): Promise<string> {
  const base = `${stem}-${fileStamp(at)}`;
  for (let n = 1; ; n += 1) {
    const target = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    if (!(await exists(target))) {
      await rename(path, target);
      return target;
    }
  }
}

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
  #tail: Promise<unknown> = Promise.resolve();
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
    await this.#tail;
  }

  // Each task starts when the one before has settled, so two quick saves never interleave and each
  // merges into the result of the one before it.
  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(
        new PremiaError('unavailable', 'Settings can no longer be changed: Premia is closing.'),
      );
    }
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
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

async function writeDocument(db: Low<unknown>, settings: Settings): Promise<void> {
  db.data = settings;
  await db.write();
}

/**
 * Opens the settings in `dataDir`, creating the folder and a default file when there is none,
 * recovering a damaged file from the last-good copy (or defaults), and telling the user through
 * `notices` whenever it did more than read the file.
 */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const { dataDir } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const tell = (notice: Omit<NoticeInput, 'at'>): void => {
    logger.warn(notice.message);
    options.notices?.add({ ...notice, at: now() });
  };

  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, SETTINGS_FILE);
  const lastGoodFile = join(dataDir, LAST_GOOD_FILE);
  const main = new Low<unknown>(new JSONFile<unknown>(file), null);
  const lastGood = new Low<unknown>(new JSONFile<unknown>(lastGoodFile), null);
  const open = (current: Settings, persistent = true): SettingsStore =>
    new FileSettingsStore({ file, persistent, current, main, lastGood, logger });

  const found = await readSettingsFile(main, file);

  if (found.kind === 'missing') {
    const settings = defaultSettings();
    await writeDocument(main, settings);
    await writeDocument(lastGood, settings);
    return open(settings);
  }

  if (found.kind === 'ok') {
    if (found.migratedFrom !== null) {
      const kept = join(dataDir, `settings.v${found.migratedFrom}-${fileStamp(now())}.json`);
      await copyFile(file, kept);
      await writeDocument(main, found.settings);
      logger.info(
        `settings migrated from version ${found.migratedFrom}; the old file was kept as ${kept}`,
      );
    }
    const backup = await readSettingsFile(lastGood, lastGoodFile).catch(() => null);
    const backupCurrent =
      backup?.kind === 'ok' && JSON.stringify(backup.settings) === JSON.stringify(found.settings);
    if (!backupCurrent) await writeDocument(lastGood, found.settings);
    return open(found.settings);
  }

  if (found.kind === 'newer') {
    tell({
      level: 'warning',
      message:
        `Your settings file (${file}) was written by a newer version of Premia (settings version ` +
        `${found.version}; this version reads up to ${SETTINGS_VERSION}). Premia has left it untouched ` +
        'and is using the default settings for now. Changes you make will not be saved: update Premia ' +
        'to use your saved settings.',
    });
    return open(defaultSettings(), false);
  }

  // The file is damaged: decide from the backup before moving anything.
  const backup = await readSettingsFile(lastGood, lastGoodFile);

  if (backup.kind === 'newer') {
    tell({
      level: 'warning',
      message:
        `Premia could not read your settings file (${file}): ${found.reason}. Its backup ` +
        `(${lastGoodFile}) was written by a newer version of Premia, so both files have been left ` +
        'untouched and the default settings are in use for now. Changes you make will not be saved.',
    });
    return open(defaultSettings(), false);
  }

  const damagedCopy = await moveAside(file, dataDir, 'settings.corrupt', now());

  if (backup.kind === 'ok') {
    await writeDocument(main, backup.settings);
    if (backup.migratedFrom !== null) await writeDocument(lastGood, backup.settings);
    tell({
      level: 'warning',
      message:
        `Premia could not read your settings file: ${found.reason}. Your settings were restored from ` +
        `the last good copy. The damaged file was kept as ${damagedCopy}.`,
    });
    return open(backup.settings);
  }

  let damagedBackup: string | null = null;
  if (backup.kind === 'damaged') {
    damagedBackup = await moveAside(lastGoodFile, dataDir, 'settings.last-good.corrupt', now());
  }
  const settings = defaultSettings();
  await writeDocument(main, settings);
  await writeDocument(lastGood, settings);
  tell({
    level: 'warning',
    message:
      `Premia could not read your settings file: ${found.reason}. ` +
      (damagedBackup
        ? `Its last good copy was damaged too (kept as ${damagedBackup}), `
        : 'There was no last good copy to restore from, ') +
      `so Premia started again from the default settings. The damaged file was kept as ${damagedCopy}.`,
  });
  return open(settings);
}
