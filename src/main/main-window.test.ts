import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from './app-protocol';
import type { KeptWindow } from './main-window';
import { createWindowKeeper, quitsWhenAllClosed, urlWithHash } from './main-window';

function fakeWindow(url: string) {
  const closed: (() => void)[] = [];
  const win = {
    url,
    destroyed: false,
    minimized: false,
    calls: [] as string[],
    isDestroyed: () => win.destroyed,
    isMinimized: () => win.minimized,
    restore: () => void win.calls.push('restore'),
    show: () => void win.calls.push('show'),
    focus: () => void win.calls.push('focus'),
    loadURL: vi.fn(async (next: string) => {
      win.url = next;
    }),
    webContents: { getURL: () => win.url },
    once: (_event: 'closed', listener: () => void) => void closed.push(listener),
    close() {
      win.destroyed = true;
      closed.forEach((listener) => listener());
    },
  };
  return win satisfies KeptWindow;
}

function keeper() {
  const made: ReturnType<typeof fakeWindow>[] = [];
  const log = vi.fn();
  const keep = createWindowKeeper({
    create: (url) => {
      const win = fakeWindow(url);
      made.push(win);
      return win;
    },
    baseUrl: APP_INDEX_URL,
    log,
  });
  return { keep, made, log };
}

describe('the window keeper', () => {
  it('brings a minimized window back rather than opening a second one', () => {
    const { keep, made } = keeper();
    const first = keep.open();
    first.minimized = true;
    expect(keep.open()).toBe(first);
    expect(made).toHaveLength(1);
    expect(first.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('creates the window again once it was closed to the tray', () => {
    const { keep, made } = keeper();
    keep.open().close();
    expect(keep.current()).toBeNull();
    const again = keep.open();
    expect(made).toHaveLength(2);
    expect(again.url).toBe(APP_INDEX_URL);
    expect(keep.current()).toBe(again);
  });

  it("opens a notification's alert in a window created for it when none is open", () => {
    const { keep, made } = keeper();
    keep.open().close();
    const win = keep.openAlert('drift:portfolio:3');
    expect(made).toHaveLength(2);
    const hash = new URLSearchParams(new URL(win.url).hash.slice(1));
    expect(hash.get('page')).toBe('alerts');
    expect(hash.get('alert')).toBe('drift:portfolio:3');
  });

  it("moves an open window to the notification's alert and brings it forward", () => {
    const { keep, made } = keeper();
    const win = keep.open();
    win.url = urlWithHash(APP_INDEX_URL, '#page=markets');
    win.minimized = true;
    keep.openAlert('stale:quotes:1');
    expect(made).toHaveLength(1);
    expect(win.loadURL).toHaveBeenCalledOnce();
    expect(new URL(win.url).hash).toBe('#page=alerts&alert=stale%3Aquotes%3A1');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('logs a failed move to the alert, and still brings the window forward', async () => {
    const { keep, log } = keeper();
    const win = keep.open();
    win.loadURL.mockRejectedValueOnce(new Error('aborted'));
    keep.openAlert('a1');
    await vi.waitFor(() => expect(log).toHaveBeenCalledOnce());
    expect(win.calls).toContain('focus');
  });
});

describe('quitsWhenAllClosed', () => {
  it('quits on Windows and Linux unless Premia keeps watching in the tray, and never on macOS', () => {
    expect(quitsWhenAllClosed('win32', false)).toBe(true);
    expect(quitsWhenAllClosed('linux', false)).toBe(true);
    expect(quitsWhenAllClosed('linux', true)).toBe(false);
    expect(quitsWhenAllClosed('darwin', false)).toBe(false);
    expect(quitsWhenAllClosed('darwin', true)).toBe(false);
  });
});
