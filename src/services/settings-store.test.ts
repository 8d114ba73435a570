import { mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../core';
import { PremiaError } from '../shared/errors';
import type { Settings, SettingsPatch } from '../shared/settings';
import { SETTINGS_VERSION } from '../shared/settings';
import { NoticeBoard } from './notices';
import type { SettingsStore } from './settings-store';
import { LAST_GOOD_FILE, openSettingsStore, SETTINGS_FILE } from './settings-store';

// 2024-03-05T06:07:08.009Z
const CLOCK = Date.UTC(2024, 2, 5, 6, 7, 8, 9);
const STAMP = '2024-03-05T06-07-08-009Z';

let dir: string;
let open: SettingsStore[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-settings-'));
  open = [];
});

afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function openStore(notices = new NoticeBoard(), now = () => CLOCK): Promise<SettingsStore> {
  const store = await openSettingsStore({ dataDir: dir, now, notices });
  open.push(store);
  return store;
}

const file = () => join(dir, SETTINGS_FILE);
const lastGood = () => join(dir, LAST_GOOD_FILE);
const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

/** A caught rejection, so its fields can be checked one by one. */
async function refusal(promise: Promise<unknown>): Promise<PremiaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PremiaError))
    throw new Error(`expected a PremiaError, got ${String(error)}`);
  return error;
}

/** Settings that differ from the defaults in a way every test can see. */
const customised: SettingsPatch = {
  thresholds: {
    fixed: { deepBelow: -0.15, moderateFrom: 0.06, extremeAbove: 0.25, extremeExit: 0.04 },
  },
  assets: { tracked: ['BTC', 'ETH', 'SOL'], mix: { BTC: 0.5, ETH: 0.3, SOL: 0.2 } },
};

/** Opens a store, saves `customised`, closes it: the last-good copy then holds customised settings. */
async function saveCustomised(): Promise<Settings> {
  const store = await openSettingsStore({ dataDir: dir, now: () => CLOCK });
  const saved = await store.update(customised);
  await store.close();
  return saved;
}

describe('opening the settings store', () => {
  it('writes the defaults and a last-good copy when there is no settings file', async () => {
    const notices = new NoticeBoard();
    const store = await openStore(notices);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.persistent).toBe(true);
    expect(store.file).toBe(file());
    expect(await readJson(file())).toEqual(defaultSettings());
    expect(await readJson(lastGood())).toEqual(defaultSettings());
    expect(notices.list()).toEqual([]);
  });

  it('creates the data folder when it does not exist', async () => {
    const nested = join(dir, 'a', 'b');
    const store = await openSettingsStore({ dataDir: nested });
    open.push(store);
    expect(await readJson(join(nested, SETTINGS_FILE))).toEqual(defaultSettings());
  });

  it('opens a saved file naming an exchange Premia has no connection to on Binance, saying why', async () => {
    const old = { ...defaultSettings(), version: 1 };
    await writeFile(
      file(),
      JSON.stringify({ ...old, market: { ...old.market, exchange: 'bybit' } }),
    );
    const notices = new NoticeBoard();
    const store = await openStore(notices);
    expect(store.get().market.exchange).toBe('binance');
    expect(await readJson(file())).toMatchObject({
      version: SETTINGS_VERSION,
      market: { exchange: 'binance' },
    });
    expect(notices.list()).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^Your settings chose Bybit as the exchange, but Premia has no connection to Bybit/,
        ),
      }),
    ]);
  });

  it('recreates a missing last-good copy from a sound settings file', async () => {
    const saved = await saveCustomised();
    await unlink(lastGood());
    await openStore();
    expect(await readJson(lastGood())).toEqual(saved);
  });
});

