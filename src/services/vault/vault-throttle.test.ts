import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualTimers } from '../../shared/manual-timers';
import { MINUTE_MS, SECOND_MS } from '../../shared/time';
import { THROTTLE_FILE, throttleDelay } from './vault-throttle';
import { madeUpSecrets, removeDir, tempDataDir, testVault } from './vault-testing';

let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('throttleDelay', () => {
  it('lets three attempts go free, then waits one second, doubling up to five minutes', () => {
    expect([0, 1, 2].map(throttleDelay)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(throttleDelay)).toEqual([1, 2, 4, 8].map((s) => s * SECOND_MS));
    expect(throttleDelay(11)).toBe(256 * SECOND_MS);
    expect(throttleDelay(12)).toBe(5 * MINUTE_MS);
    expect(throttleDelay(10_000)).toBe(5 * MINUTE_MS);
  });
});

describe('wrong passphrases in a row', () => {
  async function lockedVault() {
    const { passphrase } = madeUpSecrets();
    const made = await testVault(dir);
    await made.vault.create({ passphrase });
    await made.vault.lock();
    return { ...made, passphrase };
  }

  it('refuse further attempts after the third, even the right one, until retryAt', async () => {
    const { vault, clock, passphrase, statuses } = await lockedVault();
    for (let i = 0; i < 3; i += 1) {
      await expect(vault.unlock({ passphrase: 'wrong passphrase' })).rejects.toMatchObject({
        code: 'auth',
      });
    }
    const retryAt = vault.status().retryAt;
    expect(retryAt).toBe(clock.now() + SECOND_MS);
    expect(statuses.at(-1)?.retryAt).toBe(retryAt);
    await expect(vault.unlock({ passphrase })).rejects.toMatchObject({
      code: 'rate-limited',
      message: expect.stringContaining('try again in 1 second') as unknown,
    });
    clock.advance(SECOND_MS);
    expect(vault.status().retryAt).toBeNull();
    await expect(vault.unlock({ passphrase })).resolves.toMatchObject({ state: 'unlocked' });
  });

  it('wait longer after each further failure', async () => {
    const { vault, clock } = await lockedVault();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
      const at = vault.status().retryAt;
      waits.push(at === null ? 0 : at - clock.now());
      if (at !== null) clock.advance(at - clock.now());
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8].map((s) => s * SECOND_MS));
  });

  it('are counted again from zero after the right passphrase', async () => {
    const { vault, clock, passphrase } = await lockedVault();
    for (let i = 0; i < 3; i += 1) {
      await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
    }
    clock.advance(SECOND_MS);
    await vault.unlock({ passphrase });
    await vault.lock();
    await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
    expect(vault.status().retryAt).toBeNull();
  });

  it('stay counted across a restart of the services', async () => {
    const { vault, clock, passphrase } = await lockedVault();
    for (let i = 0; i < 4; i += 1) {
      await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
      clock.advance(SECOND_MS);
    }
    await vault.close();
    const restarted = await testVault(dir, { clock });
    const retryAt = restarted.vault.status().retryAt;
    expect(retryAt).not.toBeNull();
    await expect(restarted.vault.unlock({ passphrase })).rejects.toMatchObject({
      code: 'rate-limited',
    });
    clock.advance(retryAt! - clock.now());
    await expect(restarted.vault.unlock({ passphrase })).resolves.toMatchObject({
      state: 'unlocked',
    });
  });

  it('also throttle changing the passphrase', async () => {
    const { vault, passphrase } = await lockedVault();
    for (let i = 0; i < 3; i += 1) {
      await expect(
        vault.changePassphrase({ current: 'wrong passphrase', next: 'a new passphrase' }),
      ).rejects.toMatchObject({ code: 'auth' });
    }
    await expect(
      vault.changePassphrase({ current: passphrase, next: 'a new passphrase' }),
    ).rejects.toMatchObject({ code: 'rate-limited' });
  });

  it('are throttled at once when the count file is spoiled, rather than forgotten', async () => {
    const { vault } = await lockedVault();
    await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
    await vault.close();
    expect(await readFile(join(dir, THROTTLE_FILE), 'utf8')).toContain('"failures":1');
    await writeFile(join(dir, THROTTLE_FILE), '{"failures": "none"');
    const clock = manualTimers();
    const restarted = await testVault(dir, { clock });
    expect(restarted.vault.status().retryAt).toBe(clock.now() + SECOND_MS);
  });
});
