import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../core';
import { fakeApi } from '../shared/fake-api';
import type { Settings } from '../shared/settings';
import { createDesktopShell } from './desktop-shell';
import type { KeptWindow, WindowKeeper } from './main-window';
import type { TrayController } from './tray';
import { asset, health, snapshot } from './tray-testing';

function fakeTray() {
  const heard: string[] = [];
  const started = vi.fn((_snapshot: unknown, _health: unknown) => undefined);
  let shown = false;
  const tray: TrayController = {
    get shown() {
      return shown;
    },
    setShown: (next) => {
      shown = next;
    },
    heard: (event) => void heard.push(event.type),
    started,
  };
  return { tray, heard, started };
}

const noKeeper: WindowKeeper<KeptWindow> = {
  current: () => null,
  open: () => {
    throw new Error('not used');
  },
  openAlert: () => {
    throw new Error('not used');
  },
};

function settingsWith(desktop: Settings['desktop']): Settings {
  return { ...defaultSettings(), desktop };
}

function shellFor(options: {
  platform?: NodeJS.Platform;
  settings?: Settings;
  sync?: (wanted: boolean) => Promise<boolean>;
}) {
  const { tray, heard, started } = fakeTray();
  const sync = vi.fn(options.sync ?? (async () => true));
  const tell = vi.fn();
  const log = vi.fn();
  const shell = createDesktopShell({
    platform: options.platform ?? 'linux',
    api: fakeApi({
      getSettings: async () => options.settings ?? defaultSettings(),
      getSnapshot: async () => snapshot(asset('BTC', 'neutral')),
      getMarketHealth: async () => health('live'),
    }),
    keeper: noKeeper,
    tray,
    loginItem: { sync },
    tell,
    log,
  });
  return { shell, tray, heard, started, sync, tell, log };
}

describe('the desktop shell', () => {
  it('shows the tray and keeps running when the window closes, by default, with the market read at start', async () => {
    const { shell, tray, started, sync } = shellFor({});
    await shell.started();
    expect(started).toHaveBeenCalledWith(snapshot(asset('BTC', 'neutral')), health('live'));
    expect(tray.shown).toBe(true);
    expect(shell.quitsWhenAllClosed()).toBe(false);
    expect(sync).toHaveBeenCalledWith(false);
  });

  it('takes the tray away and quits with the last window once keeping watch is turned off', async () => {
    const { shell, tray } = shellFor({});
    await shell.started();
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: false, startAtLogin: false }),
    });
    expect(tray.shown).toBe(false);
    expect(shell.quitsWhenAllClosed()).toBe(true);
  });

  it('never quits with the last window on macOS', async () => {
    const { shell } = shellFor({
      platform: 'darwin',
      settings: settingsWith({ keepInTray: false, startAtLogin: false }),
    });
    await shell.started();
    expect(shell.quitsWhenAllClosed()).toBe(false);
  });

  it('changes the login item when start at login changes, and only then', async () => {
    const { shell, sync } = shellFor({});
    await shell.started();
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: true, startAtLogin: true }),
    });
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: false, startAtLogin: true }),
    });
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: false, startAtLogin: false }),
    });
    await shell.idle();
    expect(sync.mock.calls.map(([wanted]) => wanted)).toEqual([false, true, false]);
  });

  it('tells the user when the login item cannot be changed, and tries again on the next change', async () => {
    let fail = false;
    const { shell, sync, tell } = shellFor({
      sync: async () => {
        if (fail) throw new Error("EACCES: permission denied, open '/home/a/.config/autostart'");
        return true;
      },
    });
    await shell.started();
    fail = true;
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: true, startAtLogin: true }),
    });
    await shell.idle();
    expect(tell).toHaveBeenCalledWith(
      'Premia could not start at login',
      expect.stringMatching(/could not be set up: EACCES: permission denied/),
    );
    fail = false;
    shell.heard({
      type: 'settings',
      settings: settingsWith({ keepInTray: false, startAtLogin: true }),
    });
    await shell.idle();
    expect(sync).toHaveBeenLastCalledWith(true);
    expect(tell).toHaveBeenCalledOnce();
  });

  it('passes the market events on to the tray, and ignores settings that are not settings', async () => {
    const { shell, tray, heard } = shellFor({});
    await shell.started();
    shell.heard({ type: 'market-health', health: health('paused') });
    shell.heard({
      type: 'settings',
      settings: { desktop: { keepInTray: 'no' } } as unknown as Settings,
    });
    expect(heard).toEqual(['market-health']);
    expect(tray.shown).toBe(true);
  });
});
