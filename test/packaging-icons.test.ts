// The icon containers written by hand for the installers: an .ico and an .icns around PNG images,
// read back entry by entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  icnsFile,
  icoFile,
  linuxIconPath,
  pngSize,
  readIcns,
  readIco,
} from '../scripts/icon-files';

const root = join(import.meta.dirname, '..');
const png = (size: number): Buffer => readFileSync(join(root, linuxIconPath(size)));

describe('a PNG header', () => {
  it('gives the width and height of the image', () => {
    expect(pngSize(png(48))).toEqual({ width: 48, height: 48 });
  });

  it('is refused in words when the bytes are not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a, not a PNG at all'))).toThrow(/not a PNG image/);
  });
});

describe('an .ico', () => {
  it('lists each image with its size, 256 written as 0, and holds the images as given', () => {
    const ico = icoFile([png(16), png(256)]);
    expect(ico.readUInt8(6 + 16)).toBe(0);
    const images = readIco(ico);
    expect(images.map((image) => image.claimed)).toEqual([16, 256]);
    expect(images[0]?.png.equals(png(16))).toBe(true);
    expect(images[1]?.png.equals(png(256))).toBe(true);
  });

  it('refuses an image larger than an .ico can hold', () => {
    expect(() => icoFile([png(512)])).toThrow(/up to 256 pixels, not 512/);
  });
});

describe('an .icns', () => {
  it('holds each entry under its type, with the length of the whole file in its header', () => {
    const icns = icnsFile(
      new Map([
        ['icp4', png(16)],
        ['ic10', png(1024)],
      ] as const),
    );
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = readIcns(icns);
    expect(entries.map((entry) => entry.type)).toEqual(['icp4', 'ic10']);
    expect(entries[1]?.data.equals(png(1024))).toBe(true);
  });

  it('refuses an image that is not the size its type requires', () => {
    expect(() => icnsFile(new Map([['ic09', png(256)]] as const))).toThrow(
      /ic09 entry holds a 512-pixel image, not 256/,
    );
  });
});
