// Draws every icon in resources/ from resources/icon.svg: `npm run dist:icons`. Chromium (through
// Playwright, already used by the end-to-end tests) rasterises the SVG at each size, so the small
// sizes are drawn from the vector rather than scaled down from a large bitmap. The files it writes are
// committed: packaging needs no browser.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import type { MacIconType } from './icon-files';
import {
  ICON_SOURCE,
  LINUX_ICON_SIZES,
  MAC_ICON,
  MAC_ICON_TYPES,
  WINDOWS_ICON,
  WINDOWS_ICON_SIZES,
  icnsFile,
  icoFile,
  linuxIconPath,
  pngSize,
} from './icon-files';

const projectDir = join(import.meta.dirname, '..');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

async function main(): Promise<void> {
  const svg = await readFile(join(projectDir, ICON_SOURCE));
  const sizes = [
    ...new Set<number>([
      ...LINUX_ICON_SIZES,
      ...WINDOWS_ICON_SIZES,
      ...Object.values(MAC_ICON_TYPES),
    ]),
  ];
  const browser = await chromium.launch(
    existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {},
  );
  const pngs = new Map<number, Buffer>();
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
    const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    for (const size of sizes) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          `<img id="icon" src="${source}" width="${size}" height="${size}" style="display:block">` +
          `</body></html>`,
      );
      // Drawn only once decoded; the page is DOM code, which this Node-typed script does not type.
      await page.evaluate('document.getElementById("icon").decode()');
      const png = await page.screenshot({
        clip: { x: 0, y: 0, width: size, height: size },
        omitBackground: true,
      });
      const drawn = pngSize(png);
      if (drawn.width !== size || drawn.height !== size) {
        throw new Error(`Chromium drew ${drawn.width}×${drawn.height} for ${size}×${size}`);
      }
      pngs.set(size, png);
    }
  } finally {
    await browser.close();
  }
  const png = (size: number): Buffer => {
    const found = pngs.get(size);
    if (!found) throw new Error(`no ${size}-pixel image was drawn`);
    return found;
  };
  const write = async (path: string, bytes: Buffer): Promise<void> => {
    await mkdir(dirname(join(projectDir, path)), { recursive: true });
    await writeFile(join(projectDir, path), bytes);
    process.stdout.write(`${path}\n`);
  };
  for (const size of LINUX_ICON_SIZES) await write(linuxIconPath(size), png(size));
  await write(WINDOWS_ICON, icoFile(WINDOWS_ICON_SIZES.map(png)));
  const macTypes = Object.entries(MAC_ICON_TYPES) as [MacIconType, number][];
  await write(MAC_ICON, icnsFile(new Map(macTypes.map(([type, size]) => [type, png(size)]))));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The icons could not be drawn: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
