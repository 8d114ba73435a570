// The app's icon, read from one place in the app's folder. An app built without it (or run before it
// exists) falls back to none: the window gets the system's default icon, the tray an empty image.
import { join } from 'node:path';

/** Where the icon sits, from the app's root folder. */
export const APP_ICON_FILE = join('resources', 'icons', '512x512.png');

/** The parts of Electron's NativeImage used here. */
export interface ImageLike<I> {
  isEmpty(): boolean;
  resize(options: { width: number; height: number }): I;
}

/** The icon under `appPath`, or null when there is none (Electron reads a missing file as empty). */
export function loadAppIcon<I extends ImageLike<I>>(
  createFromPath: (path: string) => I,
  appPath: string,
): I | null {
  const image = createFromPath(join(appPath, APP_ICON_FILE));
  return image.isEmpty() ? null : image;
}

/** The tray's icon size: 16 points in macOS's menu bar and Windows' notification area, 24 on Linux panels. */
export function trayIconSize(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 24 : 16;
}

/** The icon scaled for the tray, or `empty()` when the app has none. */
export function trayImage<I extends ImageLike<I>>(
  icon: I | null,
  platform: NodeJS.Platform,
  empty: () => I,
): I {
  if (!icon) return empty();
  const size = trayIconSize(platform);
  return icon.resize({ width: size, height: size });
}
