// Bringing a settings document written by any version of Premia this one knows up to the current
// schema, and recognising one written by a newer Premia, which must be left alone.
import { SETTINGS_VERSION } from '../shared/settings';

export type SettingsDocument = Record<string, unknown>;

/** Turns a document of the version it is keyed by into one of the current version. */
export type Migration = (document: SettingsDocument) => SettingsDocument;

/**
 * Keyed by the version a document carries. Version 1 is the current one, so its entry is the
 * identity; when version 2 arrives, entry 1 becomes the v1 → v2 conversion and entry 2 the identity.
 * A version with no entry (older than any this app reads) is unreadable.
 */
export const SETTINGS_MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  [1, (document) => document],
]);

export type MigrationResult =
  | { kind: 'current'; document: SettingsDocument; migratedFrom: number | null }
  | { kind: 'newer'; version: number }
  | { kind: 'unreadable'; reason: string };

function isDocument(value: unknown): value is SettingsDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document in the current version's shape (not yet validated), or why it cannot be used:
 * written by a newer Premia, or not a versioned settings document at all.
 */
export function migrateSettings(
  value: unknown,
  migrations: ReadonlyMap<number, Migration> = SETTINGS_MIGRATIONS,
  currentVersion: number = SETTINGS_VERSION,
): MigrationResult {
  if (!isDocument(value))
    return { kind: 'unreadable', reason: 'it does not hold a settings document' };
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'unreadable', reason: 'it has no valid settings version' };
  }
  if (version > currentVersion) return { kind: 'newer', version };
  const migrate = migrations.get(version);
  if (!migrate) {
    return { kind: 'unreadable', reason: `its settings version ${version} is no longer supported` };
  }
  const document = migrate(structuredClone(value));
  if (document.version !== currentVersion) {
    // A table that does not reach the current version is a programming error, not a user's problem.
    throw new Error(
      `settings migration from version ${version} produced version ${String(document.version)}, not ${currentVersion}`,
    );
  }
  return { kind: 'current', document, migratedFrom: version === currentVersion ? null : version };
}
