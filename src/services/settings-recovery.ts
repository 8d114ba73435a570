// How the settings are found on opening: the file as it is, migrated, restored from the last-good
// copy when it is missing or damaged, or the defaults, with the user told whenever more than a plain
// read happened. Damaged files are moved aside under a dated name, never deleted.
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { defaultSettings } from '../core';
import type { Settings } from '../shared/settings';
import { SETTINGS_VERSION } from '../shared/settings';
import type { Logger } from './logger';
import type { NoticeInput } from './notices';
import { fileStamp, moveAside } from './file-problems';
import { readSettingsFile, writeDocument } from './settings-file';

export interface OpenContext {
  dataDir: string;
  file: string;
  lastGoodFile: string;
  main: Low<unknown>;
  lastGood: Low<unknown>;
  now: () => number;
  logger: Logger;
  tell(notice: Omit<NoticeInput, 'at'>): void;
}

/** The settings to start with, from the file, its last-good copy or the defaults, and whether to save. */
export async function recoverSettings(
  context: OpenContext,
): Promise<{ settings: Settings; persistent: boolean }> {
  const { dataDir, file, lastGoodFile, main, lastGood, now, logger, tell } = context;
  const found = await readSettingsFile(main, file);

  if (found.kind === 'ok') {
    if (found.migratedFrom !== null) {
      const kept = join(dataDir, `settings.v${found.migratedFrom}-${fileStamp(now())}.json`);
      await copyFile(file, kept);
      await writeDocument(main, found.settings);
      logger.info(
        `settings migrated from version ${found.migratedFrom}; the old file was kept as ${kept}`,
      );
    }
    for (const note of found.notes) tell({ level: 'warning', message: note });
    await refreshLastGood(context, found.settings);
    return { settings: found.settings, persistent: true };
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
    return { settings: defaultSettings(), persistent: false };
  }

  // The file is missing or damaged: decide from the backup before moving anything.
  const backup = await readSettingsFile(lastGood, lastGoodFile);

  if (found.kind === 'missing' && backup.kind === 'missing') {
    // A first start: nothing to recover and nothing to tell.
    const settings = defaultSettings();
    await writeDocument(main, settings);
    await writeDocument(lastGood, settings);
    return { settings, persistent: true };
  }

  const whatHappened =
    found.kind === 'missing'
      ? `Your settings file (${file}) was missing.`
      : `Premia could not read your settings file: ${found.reason}.`;

  if (backup.kind === 'newer') {
    tell({
      level: 'warning',
      message:
        `${whatHappened} Its backup (${lastGoodFile}) was written by a newer version of Premia, so ` +
        'Premia has left the files untouched and is using the default settings for now. Changes you ' +
        'make will not be saved.',
    });
    return { settings: defaultSettings(), persistent: false };
  }

  const damagedCopy =
    found.kind === 'damaged' ? await moveAside(file, dataDir, 'settings.corrupt', now()) : null;
  const keptNote = damagedCopy ? ` The damaged file was kept as ${damagedCopy}.` : '';

  if (backup.kind === 'ok') {
    await writeDocument(main, backup.settings);
    if (backup.migratedFrom !== null) await writeDocument(lastGood, backup.settings);
    tell({
      level: 'warning',
      message: `${whatHappened} Your settings were restored from the last good copy.${keptNote}`,
    });
    for (const note of backup.notes) tell({ level: 'warning', message: note });
    return { settings: backup.settings, persistent: true };
  }

  const backupNote =
    backup.kind === 'damaged'
      ? `Its last good copy was damaged too (${backup.reason}; kept as ${await moveAside(
          lastGoodFile,
          dataDir,
          'settings.last-good.corrupt',
          now(),
        )}), `
      : 'There was no last good copy to restore from, ';
  const settings = defaultSettings();
  await writeDocument(main, settings);
  await writeDocument(lastGood, settings);
  tell({
    level: 'warning',
    message: `${whatHappened} ${backupNote}so Premia started again from the default settings.${keptNote}`,
  });
  return { settings, persistent: true };
}

/** Brings the last-good copy up to date with sound settings; a folder in its place is moved aside. */
async function refreshLastGood(context: OpenContext, settings: Settings): Promise<void> {
  const { dataDir, lastGoodFile, lastGood, now, logger, tell } = context;
  const backup = await readSettingsFile(lastGood, lastGoodFile).catch(() => null);
  if (backup?.kind === 'ok' && JSON.stringify(backup.settings) === JSON.stringify(settings)) return;
  try {
    if (backup?.kind === 'damaged' && (await stat(lastGoodFile)).isDirectory()) {
      const kept = await moveAside(lastGoodFile, dataDir, 'settings.last-good.corrupt', now());
      tell({
        level: 'warning',
        message:
          `A folder stood where Premia keeps the last good copy of your settings (${lastGoodFile}). ` +
          `It was moved to ${kept} and a new copy was written; your settings are unchanged.`,
      });
    }
    await writeDocument(lastGood, settings);
  } catch (error) {
    // The settings themselves are sound; a stale backup only matters if the file is damaged later.
    logger.warn(`could not refresh the last-good settings copy ${lastGoodFile}`, error);
  }
}
