// The accounts file: kept whole across a reopen, a damaged file moved aside and the last good copy
// restored, a file from a newer Premia left untouched and never written over.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountMeta } from '../../shared/accounts';
import { ACCOUNTS_FILE, openAccountsStore } from './accounts-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const dataDir = mkdtempSync(join(tmpdir(), 'premia-accounts-store-'));
  dirs.push(dataDir);
  const told: string[] = [];
  const open = () =>
    openAccountsStore({ dataDir, now: () => Date.UTC(2025, 5, 1), tell: (m) => told.push(m) });
  return { dataDir, told, open };
}

function account(id: string): AccountMeta {
  return {
    id,
    exchange: 'binance',
    label: `Account ${id}`,
    environment: 'live',
    demo: false,
    createdAt: 1,
    permissions: null,
    readOnly: false,
    modes: null,
    testedAt: null,
    syncedAt: null,
    warnings: [],
  };
}

describe('accounts store', () => {
  it('keeps every account across a reopen, concurrent writes included', async () => {
    const { open, told } = setUp();
    const store = await open();
    await Promise.all([store.put(account('a')), store.put(account('b')), store.put(account('c'))]);
    await store.remove('b');
    expect((await open()).list().map((a) => a.id)).toEqual(['a', 'c']);
    expect(told).toEqual([]);
  });

  it('moves a damaged file aside and restores the last good copy, saying so', async () => {
    const { open, told, dataDir } = setUp();
    await (await open()).put(account('a'));
    writeFileSync(join(dataDir, ACCOUNTS_FILE), '{"version": 1, "accou');
    const store = await open();
    expect(store.list().map((a) => a.id)).toEqual(['a']);
    expect(told[0]).toMatch(/restored from the last good copy.*kept as/);
    expect(readdirSync(dataDir).some((f) => f.startsWith('accounts.corrupt-'))).toBe(true);
  });

  it('leaves a file from a newer Premia untouched and refuses to write over it', async () => {
    const { open, told, dataDir } = setUp();
    const newer = JSON.stringify({ version: 2, accounts: [], vaults: [] });
    writeFileSync(join(dataDir, ACCOUNTS_FILE), newer);
    const store = await open();
    expect(store.list()).toEqual([]);
    expect(told[0]).toMatch(/newer version of Premia/);
    await expect(store.put(account('a'))).rejects.toThrow(/update Premia/);
    expect(readFileSync(join(dataDir, ACCOUNTS_FILE), 'utf8')).toBe(newer);
  });
});
