import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ICON_FILE, loadAppIcon, trayImage } from './app-icon';

class FakeImage {
  constructor(
    readonly path: string | null,
    readonly size: number | null = null,
  ) {}
  isEmpty(): boolean {
    return this.path === null;
  }
  resize(options: { width: number; height: number }): FakeImage {
    return new FakeImage(this.path, options.width);
  }
}

const present = (path: string) => new FakeImage(path);
const missing = () => new FakeImage(null);

describe('the app icon', () => {
  it('is read from resources/icon.png in the app folder', () => {
    expect(loadAppIcon(present, '/opt/premia')?.path).toBe(join('/opt/premia', APP_ICON_FILE));
  });

  it('is none when the file is missing, and the tray then gets an empty image', () => {
    const icon = loadAppIcon(missing, '/opt/premia');
    expect(icon).toBeNull();
    expect(trayImage(icon, 'linux', missing).isEmpty()).toBe(true);
  });

  it('is scaled for the tray of each platform', () => {
    const icon = loadAppIcon(present, '/opt/premia');
    expect(trayImage(icon, 'darwin', missing).size).toBe(16);
    expect(trayImage(icon, 'win32', missing).size).toBe(16);
    expect(trayImage(icon, 'linux', missing).size).toBe(24);
  });
});
