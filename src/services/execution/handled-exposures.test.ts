import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANDLED_EXPOSURES_FILE, openHandledExposures } from './handled-exposures';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-handled-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the exposures dealt with by hand', () => {
  it('keeps a cause on the disk, so a later Premia knows it too', async () => {
    const told: string[] = [];
    const first = await openHandledExposures({
      dataDir: dir,
      now: () => 42,
      tell: told.push.bind(told),
    });
    expect(first.has('unhedged:plan1:p1')).toBe(false);
    await first.add('unhedged:plan1:p1');
    await first.add('unhedged:plan1:p1');
    expect(first.has('unhedged:plan1:p1')).toBe(true);

    const later = await openHandledExposures({
      dataDir: dir,
      now: () => 43,
      tell: told.push.bind(told),
    });
    expect(later.has('unhedged:plan1:p1')).toBe(true);
    expect(later.has('unhedged:plan1:p2')).toBe(false);
    const saved = JSON.parse(await readFile(join(dir, HANDLED_EXPOSURES_FILE), 'utf8')) as unknown;
    expect(saved).toEqual({ v: 1, handled: [{ cause: 'unhedged:plan1:p1', at: 42 }] });
    expect(told).toEqual([]);
  });

  it('reads a damaged file as empty and says so', async () => {
    await writeFile(join(dir, HANDLED_EXPOSURES_FILE), '{"v":1,"handled":"nope"}');
    const told: string[] = [];
    const handled = await openHandledExposures({
      dataDir: dir,
      now: () => 1,
      tell: told.push.bind(told),
    });
    expect(handled.has('nope')).toBe(false);
    expect(told).toEqual([expect.stringContaining('could not be read')]);
    await writeFile(join(dir, HANDLED_EXPOSURES_FILE), 'not json');
    await openHandledExposures({ dataDir: dir, now: () => 1, tell: told.push.bind(told) });
    expect(told).toHaveLength(2);
  });
});
