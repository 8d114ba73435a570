import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ICON_FILE, loadAppIcon, trayImage } from './app-icon';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  it('is read from the 512-pixel icon under resources/icons in the app folder', () => {
    expect(loadAppIcon(present, '/opt/premia')?.path).toBe(
      join('/opt/premia', 'resources', 'icons', '512x512.png'),
    );
  });

  it('is a file the project holds, so a checkout and a package both show it', () => {
    const png = readFileSync(join(PROJECT_DIR, APP_ICON_FILE));
    // A PNG's signature, then the IHDR chunk's width and height.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
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
