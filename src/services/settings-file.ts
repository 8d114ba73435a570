// One settings document on disk: reading and judging it (sound, missing, damaged, or from a newer
// Premia, whose version the migrations judge) and writing it.
import type { Low } from 'lowdb';
import type { z } from 'zod';
import { issueText } from '../shared/issue-text';
import type { Settings } from '../shared/settings';
import { settingsSchema } from '../shared/settings';
import { readJsonDocument } from './json-document';
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

/** Reads and judges one settings file; I/O failures other than a missing file are thrown. */
export async function readSettingsFile(db: Low<unknown>, path: string): Promise<ReadResult> {
  const found = await readJsonDocument(db, path, { nameEmpty: true });
  if (found.kind !== 'read') return found;
  const migrated = migrateSettings(found.data);
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

export async function writeDocument(db: Low<unknown>, settings: Settings): Promise<void> {
  db.data = settings;
  await db.write();
}