describe('updating settings', () => {
  it('keeps an update across a reopen', async () => {
    const first = await openStore();
    const saved = await first.update(customised);
    expect(saved.thresholds.fixed.extremeAbove).toBe(0.25);
    expect(saved.assets.mix).toEqual({ BTC: 0.5, ETH: 0.3, SOL: 0.2 });
    await first.close();

    const second = await openStore();
    expect(second.get()).toEqual(saved);
    expect(await readJson(file())).toEqual(saved);
  });

  it('refreshes the last-good copy after every write', async () => {
    const store = await openStore();
    await store.update({ rebalance: { driftBand: 0.1 } });
    expect(await readFile(lastGood(), 'utf8')).toBe(await readFile(file(), 'utf8'));
    await store.update({ rebalance: { driftBand: 0.2 } });
    expect(await readJson(lastGood())).toMatchObject({ rebalance: { driftBand: 0.2 } });
  });

  it('replaces the file by renaming a new one over it rather than rewriting it in place', async () => {
    const store = await openStore();
    const before = await stat(file());
    await store.update({ rebalance: { driftBand: 0.1 } });
    const after = await stat(file());
    expect(after.ino).not.toBe(before.ino);
    const leftovers = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('keeps the other keys of a group it patches and the groups it does not', async () => {
    const store = await openStore();
    const saved = await store.update({ signal: { averagingWindowDays: 14 } });
    const expected = defaultSettings();
    expected.signal.averagingWindowDays = 14;
    expect(saved).toEqual(expected);
  });

  it('replaces a nested object whole, so a partial threshold set is refused', async () => {
    const store = await openStore();
    const error = await refusal(
      store.update({
        thresholds: { fixed: { deepBelow: -0.2 } as Settings['thresholds']['fixed'] },
      }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('thresholds.fixed.moderateFrom');
  });

  it('stores the normalised form of what it accepts', async () => {
    const store = await openStore();
    const saved = await store.update({ assets: { tracked: [' sol ', 'btc'] } });
    expect(saved.assets.tracked).toEqual(['SOL', 'BTC']);
    expect(await readJson(file())).toMatchObject({ assets: { tracked: ['SOL', 'BTC'] } });
  });

  it('refuses weights that do not sum to 100%, naming the field, and leaves both files byte for byte', async () => {
    const store = await openStore();
    await store.update({ rebalance: { driftBand: 0.1 } });
    const mainBefore = await readFile(file());
    const backupBefore = await readFile(lastGood());
    const mtimeBefore = (await stat(file())).mtimeMs;

    const error = await refusal(
      store.update({ policy: { neutral: { spot: 0.8, hedged: 0, stable: 0.3 } } }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('policy.neutral');
    expect(error.message).toBe('policy.neutral: weights must sum to 100% (they sum to 110.00%)');

    expect((await readFile(file())).equals(mainBefore)).toBe(true);
    expect((await readFile(lastGood())).equals(backupBefore)).toBe(true);
    expect((await stat(file())).mtimeMs).toBe(mtimeBefore);
    expect(store.get().policy.neutral).toEqual(defaultSettings().policy.neutral);
  });

  it('refuses a value of the wrong type, naming the field', async () => {
    const store = await openStore();
    const patch = { rebalance: { leverageCap: 'two' } } as unknown as SettingsPatch;
    const error = await refusal(store.update(patch));
    expect(error.field).toBe('rebalance.leverageCap');
    expect(error.message).toMatch(/^rebalance\.leverageCap: /);
    expect(store.get()).toEqual(defaultSettings());
  });

  it('refuses a setting or a group it does not know', async () => {
    const store = await openStore();
    const unknownKey = await refusal(
      store.update({ signal: { colour: 'red' } } as unknown as SettingsPatch),
    );
    expect(unknownKey.message).toBe('signal.colour: is not a known setting');
    expect(unknownKey.field).toBe('signal.colour');

    const unknownGroup = await refusal(store.update({ version: 2 } as unknown as SettingsPatch));
    expect(unknownGroup.field).toBe('version');
    expect(unknownGroup.code).toBe('invalid-input');

    const notAnObject = await refusal(store.update('policy' as unknown as SettingsPatch));
    expect(notAnObject.code).toBe('invalid-input');
    expect(await readJson(file())).toEqual(defaultSettings());
  });

  it('applies two updates made at once one after the other, in call order', async () => {
    const store = await openStore();
    const first = store.update({ signal: { averagingWindowDays: 10 } });
    const second = store.update({ rebalance: { driftBand: 0.12 } });
    const third = store.update({ signal: { averagingWindowDays: 21 } });
    const [a, b, c] = await Promise.all([first, second, third]);

    expect(a.signal.averagingWindowDays).toBe(10);
    expect(a.rebalance.driftBand).toBe(defaultSettings().rebalance.driftBand);
    expect(b.signal.averagingWindowDays).toBe(10);
    expect(b.rebalance.driftBand).toBe(0.12);
    expect(c.signal.averagingWindowDays).toBe(21);
    expect(c.rebalance.driftBand).toBe(0.12);
    expect(await readJson(file())).toEqual(c);
  });

  it('goes on with later updates after one in the queue is refused', async () => {
    const store = await openStore();
    const bad = store.update({ rebalance: { leverageCap: 50 } });
    const good = store.update({ rebalance: { leverageCap: 3 } });
    await expect(bad).rejects.toMatchObject({ field: 'rebalance.leverageCap' });
    expect((await good).rebalance.leverageCap).toBe(3);
    expect(await readJson(file())).toMatchObject({ rebalance: { leverageCap: 3 } });
  });

  it('hands out copies, so changing what it returns changes nothing stored', async () => {
    const store = await openStore();
    const got = store.get();
    got.rebalance.leverageCap = 9;
    expect(store.get().rebalance.leverageCap).toBe(2);
  });

  it('resets to the defaults and saves them', async () => {
    const store = await openStore();
    await store.update(customised);
    const reset = await store.reset();
    expect(reset).toEqual(defaultSettings());
    expect(await readJson(file())).toEqual(defaultSettings());
    expect(await readJson(lastGood())).toEqual(defaultSettings());
  });

  it('reports a save the disk refuses as unavailable and keeps the settings it had', async () => {
    const store = await openStore();
    const before = await readFile(file());
    // A folder where the writer wants its temp file makes the write fail, even for root.
    await mkdir(join(dir, `.${SETTINGS_FILE}.tmp`));
    const error = await refusal(store.update({ rebalance: { driftBand: 0.1 } }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(file());
    expect(store.get()).toEqual(defaultSettings());
    expect((await readFile(file())).equals(before)).toBe(true);
  });

  it('refuses updates once closed', async () => {
    const store = await openStore();
    await store.close();
    const error = await refusal(store.update({ rebalance: { driftBand: 0.1 } }));
    expect(error.code).toBe('unavailable');
  });
});

describe('recovering a damaged settings file', () => {
  const damage: [string, string][] = [
    ['garbage', '\u0000\u0001 not json at all \u00ff'],
    ['truncated JSON', '{"version":1,"thresholds":{"mode":"fixed","fixed":{"deepBelow":-0.1'],
    ['an empty file', ''],
    [
      'valid JSON that fails the schema',
      JSON.stringify({ ...defaultSettings(), rebalance: { driftBand: 'wide' } }),
    ],
    ['a JSON null', 'null'],
    ['a document without a version', JSON.stringify({ thresholds: {} })],
  ];

  it.each(damage)(
    'restores the last-good copy over %s, tells the user and keeps the damaged file',
    async (_what, content) => {
      const saved = await saveCustomised();
      await writeFile(file(), content);
      const notices = new NoticeBoard();
      const store = await openStore(notices);

      expect(store.get()).toEqual(saved);
      expect(await readJson(file())).toEqual(saved);

      const kept = join(dir, `settings.corrupt-${STAMP}.json`);
      expect(await readFile(kept, 'utf8')).toBe(content);

      const [notice, ...others] = notices.list();
      expect(others).toEqual([]);
      expect(notice).toMatchObject({ level: 'warning', at: CLOCK });
      expect(notice!.message).toContain('restored from the last good copy');
      expect(notice!.message).toContain(kept);
    },
  );

  it("words a setting that fails its check for people, without the checker's own phrasing", async () => {
    await saveCustomised();
    await writeFile(file(), JSON.stringify({ ...defaultSettings(), market: { source: 'paper' } }));
    const notices = new NoticeBoard();
    await openStore(notices);
    const message = notices.list()[0]!.message;
    expect(message).toContain('market.source');
    expect(message).not.toMatch(/Invalid (option|input)|expected one of/);
  });

  it('names what was wrong with the file in the notice', async () => {
    await saveCustomised();
    await writeFile(file(), '');
    const notices = new NoticeBoard();
    await openStore(notices);
    expect(notices.list()[0]!.message).toContain('it is empty');
  });

  it('starts from the defaults when the last-good copy is damaged too, keeping both damaged files', async () => {
    await saveCustomised();
    await writeFile(file(), '{"version":1,');
    await writeFile(lastGood(), 'also broken');
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.get()).toEqual(defaultSettings());
    expect(await readJson(file())).toEqual(defaultSettings());
    expect(await readJson(lastGood())).toEqual(defaultSettings());
    expect(await readFile(join(dir, `settings.corrupt-${STAMP}.json`), 'utf8')).toBe(
      '{"version":1,',
    );
    expect(await readFile(join(dir, `settings.last-good.corrupt-${STAMP}.json`), 'utf8')).toBe(
      'also broken',
    );
    const [notice] = notices.list();
    expect(notice).toMatchObject({ level: 'warning', at: CLOCK });
    expect(notice!.message).toContain('default settings');
    expect(notice!.message).toContain(join(dir, `settings.corrupt-${STAMP}.json`));
  });

  it('starts from the defaults when there is no last-good copy', async () => {
    await saveCustomised();
    await unlink(lastGood());
    await writeFile(file(), 'garbage');
    const notices = new NoticeBoard();
    const store = await openStore(notices);
    expect(store.get()).toEqual(defaultSettings());
    expect(notices.list()[0]!.message).toContain('no last good copy');
    expect(await readFile(join(dir, `settings.corrupt-${STAMP}.json`), 'utf8')).toBe('garbage');
  });

  it('never overwrites an earlier damaged copy kept at the same moment', async () => {
    await saveCustomised();
    await writeFile(file(), 'first damage');
    await (await openStore()).close();
    await writeFile(file(), 'second damage');
    await openStore();
    expect(await readFile(join(dir, `settings.corrupt-${STAMP}.json`), 'utf8')).toBe(
      'first damage',
    );
    expect(await readFile(join(dir, `settings.corrupt-${STAMP}-2.json`), 'utf8')).toBe(
      'second damage',
    );
  });
});

describe('recovering a deleted settings file', () => {
  it('restores the last good copy, leaves it as it was and tells the user', async () => {
    const saved = await saveCustomised();
    const backupBefore = await readFile(lastGood());
    await unlink(file());
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.get()).toEqual(saved);
    expect(store.persistent).toBe(true);
    expect(await readJson(file())).toEqual(saved);
    expect((await readFile(lastGood())).equals(backupBefore)).toBe(true);
    const [notice, ...others] = notices.list();
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ level: 'warning', at: CLOCK });
    expect(notice!.message).toContain('was missing');
    expect(notice!.message).toContain('restored from the last good copy');
    expect(notice!.message).toContain(file());
  });

  it('keeps a damaged last good copy aside and says the defaults are in use', async () => {
    await saveCustomised();
    await unlink(file());
    await writeFile(lastGood(), '{"version":1,');
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.get()).toEqual(defaultSettings());
    const kept = join(dir, `settings.last-good.corrupt-${STAMP}.json`);
    expect(await readFile(kept, 'utf8')).toBe('{"version":1,');
    const [notice] = notices.list();
    expect(notice!.message).toContain('was missing');
    expect(notice!.message).toContain('default settings');
    expect(notice!.message).toContain(kept);
  });

  it('leaves a last good copy from a newer Premia untouched and saves nothing', async () => {
    const newer = JSON.stringify({ version: SETTINGS_VERSION + 1 });
    await writeFile(lastGood(), newer);
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.persistent).toBe(false);
    expect(store.get()).toEqual(defaultSettings());
    await store.update({ rebalance: { driftBand: 0.2 } });
    expect(await readFile(lastGood(), 'utf8')).toBe(newer);
    expect((await readdir(dir)).sort()).toEqual([LAST_GOOD_FILE]);
    expect(notices.list()[0]!.message).toContain('newer version of Premia');
  });
});

describe('a folder where a settings file belongs', () => {
  it('moves a folder named like the settings file aside and restores the last good copy', async () => {
    const saved = await saveCustomised();
    await unlink(file());
    await mkdir(file());
    await writeFile(join(file(), 'inside.txt'), 'kept');
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.get()).toEqual(saved);
    expect(await readJson(file())).toEqual(saved);
    const kept = join(dir, `settings.corrupt-${STAMP}.json`);
    expect(await readFile(join(kept, 'inside.txt'), 'utf8')).toBe('kept');
    const [notice] = notices.list();
    expect(notice!.message).toContain('it is a folder, not a file');
    expect(notice!.message).toContain('restored from the last good copy');
    expect(notice!.message).toContain(kept);
  });

  it('moves a folder named like the last good copy aside, writes a new copy and says so', async () => {
    const saved = await saveCustomised();
    await unlink(lastGood());
    await mkdir(lastGood());
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.get()).toEqual(saved);
    expect(await readJson(lastGood())).toEqual(saved);
    const kept = join(dir, `settings.last-good.corrupt-${STAMP}.json`);
    expect((await stat(kept)).isDirectory()).toBe(true);
    const [notice] = notices.list();
    expect(notice!.message).toContain(lastGood());
    expect(notice!.message).toContain(kept);
    expect(notice!.message).toContain('your settings are unchanged');
  });

  it('refuses a data folder that is a file with an unavailable error in words', async () => {
    const notAFolder = join(dir, 'Premia');
    await writeFile(notAFolder, 'x');
    const error = await refusal(openSettingsStore({ dataDir: notAFolder }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      `Premia cannot use its data folder: ${notAFolder} is a file where Premia expects a folder (EEXIST).`,
    );
  });

  it('refuses to open when its settings cannot be written, naming the path in words', async () => {
    // A folder where the writer wants its temp file makes the first write fail, even for root.
    await mkdir(join(dir, `.${SETTINGS_FILE}.tmp`));
    const error = await refusal(openSettingsStore({ dataDir: dir }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(
      /^Premia could not open your settings: .+ is a folder where Premia expects a file \(EISDIR\)\.$/,
    );
  });
});

describe('a settings file from a newer Premia', () => {
  const newer = JSON.stringify({ version: SETTINGS_VERSION + 1, somethingNew: { a: 1 } }, null, 2);

  it('is left untouched while defaults are used in memory, and the user is told', async () => {
    await saveCustomised();
    await writeFile(file(), newer);
    const backupBefore = await readFile(lastGood());
    const notices = new NoticeBoard();
    const store = await openStore(notices);

    expect(store.persistent).toBe(false);
    expect(store.get()).toEqual(defaultSettings());
    const [notice] = notices.list();
    expect(notice).toMatchObject({ level: 'warning', at: CLOCK });
    expect(notice!.message).toContain('newer version of Premia');
    expect(notice!.message).toContain('will not be saved');

    const changed = await store.update({ rebalance: { driftBand: 0.2 } });
    expect(changed.rebalance.driftBand).toBe(0.2);
    expect(store.get().rebalance.driftBand).toBe(0.2);
    await store.reset();
    await store.close();

    expect(await readFile(file(), 'utf8')).toBe(newer);
    expect((await readFile(lastGood())).equals(backupBefore)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([LAST_GOOD_FILE, SETTINGS_FILE].sort());
  });

  it('as the only backup of a damaged file, leaves both files untouched', async () => {
    await writeFile(file(), 'garbage');
    await writeFile(lastGood(), newer);
    const notices = new NoticeBoard();
    const store = await openStore(notices);
    expect(store.persistent).toBe(false);
    expect(store.get()).toEqual(defaultSettings());
    expect(await readFile(file(), 'utf8')).toBe('garbage');
    expect(await readFile(lastGood(), 'utf8')).toBe(newer);
    expect(notices.list()[0]!.message).toContain('newer version of Premia');
  });
});
