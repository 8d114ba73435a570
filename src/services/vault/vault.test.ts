import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../shared/time';
import { DEFAULT_KDF_COST } from './vault-crypto';
import { VAULT_FILE } from './vault-file';
import {
  madeUpSecrets,
  memoryKeeper,
  removeDir,
  tempDataDir,
  testVault,
  TEST_KDF,
} from './vault-testing';

let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('the key vault', () => {
  it('is absent until created, and unlocked once created', async () => {
    const { vault, statuses } = await testVault(dir);
    expect(vault.status().state).toBe('absent');
    const { passphrase } = madeUpSecrets();
    const status = await vault.create({ passphrase });
    expect(status.state).toBe('unlocked');
    expect(statuses.at(-1)?.state).toBe('unlocked');
    expect(vault.secrets.unlocked()).toBe(true);
  });

  it('keeps an account’s secrets across a restart, readable only once unlocked', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const first = await testVault(dir);
    await first.vault.create({ passphrase });
    await first.vault.secrets.write('acct-1', secrets);
    await first.vault.close();

    const second = await testVault(dir);
    expect(second.vault.status().state).toBe('locked');
    await expect(second.vault.secrets.read('acct-1')).rejects.toMatchObject({ code: 'locked' });
    await second.vault.unlock({ passphrase });
    await expect(second.vault.secrets.read('acct-1')).resolves.toEqual(secrets);
    await expect(second.vault.secrets.read('acct-2')).resolves.toBeNull();
  });

  it('refuses to create a vault over an existing one', async () => {
    const { vault } = await testVault(dir);
    const { passphrase } = madeUpSecrets();
    await vault.create({ passphrase });
    await expect(vault.create({ passphrase })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('refuses a new passphrase shorter than ten characters', async () => {
    const { vault } = await testVault(dir);
    await expect(vault.create({ passphrase: 'short' })).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'passphrase',
    });
    expect(vault.status().state).toBe('absent');
  });

  it('answers a wrong passphrase with an auth error and stays locked', async () => {
    const { passphrase } = madeUpSecrets();
    const first = await testVault(dir);
    await first.vault.create({ passphrase });
    await first.vault.close();
    const { vault } = await testVault(dir);
    await expect(vault.unlock({ passphrase: `${passphrase}x` })).rejects.toMatchObject({
      code: 'auth',
    });
    expect(vault.status().state).toBe('locked');
  });

  it('says there is no vault when asked to unlock before one exists', async () => {
    const { vault } = await testVault(dir);
    await expect(vault.unlock({ passphrase: 'anything at all' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('locks on request, and reading a secret is then refused as locked', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const { vault, statuses } = await testVault(dir);
    await vault.create({ passphrase });
    await vault.secrets.write('a', secrets);
    const status = await vault.lock();
    expect(status).toMatchObject({ state: 'locked', autoLockAt: null });
    expect(statuses.at(-1)?.state).toBe('locked');
    await expect(vault.secrets.read('a')).rejects.toMatchObject({ code: 'locked' });
    await expect(vault.secrets.write('a', secrets)).rejects.toMatchObject({ code: 'locked' });
  });

  it('removes an account’s secrets while locked, without decrypting anything', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const { vault } = await testVault(dir);
    await vault.create({ passphrase });
    await vault.secrets.write('a', secrets);
    await vault.secrets.write('b', secrets);
    await vault.lock();
    await vault.secrets.remove('a');
    await vault.secrets.remove('never-kept');
    await vault.unlock({ passphrase });
    await expect(vault.secrets.read('a')).resolves.toBeNull();
    await expect(vault.secrets.read('b')).resolves.toEqual(secrets);
  });

  it('replaces an account’s secrets when they are written again', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const other = madeUpSecrets().secrets;
    const { vault } = await testVault(dir);
    await vault.create({ passphrase });
    await vault.secrets.write('a', secrets);
    await vault.secrets.write('a', other);
    await expect(vault.secrets.read('a')).resolves.toEqual(other);
    const file = JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8')) as {
      entries: unknown[];
    };
    expect(file.entries).toHaveLength(1);
  });

  it('seals each write with a fresh IV, so the same secrets never give the same bytes', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const { vault } = await testVault(dir);
    await vault.create({ passphrase });
    await vault.secrets.write('a', secrets);
    const before = await readFile(join(dir, VAULT_FILE), 'utf8');
    await vault.secrets.write('a', secrets);
    const after = await readFile(join(dir, VAULT_FILE), 'utf8');
    type File = { entries: { iv: string; data: string }[] };
    const [x] = (JSON.parse(before) as File).entries;
    const [y] = (JSON.parse(after) as File).entries;
    expect(x?.iv).not.toBe(y?.iv);
    expect(x?.data).not.toBe(y?.data);
  });

  it('is refused once closed', async () => {
    const { vault } = await testVault(dir);
    await vault.close();
    await expect(vault.create({ passphrase: madeUpSecrets().passphrase })).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(vault.secrets.unlocked()).toBe(false);
  });
});

