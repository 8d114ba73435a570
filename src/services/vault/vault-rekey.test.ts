import { open, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicTempPath } from '../atomic-write';
import type { AccountSecrets } from './secret-store';
import type { VaultOptions } from './vault';
import { madeUpSecrets, memoryKeeper, removeDir, tempDataDir, testVault } from './vault-testing';

let dir: string;
let oldPassphrase: string;
const newPassphrase = 'a brand new passphrase';
let kept: Record<string, AccountSecrets>;

beforeEach(async () => {
  dir = await tempDataDir();
  const made = madeUpSecrets();
  oldPassphrase = made.passphrase;
  kept = { 'acct-1': made.secrets, 'acct-2': madeUpSecrets().secrets };
  const { vault } = await testVault(dir);
  await vault.create({ passphrase: oldPassphrase });
  for (const [id, secrets] of Object.entries(kept)) await vault.secrets.write(id, secrets);
  await vault.close();
});
afterEach(async () => {
  await removeDir(dir);
});

/** What opens with `passphrase` after a restart: every secret, or the error. */
async function afterRestart(passphrase: string): Promise<Record<string, AccountSecrets> | unknown> {
  const { vault } = await testVault(dir);
  try {
    await vault.unlock({ passphrase });
    const found: Record<string, AccountSecrets> = {};
    for (const id of Object.keys(kept)) found[id] = (await vault.secrets.read(id))!;
    return found;
  } catch (error) {
    return error;
  } finally {
    await vault.close();
  }
}

class Killed extends Error {}

/**
 * The atomic write, stopped dead at one of its steps before the rename: nothing done, the temporary
 * file opened, half the data in it, or all of it flushed.
 */
const STEPS = ['before the temporary file', 'empty temporary file', 'half written', 'all flushed'];
function killedAt(step: number): NonNullable<VaultOptions['writeFile']> {
  return async (path, text) => {
    if (step === 0) throw new Killed();
    const handle = await open(atomicTempPath(path), 'w');
    try {
      if (step >= 2) await handle.writeFile(step === 2 ? text.slice(0, text.length / 2) : text);
      if (step >= 3) await handle.sync();
    } finally {
      await handle.close();
    }
    throw new Killed();
  };
}

describe('changing the passphrase', () => {
  it('re-encrypts every secret so that only the new passphrase opens the vault', async () => {
    const before = await readFile(`${dir}/vault.json`, 'utf8');
    const { vault } = await testVault(dir);
    await vault.unlock({ passphrase: oldPassphrase });
    await expect(
      vault.changePassphrase({ current: oldPassphrase, next: newPassphrase }),
    ).resolves.toMatchObject({ state: 'unlocked' });
    await expect(vault.secrets.read('acct-1')).resolves.toEqual(kept['acct-1']);
    await vault.close();

    const after = JSON.parse(await readFile(`${dir}/vault.json`, 'utf8')) as {
      kdf: { salt: string };
      entries: { iv: string }[];
    };
    const earlier = JSON.parse(before) as typeof after;
    expect(after.kdf.salt).not.toBe(earlier.kdf.salt);
    expect(after.entries.map((e) => e.iv)).not.toContain(earlier.entries[0]?.iv);
    await expect(afterRestart(newPassphrase)).resolves.toEqual(kept);
    await expect(afterRestart(oldPassphrase)).resolves.toMatchObject({ code: 'auth' });
  });

  it('works from a locked vault, which it leaves unlocked under the new passphrase', async () => {
    const { vault } = await testVault(dir);
    await vault.changePassphrase({ current: oldPassphrase, next: newPassphrase });
    await expect(vault.secrets.read('acct-2')).resolves.toEqual(kept['acct-2']);
  });

  it('refuses a wrong current passphrase and changes nothing', async () => {
    const { vault } = await testVault(dir);
    await expect(
      vault.changePassphrase({ current: 'not the passphrase', next: newPassphrase }),
    ).rejects.toMatchObject({ code: 'auth' });
    await vault.close();
    await expect(afterRestart(oldPassphrase)).resolves.toEqual(kept);
  });

  it.each(STEPS.map((name, step) => [name, step] as const))(
    'leaves the old passphrase and every secret intact when killed at step: %s',
    async (_, step) => {
      const { vault } = await testVault(dir, { writeFile: killedAt(step) });
      await vault.unlock({ passphrase: oldPassphrase });
      await expect(
        vault.changePassphrase({ current: oldPassphrase, next: newPassphrase }),
      ).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('Nothing was changed') as unknown,
      });
      // The running vault still holds the old key…
      await expect(vault.secrets.read('acct-1')).resolves.toEqual(kept['acct-1']);
      await vault.close();
      // …and so does the file after a restart.
      await expect(afterRestart(oldPassphrase)).resolves.toEqual(kept);
      await expect(afterRestart(newPassphrase)).resolves.toMatchObject({ code: 'auth' });
    },
  );

  it('keeps a remembered key in step with the new passphrase', async () => {
    const keeper = memoryKeeper();
    const first = await testVault(dir, { keyKeeper: keeper });
    await first.vault.unlock({ passphrase: oldPassphrase, remember: true });
    await first.vault.changePassphrase({ current: oldPassphrase, next: newPassphrase });
    await first.vault.close();
    const { vault } = await testVault(dir, { keyKeeper: keeper });
    expect(vault.status()).toMatchObject({ state: 'unlocked', remember: { active: true } });
    await expect(vault.secrets.read('acct-1')).resolves.toEqual(kept['acct-1']);
  });
});
