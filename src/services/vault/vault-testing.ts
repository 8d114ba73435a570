// For the vault's tests: a vault on a temporary folder at a low scrypt cost, with a manual clock, and
// stand-ins for main's safeStorage requests and for a key keeper. Every credential is generated here.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultStatus } from '../../shared/accounts';
import { PremiaError } from '../../shared/errors';
import type { ManualTimers } from '../../shared/manual-timers';
import { manualTimers } from '../../shared/manual-timers';
import type { SafeStorageStatus } from '../../shared/services-protocol';
import type { Logger } from '../logger';
import { createLogger } from '../logger';
import type { AskMain } from '../services-process';
import type { KeyKeeper } from './key-keeper';
import type { AccountSecrets } from './secret-store';
import type { KdfCost } from './vault-crypto';
import type { Vault, VaultOptions } from './vault';
import { openVault } from './vault';

/** Low enough to keep tests quick; the default cost is proven in a test of its own. */
export const TEST_KDF: KdfCost = { N: 2 ** 10, r: 8, p: 1 };

export const tempDataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'premia-vault-'));
export const removeDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

/** A passphrase and a set of exchange credentials made up for one test. */
export function madeUpSecrets(): { passphrase: string; secrets: AccountSecrets } {
  return {
    passphrase: `pass-${randomBytes(12).toString('hex')}`,
    secrets: {
      apiKey: `key${randomBytes(24).toString('hex')}`,
      secret: `sec${randomBytes(32).toString('hex')}`,
      passphrase: `api${randomBytes(8).toString('hex')}`,
    },
  };
}

/** A logger whose every line is kept, to search for what must never be logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }), lines };
}

/** A keeper holding its key in memory, available unless told otherwise. */
export function memoryKeeper(
  availability = { available: true, reason: null as string | null },
): KeyKeeper & { kept: () => Buffer | null } {
  let kept: Buffer | null = null;
  return {
    kept: () => kept,
    availability: () => Promise.resolve(availability),
    save(key) {
      if (!availability.available) return Promise.reject(new PremiaError('unavailable', 'no'));
      kept = Buffer.from(key);
      return Promise.resolve();
    },
    load: () => Promise.resolve(kept === null ? null : Buffer.from(kept)),
    forget() {
      kept = null;
      return Promise.resolve();
    },
  };
}

const MARK = 'sealed-by-system:';

/** Main's safeStorage requests as main answers them, with a reversible stand-in for the system. */
export function fakeMain(status: SafeStorageStatus): { askMain: AskMain; calls: string[] } {
  const calls: string[] = [];
  const answer = (method: string, params?: unknown): unknown => {
    calls.push(method);
    if (method === 'safeStorageStatus') return status;
    if (method === 'safeStorageEncrypt') {
      const { plain } = params as { plain: string };
      return { encrypted: Buffer.from(MARK + plain).toString('base64') };
    }
    if (method === 'safeStorageDecrypt') {
      const text = Buffer.from((params as { encrypted: string }).encrypted, 'base64').toString();
      if (!text.startsWith(MARK)) throw new PremiaError('unavailable', 'could not be decrypted');
      return { plain: text.slice(MARK.length), shouldReEncrypt: false };
    }
    throw new Error(`unexpected request ${method}`);
  };
  const askMain = ((method: string, params?: unknown) =>
    Promise.resolve().then(() => answer(method, params))) as AskMain;
  return { askMain, calls };
}

export interface TestVault {
  vault: Vault;
  clock: ManualTimers;
  statuses: VaultStatus[];
  lines: string[];
}

/** Opens a vault on `dataDir` at the test cost; `clock` carries time across a "restart". */
export async function testVault(
  dataDir: string,
  overrides: Partial<VaultOptions> & { clock?: ManualTimers } = {},
): Promise<TestVault> {
  const clock = overrides.clock ?? manualTimers();
  const statuses: VaultStatus[] = [];
  const { logger, lines } = capturingLogger();
  const vault = await openVault({
    dataDir,
    now: clock.now,
    timers: clock.timers,
    keyKeeper: memoryKeeper(),
    autoLockMinutes: () => 15,
    onStatus: (s) => statuses.push(s),
    logger,
    kdf: TEST_KDF,
    ...overrides,
  });
  return { vault, clock, statuses, lines };
}