describe('the vault’s key derivation', () => {
  it('defaults to scrypt at N = 2^17, r = 8, p = 1 or more', () => {
    expect(DEFAULT_KDF_COST.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_KDF_COST.r).toBeGreaterThanOrEqual(8);
    expect(DEFAULT_KDF_COST.p).toBeGreaterThanOrEqual(1);
  });

  it('creates and unlocks a vault at the default cost, writing that cost into the file', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const first = await testVault(dir, { kdf: undefined });
    await first.vault.create({ passphrase });
    await first.vault.secrets.write('a', secrets);
    await first.vault.close();
    const kdf = (JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8')) as { kdf: object }).kdf;
    expect(kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });

    const { vault } = await testVault(dir, { kdf: undefined });
    await vault.unlock({ passphrase });
    await expect(vault.secrets.read('a')).resolves.toEqual(secrets);
  });

  it('re-encrypts a vault written at a lower cost at the current one when it is unlocked', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const first = await testVault(dir);
    await first.vault.create({ passphrase });
    await first.vault.secrets.write('a', secrets);
    await first.vault.close();
    const before = JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8')) as {
      kdf: { salt: string };
    };

    const higher = { ...TEST_KDF, N: TEST_KDF.N * 2 };
    const { vault } = await testVault(dir, { kdf: higher });
    await vault.unlock({ passphrase });
    const after = JSON.parse(await readFile(join(dir, VAULT_FILE), 'utf8')) as {
      kdf: { N: number; salt: string };
    };
    expect(after.kdf.N).toBe(higher.N);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    await expect(vault.secrets.read('a')).resolves.toEqual(secrets);
    await vault.close();

    const again = await testVault(dir, { kdf: higher });
    await again.vault.unlock({ passphrase });
    await expect(again.vault.secrets.read('a')).resolves.toEqual(secrets);
  });
});

describe('locking itself when idle', () => {
  it('locks after the set minutes without use, and says so', async () => {
    const { passphrase } = madeUpSecrets();
    const { vault, clock, statuses } = await testVault(dir, { autoLockMinutes: () => 5 });
    await vault.create({ passphrase });
    expect(vault.status().autoLockAt).toBe(clock.now() + 5 * MINUTE_MS);
    clock.advance(5 * MINUTE_MS - 1);
    expect(vault.status().state).toBe('unlocked');
    clock.advance(1);
    await expect(vault.secrets.read('a')).rejects.toMatchObject({ code: 'locked' });
    expect(vault.status()).toMatchObject({ state: 'locked', autoLockAt: null });
    expect(statuses.at(-1)?.state).toBe('locked');
  });

  it('counts each use of a secret as activity', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const { vault, clock } = await testVault(dir, { autoLockMinutes: () => 5 });
    await vault.create({ passphrase });
    await vault.secrets.write('a', secrets);
    clock.advance(4 * MINUTE_MS);
    await vault.secrets.read('a');
    clock.advance(4 * MINUTE_MS);
    expect(vault.status().state).toBe('unlocked');
    await expect(vault.secrets.read('a')).resolves.toEqual(secrets);
    clock.advance(5 * MINUTE_MS);
    await expect(vault.secrets.read('a')).rejects.toMatchObject({ code: 'locked' });
  });

  it('overwrites its key with zeros when it locks', async () => {
    const { passphrase } = madeUpSecrets();
    const keeper = memoryKeeper();
    // The keeper is handed the vault's own key buffer (it keeps a copy of its own).
    const handed: Buffer[] = [];
    const save = keeper.save.bind(keeper);
    keeper.save = (key) => {
      handed.push(key);
      return save(key);
    };
    const { vault } = await testVault(dir, { keyKeeper: keeper });
    await vault.create({ passphrase, remember: true });
    const [key] = handed;
    expect(key?.equals(Buffer.alloc(32))).toBe(false);
    await vault.lock();
    expect(key?.equals(Buffer.alloc(32))).toBe(true);
  });
});

describe('resetting the vault', () => {
  it('deletes the vault, its throttle count and the remembered key, and keeps every other file', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    await writeFile(join(dir, 'settings.json'), '{}');
    await writeFile(join(dir, 'history.sqlite'), 'rows');
    const keeper = memoryKeeper();
    const { vault, statuses } = await testVault(dir, { keyKeeper: keeper });
    await vault.create({ passphrase, remember: true });
    await vault.secrets.write('a', secrets);
    await vault.lock();
    for (let i = 0; i < 3; i += 1) {
      await vault.unlock({ passphrase: 'wrong passphrase' }).catch(() => undefined);
    }
    await writeFile(join(dir, `${VAULT_FILE}.4242.tmp`), 'left by a crash');
    const before = (await readdir(dir)).sort();
    expect(before).toContain('vault-throttle.json');

    const status = await vault.reset();
    expect(status).toMatchObject({ state: 'absent', retryAt: null, remember: { active: false } });
    expect(statuses.at(-1)?.state).toBe('absent');
    expect(keeper.kept()).toBeNull();
    expect((await readdir(dir)).sort()).toEqual(['history.sqlite', 'settings.json']);

    await vault.create({ passphrase: madeUpSecrets().passphrase });
    await expect(vault.secrets.read('a')).resolves.toBeNull();
  });
});
