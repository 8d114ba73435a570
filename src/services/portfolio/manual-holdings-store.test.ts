import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../app-services-testing';
import type { ManualHoldingsStoreOptions } from './manual-holdings-store';
import { MANUAL_HOLDINGS_FILE, openManualHoldingsStore } from './manual-holdings-store';
import { portfolioFolder } from './portfolio-testing';

const folder = portfolioFolder();

function open(extra: Partial<ManualHoldingsStoreOptions> = {}) {
  let n = 0;
  const told: string[] = [];
  const opening = openManualHoldingsStore({
    dataDir: folder.dir,
    now: () => 1_700_000_000_000,
    tell: (m) => told.push(m),
    newId: () => `id-${++n}`,
    ...extra,
  });
  return { opening, told };
}

const cold = { asset: 'BTC', amount: 0.5, where: 'Ledger', note: 'long term' };

describe('the manual holdings store', () => {
  it('adds, updates and removes holdings, each saved before it is answered', async () => {
    const store = await open().opening;
    await store.add(cold);
    await store.add({ asset: 'eth', amount: 2, where: 'Trezor' });
    await store.update('id-1', { ...cold, amount: 0.75 });
    const left = await store.remove('id-2');
    expect(left).toEqual([{ id: 'id-1', ...cold, amount: 0.75, updatedAt: 1_700_000_000_000 }]);
    await store.close();
    const again = await open().opening;
    expect(again.list()).toEqual(left);
  });

  it('replaces every holding on an import, with new ids', async () => {
    const store = await open().opening;
    await store.add(cold);
    const after = await store.replaceAll([
      { asset: 'SOL', amount: 10, where: 'Phantom', note: '' },
      { asset: 'BTC', amount: 1, where: 'Ledger', note: '' },
    ]);
    expect(after.map((h) => [h.id, h.asset])).toEqual([
      ['id-2', 'SOL'],
      ['id-3', 'BTC'],
    ]);
  });

  it('refuses to change a holding that no longer exists', async () => {
    const store = await open().opening;
    expect((await refusal(store.update('gone', cold))).code).toBe('not-found');
    expect((await refusal(store.remove('gone'))).code).toBe('not-found');
  });

  it('refuses input the schema refuses, naming the field', async () => {
    const store = await open().opening;
    const error = await refusal(store.add({ ...cold, amount: -1 }));
    expect(error.message).toBe('amount: must be above 0');
    expect(store.list()).toEqual([]);
  });

  it('loses nothing already saved when a write fails, and says so', async () => {
    const store = await open().opening;
    await store.add(cold);
    const repair = await folder.breakWrites(MANUAL_HOLDINGS_FILE);
    const error = await refusal(store.add({ ...cold, asset: 'ETH' }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/could not save your manual holdings: .* Nothing was changed\.$/);
    expect(store.list().map((h) => h.asset)).toEqual(['BTC']);
    await repair();
    await store.close();
    expect((await open().opening).list().map((h) => h.asset)).toEqual(['BTC']);
  });

  it('moves a damaged file aside, tells the user where it is, and starts empty', async () => {
    await writeFile(join(folder.dir, MANUAL_HOLDINGS_FILE), '{"version":1,"body":{"hold');
    const { opening, told } = open();
    expect((await opening).list()).toEqual([]);
    const kept = (await readdir(folder.dir)).filter((f) =>
      f.startsWith('manual-holdings.corrupt-'),
    );
    expect(kept).toHaveLength(1);
    expect(told).toEqual([expect.stringContaining(`kept as ${join(folder.dir, kept[0] ?? '')}`)]);
    expect(await readFile(join(folder.dir, kept[0] ?? ''), 'utf8')).toBe(
      '{"version":1,"body":{"hold',
    );
  });

  it('leaves a file from a newer Premia untouched and refuses to write over it', async () => {
    const path = join(folder.dir, MANUAL_HOLDINGS_FILE);
    await writeFile(path, '{"version":7,"body":{}}');
    const { opening, told } = open();
    const store = await opening;
    expect(told[0]).toContain('newer version of Premia');
    expect((await refusal(store.add(cold))).code).toBe('unavailable');
    expect(await readFile(path, 'utf8')).toBe('{"version":7,"body":{}}');
  });
});
