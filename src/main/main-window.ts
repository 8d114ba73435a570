// Premia's one window, kept so that every way back to it (the tray, a second launch, the Dock, a
// click on an alert's notification) brings it forward, creating it again when it was closed to the
// tray, and, for a notification, on the alert's view. Also when closing the last window quits.
import { hashWithAlert } from '../shared/app-route';

/** The parts of Electron's BrowserWindow the keeper uses. */
export interface KeptWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  loadURL(url: string): Promise<void>;
  readonly webContents: { getURL(): string };
  once(event: 'closed', listener: () => void): unknown;
}

export interface WindowKeeper<W extends KeptWindow> {
  /** The window, while one is open. */
  current(): W | null;
  /** Brings the window forward (creating it when there is none). */
  open(): W;
  /** Brings the window forward on one alert, on the Alerts page. */
  openAlert(alertId: string): W;
}

export interface WindowKeeperOptions<W> {
  /** Creates the window on `url`; it shows itself once ready. */
  create(url: string): W;
  /** The page's URL when there is no window to take it from. */
  baseUrl: string;
  log(message: string, error: unknown): void;
}

/** `url` with its hash replaced by `hash`. */
export function urlWithHash(url: string, hash: string): string {
  const parsed = new URL(url);
  parsed.hash = hash;
  return parsed.href;
}

function hashOf(url: string): string {
  try {
    return new URL(url).hash;
  } catch {
    return '';
  }
}

export function createWindowKeeper<W extends KeptWindow>(
  options: WindowKeeperOptions<W>,
): WindowKeeper<W> {
  let win: W | null = null;

  const current = (): W | null => (win && !win.isDestroyed() ? win : null);

  function make(url: string): W {
    const made = options.create(url);
    win = made;
    made.once('closed', () => {
      if (win === made) win = null;
    });
    return made;
  }

  function forward(existing: W): W {
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return existing;
  }

  return {
    current,

    open() {
      const existing = current();
      return existing ? forward(existing) : make(options.baseUrl);
    },

    openAlert(alertId) {
      const existing = current();
      if (!existing) return make(urlWithHash(options.baseUrl, hashWithAlert('', alertId)));
      const url = existing.webContents.getURL() || options.baseUrl;
      // Only the hash changes: the page follows it without reloading.
      existing
        .loadURL(urlWithHash(url, hashWithAlert(hashOf(url), alertId)))
        .catch((error: unknown) => options.log('the window could not open the alert', error));
      return forward(existing);
    },
  };
}

/**
 * Whether closing the last window quits Premia. On macOS never (the app stays in the Dock until
 * quit, as macOS apps do); on Windows and Linux unless it keeps watching in the tray.
 */
export function quitsWhenAllClosed(platform: NodeJS.Platform, keepInTray: boolean): boolean {
  return platform !== 'darwin' && !keepInTray;
}
