import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../shared/time';
import { parseVault, serializeVault, VAULT_FILE } from './vault-file';
import { madeUpSecrets, memoryKeeper, removeDir, tempDataDir, testVault } from './vault-testing';

let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
});
afterEach(async () => {
  await removeDir(dir);
});

/** Every way a value could be written out: as it is, in base64 and in hex. */
function forms(values: string[]): string[] {
  return values.flatMap((v) => [
    v,
    Buffer.from(v).toString('base64').replace(/=+$/, ''),
    Buffer.from(v).toString('hex'),
  ]);
}

function expectNoneOf(values: string[], text: string): void {
  for (const form of forms(values)) expect(text).not.toContain(form);
}

describe('the vault’s secrecy', () => {
  it('writes no secret, key or passphrase in clear, in base64 or in hex to any of its files', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const { vault } = await testVault(dir);
    await vault.create({ passphrase });
    await vault.secrets.write('acct-1', secrets);
    await vault.lock();
    await vault.unlock({ passphrase: 'not the passphrase' }).catch(() => undefined);
    const written = await Promise.all(
      (await readdir(dir)).map((name) => readFile(join(dir, name), 'latin1')),
    );
    expect(written.join('\n')).toContain('acct-1');
    expectNoneOf(
      [passphrase, secrets.apiKey, secrets.secret, secrets.passphrase!],
      written.join('\n'),
    );
  });

  it('puts no secret in any error, log line or status, on every path that fails', async () => {
    const { passphrase, secrets } = madeUpSecrets();
    const failing = { write: false };
    const { vault, lines, statuses, clock } = await testVault(dir, {
      keyKeeper: memoryKeeper({ available: false, reason: 'not here' }),
      writeFile: async (path, text) => {
        if (failing.write) throw new Error(`disk full while writing ${path}`);
        await writeFile(path, text);
      },
    });
    const errors: unknown[] = [];
    const collect = (work: Promise<unknown>) =>
      work.then(
        () => errors.push(new Error('did not fail')),
        (error: unknown) => errors.push(error),
      );

    await collect(vault.unlock({ passphrase }));
    await collect(vault.create({ passphrase: passphrase.slice(0, 5) }));
    await collect(vault.create({ passphrase: `${passphrase}${'x'.repeat(1100)}` }));
    await collect(vault.create({ passphrase, remember: true }));
    await vault.create({ passphrase });
    await vault.secrets.write('acct-1', secrets);
    await collect(vault.create({ passphrase }));
    failing.write = true;
    await collect(vault.secrets.write('acct-2', secrets));
    await collect(vault.changePassphrase({ current: passphrase, next: `${passphrase}-next` }));
    failing.write = false;
    await vault.lock();
    await collect(vault.secrets.read('acct-1'));
    await collect(vault.secrets.write('acct-1', secrets));
    for (let i = 0; i < 4; i += 1) await collect(vault.unlock({ passphrase: `${passphrase}?` }));
    await collect(vault.changePassphrase({ current: passphrase, next: `${passphrase}!` }));

    // An entry moved to another account, then a damaged file, once the throttle has been waited out.
    clock.advance(10 * MINUTE_MS);
    const parsed = parseVault(await readFile(join(dir, VAULT_FILE), 'utf8'));
    if (parsed.kind !== 'ok') throw new Error('the vault should be sound');
    parsed.document.entries = parsed.document.entries.map((e) => ({ ...e, account: 'moved' }));
    await writeFile(join(dir, VAULT_FILE), serializeVault(parsed.document));
    const reopened = await testVault(dir, { clock });
    await reopened.vault.unlock({ passphrase });
    await collect(reopened.vault.secrets.read('moved'));
    await writeFile(join(dir, VAULT_FILE), '{"cut short');
    await collect(reopened.vault.unlock({ passphrase }));
    await reopened.vault.close();
    await collect(vault.unlock({ passphrase }));

    expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
      'not-found',
      'invalid-input',
      'invalid-input',
      'unavailable',
      'invalid-input',
      'internal',
      'internal',
      'locked',
      'locked',
      'auth',
      'auth',
      'auth',
      'rate-limited',
      'rate-limited',
      'internal',
      'internal',
      'internal',
    ]);
    const told = [
      ...errors.map((e) => `${(e as Error).message} ${(e as Error).stack ?? ''}`),
      ...lines,
      ...reopened.lines,
      JSON.stringify(statuses),
    ].join('\n');
    expectNoneOf([passphrase, secrets.apiKey, secrets.secret, secrets.passphrase!], told);
  });
});
