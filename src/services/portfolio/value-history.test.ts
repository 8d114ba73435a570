import { describe, expect, it } from 'vitest';
import { historyFolder } from '../history/history-testing';
import { historyValueHistory } from './value-history';

const folder = historyFolder();

describe('the value history', () => {
  it('reads back the values appended, oldest first, within the range asked', async () => {
    const store = await folder.openStore();
    const history = historyValueHistory(store);
    await history.append(1_000, 50_000);
    await history.append(2_000, 51_000.5);
    await history.append(3_000, 49_000);
    expect(await history.read({})).toEqual([
      [1_000, 50_000],
      [2_000, 51_000.5],
      [3_000, 49_000],
    ]);
    expect(await history.read({ from: 1_500, to: 2_500 })).toEqual([[2_000, 51_000.5]]);
  });

  it('keeps its points on disk across a restart of the store', async () => {
    const store = await folder.openStore();
    await historyValueHistory(store).append(1_000, 42);
    await store.close();
    const again = historyValueHistory(await folder.openStore());
    expect(await again.read({})).toEqual([[1_000, 42]]);
  });
});
