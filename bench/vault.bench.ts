// The key vault at its default key derivation cost (scrypt N = 2^17, r = 8, p = 1) on a real
// temporary folder: time to create a vault, and time to unlock one (the cost a user waits for).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/services/logger';
import { keyKeeperFor, openVault } from '../src/services/vault';
import type { Vault } from '../src/services/vault';
import { DEFAULT_KDF_COST } from '../src/services/vault/vault-crypto';

const CREATES = 3;
const UNLOCKS = 5;
const PASSPHRASE = 'a passphrase made up for the bench';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

function open(dataDir: string): Promise<Vault> {
  return openVault({
    dataDir,
    now: Date.now,
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    keyKeeper: keyKeeperFor({ host: 'browser', dataDir }),
    autoLockMinutes: () => 15,
    logger: silentLogger,
  });
}

export default async function vaultBench(): Promise<Record<string, number>> {
  const dirs: string[] = [];
  try {
    const creates: number[] = [];
    for (let i = 0; i < CREATES; i += 1) {
      const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-vault-'));
      dirs.push(dataDir);
      const vault = await open(dataDir);
      const started = performance.now();
      await vault.create({ passphrase: PASSPHRASE });
      creates.push(performance.now() - started);
      await vault.secrets.write('bench', {
        apiKey: `k${i}`.repeat(32),
        secret: `s${i}`.repeat(32),
      });
      await vault.close();
    }

    const unlocks: number[] = [];
    const vault = await open(dirs[0]!);
    for (let i = 0; i < UNLOCKS; i += 1) {
      const started = performance.now();
      await vault.unlock({ passphrase: PASSPHRASE });
      unlocks.push(performance.now() - started);
      await vault.lock();
    }
    await vault.close();

    return {
      kdfN: DEFAULT_KDF_COST.N,
      createMedianMs: round(median(creates)),
      unlockMedianMs: round(median(unlocks)),
      unlockMaxMs: round(Math.max(...unlocks)),
    };
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
