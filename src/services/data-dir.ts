// Where Premia keeps its files: the folder Electron uses as `userData` for an app named Premia, so the
// desktop app and the headless host read and write the same documents.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'Premia';

export interface PlatformContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

function currentPlatform(): PlatformContext {
  return { platform: process.platform, env: process.env, home: homedir() };
}

/**
 * Electron's `appData` for the platform (`%APPDATA%` on Windows, `~/Library/Application Support` on
 * macOS, `$XDG_CONFIG_HOME` or `~/.config` elsewhere) joined with `Premia`.
 */
export function defaultDataDir(context: PlatformContext = currentPlatform()): string {
  const { platform, env, home } = context;
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  }
  // As Chromium does: any non-empty XDG_CONFIG_HOME wins over ~/.config.
  const config = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  return posix.join(config, APP_DIR_NAME);
}
