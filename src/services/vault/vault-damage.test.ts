import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVault, serializeVault, VAULT_FILE } from './vault-file';
import { madeUpSecrets, removeDir, tempDataDir, testVault } from './vault-testing';

let dir: string;
let passphrase: string;
let path: string;

interface Box {
  iv: string;
  tag: string;
  data: string;
}
interface RawVault {
  kdf: { N: number; r: number; p: number; salt: string };
  check: Box;
  entries: (Box & { account: string })[];
  checksum: string;
}

/** Changes one character of base64 text to another valid one. */
const flip = (text: string): string => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);

beforeEach(async () => {
  dir = await tempDataDir();
  path = join(dir, VAULT_FILE);
  const made = madeUpSecrets();
  passphrase = made.passphrase;
  const { vault } = await testVault(dir);
  await vault.create({ passphrase });
  await vault.secrets.write('acct-1', made.secrets);
  await vault.close();
});
afterEach(async () => {
  await removeDir(dir);
});

const raw = async (): Promise<RawVault> => JSON.parse(await readFile(path, 'utf8')) as RawVault;

async function unlockFails(): Promise<unknown> {
  const { vault } = await testVault(dir);
  return vault.unlock({ passphrase }).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('a damaged vault file', () => {
  const tampers: [string, (v: RawVault) => void][] = [
    ['the salt', (v) => (v.kdf.salt = flip(v.kdf.salt))],
    ['scrypt’s N', (v) => (v.kdf.N *= 2)],
    ['scrypt’s r', (v) => (v.kdf.r += 1)],
    ['scrypt’s p', (v) => (v.kdf.p += 1)],
    ['the key check’s IV', (v) => (v.check.iv = flip(v.check.iv))],
    ['the key check’s tag', (v) => (v.check.tag = flip(v.check.tag))],
    ['the key check’s data', (v) => (v.check.data = flip(v.check.data))],
    ['an entry’s IV', (v) => (v.entries[0]!.iv = flip(v.entries[0]!.iv))],
    ['an entry’s tag', (v) => (v.entries[0]!.tag = flip(v.entries[0]!.tag))],
    ['an entry’s data', (v) => (v.entries[0]!.data = flip(v.entries[0]!.data))],
    ['an entry’s account', (v) => (v.entries[0]!.account = 'acct-2')],
    [
      'the checksum itself',
      (v) => (v.checksum = (v.checksum[0] === '0' ? '1' : '0') + v.checksum.slice(1)),
    ],
  ];

  it.each(tampers)(
    'is reported as damaged, not as a wrong passphrase, when %s is changed',
    async (_, tamper) => {
      const content = await raw();
      tamper(content);
      await writeFile(path, JSON.stringify(content));
      const error = await unlockFails();
      expect(error).toMatchObject({
        code: 'internal',
        message: expect.stringMatching(
          /damaged.*[Rr]esetting the vault is the way out/s,
        ) as unknown,
      });
    },
  );

  it.each([
    ['cut short', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['not JSON', () => 'vault?'],
    ['a list instead of a vault', () => '[]'],
  ])('is reported as damaged when the file is %s', async (_, spoil) => {
    await writeFile(path, spoil(await readFile(path, 'utf8')));
    const { vault } = await testVault(dir);
    expect(vault.status().state).toBe('locked');
    await expect(vault.unlock({ passphrase })).rejects.toMatchObject({ code: 'internal' });
  });

  it('is not counted towards the wrong-passphrase throttle', async () => {
    const content = await raw();
    content.kdf.N *= 2;
    await writeFile(path, JSON.stringify(content));
    const { vault } = await testVault(dir);
    for (let i = 0; i < 5; i += 1) {
      await expect(vault.unlock({ passphrase })).rejects.toMatchObject({ code: 'internal' });
    }
    expect(vault.status().retryAt).toBeNull();
  });

  it('still opens with a reset, after which a new vault can be created', async () => {
    await writeFile(path, '{"cut');
    const { vault } = await testVault(dir);
    await vault.reset();
    await expect(vault.create({ passphrase })).resolves.toMatchObject({ state: 'unlocked' });
  });
});

describe('an entry moved to another account', () => {
  it('does not decrypt, even in a file whose checksum was made to match', async () => {
    const parsed = parseVault(await readFile(path, 'utf8'));
    if (parsed.kind !== 'ok') throw new Error('the vault should be sound');
    const [entry] = parsed.document.entries;
    parsed.document.entries = [{ ...entry!, account: 'acct-2' }];
    await writeFile(path, serializeVault(parsed.document));

    const { vault } = await testVault(dir);
    await vault.unlock({ passphrase });
    await expect(vault.secrets.read('acct-2')).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('acct-2') as unknown,
    });
    await expect(vault.secrets.read('acct-1')).resolves.toBeNull();
  });
});

describe('a vault from a newer Premia', () => {
  it('is refused with a word to update, not as damaged', async () => {
    const content = { ...(await raw()), version: 2 };
    await writeFile(path, JSON.stringify(content));
    const { vault } = await testVault(dir);
    await expect(vault.unlock({ passphrase })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('update Premia') as unknown,
    });
  });
});
