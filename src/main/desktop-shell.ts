// How the desktop app lives beside the user's session, apart from Electron: the tray follows the
// "keep watching in the tray" setting and the market, the login item follows "start at login",
// closing the last window quits or not by the platform and that setting, and a click on an alert's
// notification opens the alert. Electron's pieces come in already wrapped (./tray, ./login-item,
// ./main-window), so fakes can stand in for each.
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { PremiaError } from '../shared/errors';
import type { Settings } from '../shared/settings';
import { desktopSettingsSchema } from '../shared/settings';
import { SerialQueue } from '../services/serial-queue';
import type { LoginItem } from './login-item';
import type { KeptWindow, WindowKeeper } from './main-window';
import { quitsWhenAllClosed } from './main-window';
import type { TrayController } from './tray';

export type DesktopSettings = Settings['desktop'];

export interface DesktopShellParts<W extends KeptWindow> {
  platform: NodeJS.Platform;
  api: Pick<PremiaApi, 'getSettings' | 'getSnapshot' | 'getMarketHealth'>;
  keeper: WindowKeeper<W>;
  tray: TrayController;
  loginItem: LoginItem;
  /** Tells the user something went wrong (an error box). */
  tell(title: string, message: string): void;
  log(message: string, error: unknown): void;
}

export interface DesktopShell {
  /** Reads the settings and the market once the services are open, and applies them. */
  started(): Promise<void>;
  /** Takes a services event (the settings and the market's; others are ignored). */
  heard(event: PremiaEvent): void;
  /** Whether closing the last window quits Premia now. */
  quitsWhenAllClosed(): boolean;
  /** The settings applied last; the defaults until the services have said. */
  settings(): DesktopSettings;
  /** Resolves once the login item changes asked for so far are done. */
  idle(): Promise<void>;
}

const DEFAULTS: DesktopSettings = { keepInTray: true, startAtLogin: false };

/** Words for why a login item could not be changed: the app's own, or the system's error message. */
function reasonOf(error: unknown): string {
  if (error instanceof PremiaError) return error.message;
  return error instanceof Error ? error.message : 'the system refused';
}

export function createDesktopShell<W extends KeptWindow>(
  parts: DesktopShellParts<W>,
): DesktopShell {
  let applied: DesktopSettings = DEFAULTS;
  /** What the login item was last brought to; null before, or after a failure. */
  let loginSynced: boolean | null = null;
  // One change of the login item at a time, in the order the settings changed.
  const loginQueue = new SerialQueue();

  function syncLogin(wanted: boolean): Promise<void> {
    return loginQueue.run(async () => {
      if (loginSynced === wanted) return;
      try {
        await parts.loginItem.sync(wanted);
        loginSynced = wanted;
      } catch (error) {
        // Tried again at the next change or start.
        loginSynced = null;
        parts.log('the login item could not be changed', error);
        parts.tell(
          wanted ? 'Premia could not start at login' : 'Premia could not stop starting at login',
          `${wanted ? 'Starting Premia when you log in could not be set up' : 'Premia could not be taken out of the programs started at login'}: ${reasonOf(error)}.`,
        );
      }
    });
  }

  function apply(settings: unknown): Promise<void> {
    const parsed = desktopSettingsSchema.safeParse(settings);
    if (!parsed.success) return Promise.resolve();
    applied = parsed.data;
    parts.tray.setShown(applied.keepInTray);
    return syncLogin(applied.startAtLogin);
  }

  return {
    async started() {
      const [settings, snapshot, health] = await Promise.all([
        parts.api.getSettings(),
        parts.api.getSnapshot(),
        parts.api.getMarketHealth(),
      ]);
      parts.tray.started(snapshot, health);
      await apply(settings.desktop);
    },

    heard(event) {
      if (event.type === 'settings') {
        const settings: unknown = event.settings;
        if (typeof settings === 'object' && settings !== null && 'desktop' in settings) {
          void apply(settings.desktop);
        }
        return;
      }
      parts.tray.heard(event);
    },

    quitsWhenAllClosed: () => quitsWhenAllClosed(parts.platform, applied.keepInTray),

    settings: () => applied,

    idle: () => loginQueue.idle(),
  };
}
