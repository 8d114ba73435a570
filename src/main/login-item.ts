// Starting Premia when the user logs in. macOS and Windows keep login items themselves (Electron's
// `setLoginItemSettings`); Linux desktops follow the XDG autostart rule: a desktop entry in
// `$XDG_CONFIG_HOME/autostart` (`~/.config/autostart` by default), written when the setting is turned
// on and removed when it is turned off.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { posix } from 'node:path';
import { writeFileAtomic } from '../services/atomic-write';
import { isMissing } from '../services/file-problems';

export interface LoginItem {
  /** Brings the login item in line with the setting; says whether anything had to change. */
  sync(wanted: boolean): Promise<boolean>;
}

/** The parts of Electron's app that keep a login item on macOS and Windows. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

export function electronLoginItem(app: LoginItemApp): LoginItem {
  return {
    async sync(wanted) {
      if (app.getLoginItemSettings().openAtLogin === wanted) return false;
      app.setLoginItemSettings({ openAtLogin: wanted });
      return true;
    },
  };
}

export const AUTOSTART_FILE = 'premia.desktop';

/** Where the autostart entry goes: any non-empty XDG_CONFIG_HOME wins over ~/.config. */
export function autostartPath(env: Record<string, string | undefined>, home: string): string {
  const config = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  return posix.join(config, 'autostart', AUTOSTART_FILE);
}

/** How to start this Premia again: the AppImage when run from one, else the executable (and the app folder in development). */
export function launchCommand(launch: {
  execPath: string;
  appPath: string;
  isPackaged: boolean;
  env: Record<string, string | undefined>;
}): string[] {
  const appImage = launch.env.APPIMAGE;
  if (appImage) return [appImage];
  return launch.isPackaged ? [launch.execPath] : [launch.execPath, launch.appPath];
}

/** Characters the desktop entry rule says an argument must be quoted for. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/** One argument of an Exec line, quoted and escaped by the desktop entry rules. */
function execArgument(arg: string): string {
  const quoted = RESERVED.test(arg) ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  // Field codes start with %; a literal one is doubled. The value is a string, whose own escaping
  // of backslashes applies on top of the quoting's.
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

/** The autostart entry that runs `command`. */
export function desktopEntry(command: readonly string[]): string {
  if (command.some((arg) => /[\n\r]/.test(arg))) {
    throw new Error('a launch command with a line break cannot go in a desktop entry');
  }
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Premia',
    'Comment=Watch the futures premium and rebalance your crypto holdings',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The login item of a Linux desktop: the autostart entry at `path`, running `command`. */
export function xdgLoginItem(path: string, command: readonly string[]): LoginItem {
  return {
    async sync(wanted) {
      let found: string | null;
      try {
        found = await readFile(path, 'utf8');
      } catch (error) {
        if (!isMissing(error)) throw error;
        found = null;
      }
      if (!wanted) {
        if (found === null) return false;
        await rm(path, { force: true });
        return true;
      }
      // An entry of another install, or of this one at an older path, is rewritten.
      const entry = desktopEntry(command);
      if (found === entry) return false;
      await mkdir(posix.dirname(path), { recursive: true });
      await writeFileAtomic(path, entry);
      return true;
    },
  };
}
