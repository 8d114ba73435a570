// Persistence of the simulator in <dataDir>/sim-state.json: written atomically (temporary file,
// fsync, rename) so a crash leaves either the old state or the new one, never half of each. The
// market itself is not stored: it is regenerated from the seed, the listings and the controls.
// The services have their own atomic write; the simulator stands apart from them (it imports only
// src/shared, which holds no Node code) and saves synchronously, so it keeps this one.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AccountState } from './account';
import type { ClockState } from './clock';
import type { KeyRecord } from './key-ring';
import type { ControlRecord, ListedAsset } from './market';

export const STATE_FILE = 'sim-state.json';
export const STATE_VERSION = 2;

export interface PersistedState {
  version: typeof STATE_VERSION;
  seed: number;
  clock: ClockState;
  assets: ListedAsset[];
  controls: ControlRecord[];
  /** The main account (the one the start-up key trades). */
  account: AccountState;
  /** Accounts created for minted keys, by id, with the portfolio each started from. */
  subAccounts: Record<string, SubAccountRecord>;
  /** Minted keys (the start-up key is not kept: it comes from the start options). */
  keys: KeyRecord[];
}

export type SeedPortfolio = 'empty' | 'demo';

export interface SubAccountRecord {
  portfolio: SeedPortfolio;
  state: AccountState;
}

export interface LoadResult {
  state: PersistedState | null;
  /** Why an existing file could not be used (it is then moved aside). */
  problem: string | null;
}

/** A version 1 state (one account, one key) is a version 2 state without minted keys. */
function upgrade(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  if (v.version !== 1) return value;
  return { ...v, version: STATE_VERSION, subAccounts: {}, keys: [] };
}

function isPersistedState(value: unknown): value is PersistedState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === STATE_VERSION &&
    typeof v.subAccounts === 'object' &&
    v.subAccounts !== null &&
    Array.isArray(v.keys) &&
    typeof v.seed === 'number' &&
    typeof v.clock === 'object' &&
    Array.isArray(v.assets) &&
    Array.isArray(v.controls) &&
    typeof v.account === 'object' &&
    v.account !== null
  );
}

export function loadState(dir: string): LoadResult {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: null, problem: null };
    throw error;
  }
  try {
    const parsed: unknown = upgrade(JSON.parse(text));
    if (isPersistedState(parsed)) return { state: parsed, problem: null };
  } catch {
    // fall through: the file is moved aside below
  }
  const aside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, aside);
  return {
    state: null,
    problem: `the simulator state in ${file} was unreadable; it was moved to ${aside}`,
  };
}

export function saveState(dir: string, state: PersistedState): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
