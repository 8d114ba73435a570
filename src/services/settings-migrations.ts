// Bringing a settings document written by any version of Premia this one knows up to the current
// schema, and recognising one written by a newer Premia, which must be left alone.
import { EXCHANGE_NAMES, SETTINGS_VERSION } from '../shared/settings';

export type SettingsDocument = Record<string, unknown>;

/**
 * Turns a document of the version it is keyed by into one of the current version. `tell` takes a
 * sentence for the user about a change they would not expect (a choice that could not be kept).
 */
export type Migration = (
  document: SettingsDocument,
  tell: (note: string) => void,
) => SettingsDocument;

/** Exchanges that version 1 offered with no connection behind them, by id, with their names. */
const UNCONNECTED_V1_EXCHANGES: Readonly<Record<string, string>> = { bybit: 'Bybit', okx: 'OKX' };

/**
 * Version 1 → 2: version 1 offered Bybit and OKX, which Premia never had a connection for (choosing
 * them failed when market data started); version 2 offers the venues with a connection only. A
 * document naming one of them moves to Binance, and the user is told why.
 */
function fromVersion1(document: SettingsDocument, tell: (note: string) => void): SettingsDocument {
  const market = document.market;
  if (typeof market === 'object' && market !== null && !Array.isArray(market)) {
    const { exchange, source } = market as Record<string, unknown>;
    const name = typeof exchange === 'string' ? UNCONNECTED_V1_EXCHANGES[exchange] : undefined;
    if (name !== undefined) {
      const binance = EXCHANGE_NAMES.binance;
      tell(
        `Your settings chose ${name} as the exchange, but Premia has no connection to ${name} ` +
          `(it works with ${binance} only), so the exchange is now ${binance}.` +
          (source === 'live' ? ` Live market data comes from ${binance}.` : ''),
      );
      document.market = { ...market, exchange: 'binance' };
    }
  }
  return { ...document, version: 2 };
}

/**
 * Version 2 → 3: holdings and the key vault arrive, each with its settings group at the defaults
 * (holdings synced every minute, no extra stablecoins, the vault locking after 15 idle minutes).
 */
function fromVersion2(document: SettingsDocument): SettingsDocument {
  return {
    ...document,
    portfolio: { holdingsIntervalMs: 60_000, extraStablecoins: [] },
    vault: { autoLockMinutes: 15 },
    version: 3,
  };
}

/**
 * Version 3 → 4: rebalance plans and alerts arrive. The rebalance group gains the carry horizon (30
 * days), the plan's lifetime (2 minutes) and no stablecoin conversion; the alerts group starts at its
 * defaults (15% from liquidation, 7 days to expiry, notifications on).
 */
function fromVersion3(document: SettingsDocument): SettingsDocument {
  const rebalance = isDocument(document.rebalance) ? document.rebalance : {};
  return {
    ...document,
    rebalance: { ...rebalance, holdingDays: 30, planTtlSeconds: 120, convertStablecoins: false },
    alerts: { liquidationDistance: 0.15, expiryDays: 7, notifications: true },
    version: 4,
  };
}

/**
 * Version 4 → 5: execution arrives, with the bounds on a pair's second leg at their defaults (10
 * seconds and 3 orders before the first leg is unwound).
 */
function fromVersion4(document: SettingsDocument): SettingsDocument {
  return {
    ...document,
    execution: { secondLegTimeoutSeconds: 10, secondLegAttempts: 3 },
    version: 5,
  };
}

/**
 * Version 5 → 6: the desktop app's own settings arrive at their defaults: it keeps watching in the
 * tray when its window is closed, and does not start at login.
 */
function fromVersion5(document: SettingsDocument): SettingsDocument {
  return { ...document, desktop: { keepInTray: true, startAtLogin: false }, version: 6 };
}

/**
 * Keyed by the version a document carries: each entry brings a document of its version to the
 * current one, and the current version's entry is the identity. A version with no entry (older than
 * any this app reads) is unreadable.
 */
export const SETTINGS_MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  [
    1,
    (document, tell) =>
      fromVersion5(fromVersion4(fromVersion3(fromVersion2(fromVersion1(document, tell))))),
  ],
  [2, (document) => fromVersion5(fromVersion4(fromVersion3(fromVersion2(document))))],
  [3, (document) => fromVersion5(fromVersion4(fromVersion3(document)))],
  [4, (document) => fromVersion5(fromVersion4(document))],
  [5, fromVersion5],
  [6, (document) => document],
]);

export type MigrationResult =
  | {
      kind: 'current';
      document: SettingsDocument;
      migratedFrom: number | null;
      /** What the migration changed that the user should hear about. */
      notes: string[];
    }
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
  const notes: string[] = [];
  const document = migrate(structuredClone(value), (note) => notes.push(note));
  if (document.version !== currentVersion) {
    // A table that does not reach the current version is a programming error, not a user's problem.
    throw new Error(
      `settings migration from version ${version} produced version ${String(document.version)}, not ${currentVersion}`,
    );
  }
  return {
    kind: 'current',
    document,
    migratedFrom: version === currentVersion ? null : version,
    notes,
  };
}
