// One settings document on disk: reading and judging it (sound, missing, damaged, or from a newer
// Premia), writing it, and moving a damaged one aside under a name that never overwrites another.
import { rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { z } from 'zod';
import { issueText } from '../shared/issue-text';
import type { Settings } from '../shared/settings';
import { settingsSchema } from '../shared/settings';
import { isMissing } from './file-problems';
import { migrateSettings } from './settings-migrations';

export type ReadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; settings: Settings; migratedFrom: number | null; notes: string[] }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; reason: string };

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'a setting is invalid';
  const field = issue.path.map(String).join('.');
  return field
    ? `the setting ${field} is invalid (it ${issueText(issue)})`
    : `the document ${issueText(issue)}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Reads and judges one settings file. A folder in its place is damage (it is moved aside like a
 * damaged file, so nothing in it is lost); other I/O failures are thrown, not judged.
 */
export async function readSettingsFile(db: Low<unknown>, path: string): Promise<ReadResult> {
  try {
    if ((await stat(path)).isDirectory()) {
      return { kind: 'damaged', reason: 'it is a folder, not a file' };
    }
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
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
  return {
    kind: 'ok',
    settings: parsed.data,
    migratedFrom: migrated.migratedFrom,
    notes: migrated.notes,
  };
}

export function fileStamp(at: number): string {
  // Colons and dots are not allowed (or not wise) in Windows file names.
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Renames `path` to a free name built from `stem` and the time; returns the new path. */
export async function moveAside(
  path: string,
  dir: string,
  stem: string,
  at: number,
): Promise<string> {
  const base = `${stem}-${fileStamp(at)}`;
  for (let n = 1; ; n += 1) {
    const target = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
    if (!(await exists(target))) {
      await rename(path, target);
      return target;
    }
  }
}

export async function writeDocument(db: Low<unknown>, settings: Settings): Promise<void> {
  db.data = settings;
  await db.write();
}
