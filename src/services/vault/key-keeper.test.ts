import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_HOST_REASON, REMEMBERED_KEY_FILE, keyKeeperFor } from './key-keeper';
import { fakeMain, madeUpSecrets, removeDir, tempDataDir, testVault } from './vault-testing';

let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const key = (): Buffer => Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1));

describe('the desktop app’s key keeper', () => {
  it('keeps the key only as safeStorage encrypted it, and reads it back', async () => {
    const { askMain, calls } = fakeMain({ available: true, backend: 'gnome_libsecret' });
    const keeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    await expect(keeper.availability()).resolves.toEqual({ available: true, reason: null });
    await keeper.save(key());
    expect(calls).toContain('safeStorageEncrypt');
    const file = await readFile(join(dir, REMEMBERED_KEY_FILE), 'utf8');
    expect(file).not.toContain(key().toString('base64'));
    expect(file).not.toContain(key().toString('hex'));
    await expect(keeper.load()).resolves.toEqual(key());
  });

  it('is not offered with the fixed-password backend, and says why', async () => {
    const { askMain, calls } = fakeMain({ available: true, backend: 'basic_text' });
    const keeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    await expect(keeper.availability()).resolves.toEqual({
      available: false,
      reason: 'this system stores it with a fixed password, so it would not be protected',
    });
    await expect(keeper.save(key())).rejects.toMatchObject({ code: 'unavailable' });
    expect(calls).not.toContain('safeStorageEncrypt');
    expect(await readdir(dir)).toEqual([]);
  });

  it('is not offered where safeStorage is unavailable', async () => {
    const { askMain } = fakeMain({ available: false, backend: 'dpapi' });
    const keeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    await expect(keeper.availability()).resolves.toMatchObject({
      available: false,
      reason: expect.stringContaining('no protected storage') as unknown,
    });
  });

  it('reads nothing from a spoiled file, and forgets without failing when nothing is kept', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'keychain' });
    const keeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    await expect(keeper.load()).resolves.toBeNull();
    await writeFile(join(dir, REMEMBERED_KEY_FILE), '{"version":1,"encrypted":"AAAA"}');
    await expect(keeper.load()).resolves.toBeNull();
    await keeper.forget();
    await keeper.forget();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the browser host’s key keeper', () => {
  it('never keeps a key, and says the browser host asks each time', async () => {
    const keeper = keyKeeperFor({ host: 'browser', dataDir: dir });
    await expect(keeper.availability()).resolves.toEqual({
      available: false,
      reason: BROWSER_HOST_REASON,
    });
    await expect(keeper.save(key())).rejects.toMatchObject({ code: 'unavailable' });
    await expect(keeper.load()).resolves.toBeNull();
  });

  it('still forgets a key the desktop app remembered on the same data folder', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'kwallet6' });
    await keyKeeperFor({ host: 'desktop', dataDir: dir, askMain }).save(key());
    await keyKeeperFor({ host: 'browser', dataDir: dir }).forget();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('remembering the vault on this device', () => {
  it('unlocks at start without the passphrase once remembered', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'gnome_libsecret' });
    const keyKeeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    const { passphrase, secrets } = madeUpSecrets();
    const first = await testVault(dir, { keyKeeper });
    await first.vault.create({ passphrase, remember: true });
    await first.vault.secrets.write('a', secrets);
    expect(first.vault.status().remember).toEqual({ available: true, reason: null, active: true });
    await first.vault.close();

    const { vault } = await testVault(dir, { keyKeeper });
    expect(vault.status()).toMatchObject({ state: 'unlocked', remember: { active: true } });
    await expect(vault.secrets.read('a')).resolves.toEqual(secrets);
  });

  it('keeps the remembered key when locked, so the next start unlocks again', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'gnome_libsecret' });
    const keyKeeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    const first = await testVault(dir, { keyKeeper });
    await first.vault.create({ passphrase: madeUpSecrets().passphrase, remember: true });
    await first.vault.lock();
    expect(first.vault.status()).toMatchObject({ state: 'locked', remember: { active: true } });
    await first.vault.close();
    const { vault } = await testVault(dir, { keyKeeper });
    expect(vault.status().state).toBe('unlocked');
  });

  it('forgets the key when unlocked with remember off', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'gnome_libsecret' });
    const keyKeeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    const { passphrase } = madeUpSecrets();
    const first = await testVault(dir, { keyKeeper });
    await first.vault.create({ passphrase, remember: true });
    await first.vault.lock();
    await first.vault.unlock({ passphrase, remember: false });
    expect(first.vault.status().remember.active).toBe(false);
    await first.vault.close();
    const { vault } = await testVault(dir, { keyKeeper });
    expect(vault.status().state).toBe('locked');
  });

  it('refuses to remember with the fixed-password backend, before anything is created', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'basic_text' });
    const keyKeeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    const { vault } = await testVault(dir, { keyKeeper });
    expect(vault.status().remember).toEqual({
      available: false,
      reason: 'this system stores it with a fixed password, so it would not be protected',
      active: false,
    });
    await expect(
      vault.create({ passphrase: madeUpSecrets().passphrase, remember: true }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('fixed password') as unknown,
    });
    expect(vault.status().state).toBe('absent');
  });

  it('forgets a remembered key that no longer opens the vault', async () => {
    const { askMain } = fakeMain({ available: true, backend: 'gnome_libsecret' });
    const keyKeeper = keyKeeperFor({ host: 'desktop', dataDir: dir, askMain });
    await keyKeeper.save(Buffer.alloc(32, 9));
    const first = await testVault(dir);
    await first.vault.create({ passphrase: madeUpSecrets().passphrase });
    await first.vault.close();
    const { vault, lines } = await testVault(dir, { keyKeeper });
    expect(vault.status()).toMatchObject({ state: 'locked', remember: { active: false } });
    await expect(keyKeeper.load()).resolves.toBeNull();
    expect(lines.join('')).toContain('no longer opens the vault');
  });
});
