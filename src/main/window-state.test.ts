import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualTimers } from '../shared/manual-timers';
import type { Rectangle, TrackedWindow, WindowState } from './window-state';
import {
  WINDOW_STATE_FILE,
  placeWindow,
  readWindowState,
  trackWindowState,
  windowStateWriter,
} from './window-state';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'premia-window-'));
  folders.push(dir);
  return dir;
}

const quiet = { warn: vi.fn() };
const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 875 };
const monitor: Rectangle = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  const onMonitor: WindowState = {
    bounds: { x: 1600, y: 100, width: 1600, height: 1000 },
    maximized: false,
  };

  it('restores the bounds on a display that still holds them', () => {
    expect(placeWindow(onMonitor, [laptop, monitor])).toEqual({
      bounds: onMonitor.bounds,
      maximized: false,
    });
  });

  it('opens at the default place when the display it was on is gone, or too small for it', () => {
    expect(placeWindow(onMonitor, [laptop])).toEqual({ bounds: null, maximized: false });
    const tall: WindowState = {
      bounds: { x: 0, y: 0, width: 1200, height: 1000 },
      maximized: false,
    };
    expect(placeWindow(tall, [laptop]).bounds).toBeNull();
  });

  it('keeps the window maximized wherever it opens', () => {
    expect(placeWindow({ ...onMonitor, maximized: true }, [laptop])).toEqual({
      bounds: null,
      maximized: true,
    });
  });

  it('opens at the default place when nothing was remembered', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: null, maximized: false });
  });
});

describe('the window state file', () => {
  it('reads back what was saved', async () => {
    const dir = await dataDir();
    const state: WindowState = {
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    };
    await windowStateWriter(dir, quiet).save(state);
    expect(await readWindowState(dir, quiet)).toEqual(state);
  });

  it('reads as nothing when missing, and as nothing with a word in the log when damaged', async () => {
    const dir = await dataDir();
    const log = { warn: vi.fn() };
    expect(await readWindowState(dir, log)).toBeNull();
    expect(log.warn).not.toHaveBeenCalled();
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": 1');
    expect(await readWindowState(dir, log)).toBeNull();
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"bounds": {"x": "left"}, "maximized": 1}');
    expect(await readWindowState(dir, log)).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('logs a write that fails instead of throwing it at the window', async () => {
    const dir = await dataDir();
    const log = { warn: vi.fn() };
    await windowStateWriter(join(dir, 'gone'), log).save({
      bounds: { x: 0, y: 0, width: 800, height: 600 },
      maximized: false,
    });
    expect(log.warn).toHaveBeenCalledWith('the window state could not be saved', expect.anything());
  });
});

function fakeWindow() {
  const listeners = new Map<string, (() => void)[]>();
  const win = {
    bounds: { x: 0, y: 0, width: 1280, height: 820 } as Rectangle,
    maximized: false,
    minimized: false,
    fullScreen: false,
    on(event: string, listener: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    getNormalBounds: () => win.bounds,
    isMaximized: () => win.maximized,
    isMinimized: () => win.minimized,
    isFullScreen: () => win.fullScreen,
    emit(event: string) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
  };
  return win satisfies TrackedWindow;
}

describe('trackWindowState', () => {
  it('saves once, a moment after the last of a run of moves and resizes', () => {
    const clock = manualTimers();
    const win = fakeWindow();
    const save = vi.fn(async () => undefined);
    trackWindowState(win, { save }, clock.timers, 500);
    for (let i = 0; i < 5; i++) {
      win.bounds = { ...win.bounds, x: i * 10 };
      win.emit('move');
      clock.advance(100);
    }
    expect(save).not.toHaveBeenCalled();
    win.emit('resize');
    clock.advance(499);
    expect(save).not.toHaveBeenCalled();
    clock.advance(1);
    expect(save).toHaveBeenCalledOnce();
    expect(save).toHaveBeenCalledWith({ bounds: win.bounds, maximized: false });
  });

  it('saves the maximized state with the bounds it had before, and at once on close', () => {
    const clock = manualTimers();
    const win = fakeWindow();
    const save = vi.fn(async () => undefined);
    trackWindowState(win, { save }, clock.timers, 500);
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(save).toHaveBeenCalledWith({ bounds: win.bounds, maximized: true });
    clock.advance(1_000);
    // The close wrote it; the timer it replaced writes nothing more.
    expect(save).toHaveBeenCalledOnce();
  });

  it('keeps the state from before a minimize or full screen', () => {
    const clock = manualTimers();
    const win = fakeWindow();
    const save = vi.fn(async () => undefined);
    trackWindowState(win, { save }, clock.timers, 500);
    win.minimized = true;
    win.emit('resize');
    clock.advance(500);
    win.minimized = false;
    win.fullScreen = true;
    win.emit('close');
    expect(save).not.toHaveBeenCalled();
  });
});

describe('the file written', () => {
  it('is JSON in the data folder', async () => {
    const dir = await dataDir();
    await windowStateWriter(dir, quiet).save({
      bounds: { x: 1, y: 2, width: 900, height: 650 },
      maximized: false,
    });
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      bounds: { x: 1, y: 2, width: 900, height: 650 },
      maximized: false,
    });
  });
});
