// The icon files the installers ask for, and how each is laid out: PNGs at every size the Linux desktops
// use, a Windows .ico and a macOS .icns. Both containers are written here by hand: each is a short
// header and a table of contents around PNG images (which both formats accept), a few lines that save
// a dependency and any native image tool.

/** Where the icons live, relative to the project. */
export const ICON_SOURCE = 'resources/icon.svg';
export const LINUX_ICON_DIR = 'resources/icons';
export const WINDOWS_ICON = 'resources/icon.ico';
export const MAC_ICON = 'resources/icon.icns';

/** The Linux PNG sizes: the hicolor theme's 16…512, and 1024 for high-density docks and stores. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** The sizes in the .ico: Windows picks among them for title bars, the taskbar and Explorer. */
export const WINDOWS_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/**
 * The .icns entries holding PNG data, each with the pixel size it must be. The `ic1x` types are the
 * @2x (Retina) variants of a smaller point size.
 */
export const MAC_ICON_TYPES = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
} as const satisfies Record<string, number>;

export const linuxIconPath = (size: number): string => `${LINUX_ICON_DIR}/${size}x${size}.png`;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's width and height from its header; an error in words when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG image (its signature is missing)');
  }
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG image (its first chunk is not IHDR)');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function squareSize(png: Uint8Array, what: string): number {
  const { width, height } = pngSize(png);
  if (width !== height) throw new Error(`${what} is ${width}×${height}, not square`);
  return width;
}

/** A Windows .ico of the given square PNGs (each at most 256 pixels wide), smallest first. */
export function icoFile(pngs: readonly Uint8Array[]): Buffer {
  const HEADER = 6;
  const ENTRY = 16;
  const header = Buffer.alloc(HEADER + ENTRY * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: an icon (2 would be a cursor)
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, index) => {
    const size = squareSize(png, `image ${index + 1} of the .ico`);
    if (size > 256) throw new Error(`an .ico holds images up to 256 pixels, not ${size}`);
    const at = HEADER + ENTRY * index;
    // 0 stands for 256 in the one-byte width and height.
    header.writeUInt8(size === 256 ? 0 : size, at);
    header.writeUInt8(size === 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.byteLength, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.byteLength;
  });
  return Buffer.concat([header, ...pngs]);
}

/** The images of an .ico: the size its table claims for each, and the PNG bytes. */
export function readIco(ico: Buffer): { claimed: number; png: Buffer }[] {
  if (ico.length < 6 || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) {
    throw new Error('not an .ico file');
  }
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + 16 * index;
    const claimed = ico.readUInt8(at) || 256;
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return { claimed, png: ico.subarray(offset, offset + size) };
  });
}

export type MacIconType = keyof typeof MAC_ICON_TYPES;

/** A macOS .icns of one PNG per entry type, each the size its type requires. */
export function icnsFile(pngs: ReadonlyMap<MacIconType, Uint8Array>): Buffer {
  const entries = [...pngs].map(([type, png]) => {
    const size = squareSize(png, `the ${type} image`);
    if (size !== MAC_ICON_TYPES[type]) {
      throw new Error(`an ${type} entry holds a ${MAC_ICON_TYPES[type]}-pixel image, not ${size}`);
    }
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.byteLength, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + entries.reduce((sum, entry) => sum + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

/** The entries of an .icns: each entry's type and its data. */
export function readIcns(icns: Buffer): { type: string; data: Buffer }[] {
  if (icns.length < 8 || icns.toString('latin1', 0, 4) !== 'icns') {
    throw new Error('not an .icns file');
  }
  if (icns.readUInt32BE(4) !== icns.length) {
    throw new Error('the .icns length does not match its size on disk');
  }
  const entries: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > icns.length)
      throw new Error('an .icns entry runs past the end');
    entries.push({
      type: icns.toString('latin1', at, at + 4),
      data: icns.subarray(at + 8, at + length),
    });
    at += length;
  }
  return entries;
}
