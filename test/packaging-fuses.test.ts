// Electron's fuses as the packaging flips them: the exact list, the path of the packed binary on each
// platform, and the hook electron-builder runs, driven against a stand-in binary that carries a fuse
// wire the way Electron's does.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FuseConfig } from '@electron/fuses';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { Arch } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderConfig } from '../electron-builder.config';
import type { PackedApp } from '../scripts/dist-fuses';
import { FUSES, flipPackedFuses, fuseConfig, packedBinaryPath } from '../scripts/dist-fuses';

const root = join(import.meta.dirname, '..');

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-fuses-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function packed(platform: string, arch: Arch, executableName?: string): PackedApp {
  return {
    appOutDir: join('/build', `${platform}-unpacked`),
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'Premia' }, executableName },
  };
}

describe('the fuses', () => {
  it('are exactly: no running as Node, no NODE_OPTIONS, no inspector, encrypted cookies, a checked asar loaded from the asar only, no file:// privileges', () => {
    expect(Object.fromEntries(FUSES.map(({ fuse, enabled }) => [fuse, enabled]))).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    expect(new Set(FUSES.map(({ fuse }) => fuse)).size).toBe(FUSES.length);
  });

  it('are written into the wire as listed, each at its own place', () => {
    const config = fuseConfig({ electronPlatformName: 'linux', arch: Arch.x64 });
    expect(config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('renew the ad-hoc signature of an Apple silicon build only', () => {
    expect(fuseConfig({ electronPlatformName: 'darwin', arch: Arch.arm64 })).toMatchObject({
      resetAdHocDarwinSignature: true,
    });
    for (const [platform, arch] of [
      ['darwin', Arch.x64],
      ['linux', Arch.arm64],
      ['win32', Arch.arm64],
    ] as const) {
      expect(fuseConfig({ electronPlatformName: platform, arch })).toMatchObject({
        resetAdHocDarwinSignature: false,
      });
    }
  });

  it('each have a line in the README saying what they prevent', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const lines = readme.split('\n');
    for (const { fuse, enabled, effect } of FUSES) {
      expect(lines, fuse).toContain(`- \`${fuse}\` ${enabled ? 'on' : 'off'}: ${effect}`);
    }
  });
});

describe('the afterPack hook', () => {
  it("flips the fuses of the packed binary's path on Linux, Windows and macOS", async () => {
    const calls: { path: string; config: FuseConfig }[] = [];
    const flip = async (path: string, config: FuseConfig): Promise<void> => {
      calls.push({ path, config });
    };
    await flipPackedFuses(packed('linux', Arch.x64, 'premia'), flip);
    await flipPackedFuses(packed('win32', Arch.x64), flip);
    await flipPackedFuses(packed('darwin', Arch.arm64), flip);
    await flipPackedFuses(packed('mas', Arch.x64), flip);
    expect(calls.map((call) => call.path)).toEqual([
      join('/build/linux-unpacked', 'premia'),
      join('/build/win32-unpacked', 'Premia.exe'),
      join('/build/darwin-unpacked', 'Premia.app'),
      join('/build/mas-unpacked', 'Premia.app'),
    ]);
    expect(calls[0]?.config).toEqual(fuseConfig({ electronPlatformName: 'linux', arch: Arch.x64 }));
    expect(calls[2]?.config).toEqual(
      fuseConfig({ electronPlatformName: 'darwin', arch: Arch.arm64 }),
    );
  });

  it('names the Linux executable after the product when electron-builder gives no name', () => {
    expect(packedBinaryPath(packed('linux', Arch.x64))).toBe(
      join('/build/linux-unpacked', 'premia'),
    );
  });

  it('refuses a platform whose binary it cannot place, rather than packaging without fuses', async () => {
    await expect(flipPackedFuses(packed('freebsd', Arch.x64), async () => 0)).rejects.toThrow(
      /does not know where Electron's binary is on freebsd/,
    );
  });

  it('is the one electron-builder runs, and flips a real fuse wire in the packed binary', async () => {
    const appOutDir = await mkdtemp(join(base, 'linux-unpacked-'));
    const binary = join(appOutDir, 'premia');
    // Electron's wire: a sentinel, the wire's version and length, then one byte per fuse ('0', '1').
    const wire = '101100101';
    await writeFile(
      binary,
      Buffer.concat([
        Buffer.from('ELF stand-in\n'),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
        Buffer.from([1, wire.length]),
        Buffer.from(wire, 'latin1'),
      ]),
    );
    const hook = builderConfig({}).afterPack;
    if (typeof hook !== 'function') throw new Error('the configuration has no afterPack hook');
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      arch: Arch.x64,
      packager: { appInfo: { productFilename: 'Premia' }, executableName: 'premia' },
    } as unknown as AfterPackContext;
    await hook(context);
    const flipped = await getCurrentFuseWire(binary);
    const state = (fuse: FuseV1Options): string =>
      String.fromCharCode(Number(flipped[fuse as keyof typeof flipped]));
    for (const { fuse, enabled } of FUSES) {
      expect(state(FuseV1Options[fuse]), fuse).toBe(enabled ? '1' : '0');
    }
    // A fuse Premia does not list keeps Electron's setting.
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(wire[6]);
  });
});
