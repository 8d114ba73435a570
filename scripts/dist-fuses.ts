// Electron's fuses as Premia ships them: switches compiled into the Electron binary, flipped once at
// package time (electron-builder's afterPack hook, before any signing) so that no environment variable,
// command-line flag or file beside the app can turn them back at run time. One list, read by the hook
// and by the tests, each fuse with what its setting guards against.
import { join } from 'node:path';
import type { FuseConfig } from '@electron/fuses';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { Arch } from 'electron-builder';

export type FuseName = keyof typeof FuseV1Options;

export interface FuseSetting {
  fuse: FuseName;
  enabled: boolean;
  /** What the setting guards against, as the README says it, word for word. */
  effect: string;
}

export const FUSES: readonly FuseSetting[] = [
  {
    fuse: 'RunAsNode',
    enabled: false,
    effect:
      '`ELECTRON_RUN_AS_NODE` cannot turn Premia into a plain Node.js running any script with its rights.',
  },
  {
    fuse: 'EnableNodeOptionsEnvironmentVariable',
    enabled: false,
    effect: '`NODE_OPTIONS` cannot inject code or flags into the app.',
  },
  {
    fuse: 'EnableNodeCliInspectArguments',
    enabled: false,
    effect: '`--inspect` cannot attach a debugger that would read keys from memory.',
  },
  {
    fuse: 'EnableCookieEncryption',
    enabled: true,
    effect: "cookies are encrypted on disk with a key kept by the system's keychain.",
  },
  {
    fuse: 'EnableEmbeddedAsarIntegrityValidation',
    enabled: true,
    effect: 'a modified `app.asar` is refused (macOS and Windows check it).',
  },
  {
    fuse: 'OnlyLoadAppFromAsar',
    enabled: true,
    effect: 'an app folder or unchecked archive placed beside the binary is never run instead.',
  },
  {
    fuse: 'GrantFileProtocolExtraPrivileges',
    enabled: false,
    effect:
      "pages on `file://` get no privileges beyond a website's (Premia's window comes from its own `premia://` origin).",
  },
];

/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  arch: Arch;
  packager: {
    appInfo: { productFilename: string };
    /** The Linux executable's name (electron-builder's LinuxPackager sets it). */
    executableName?: string;
  };
}

/** The path @electron/fuses is given: the executable, or the .app bundle on macOS. */
export function packedBinaryPath(app: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = app;
  const product = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${product}.app`);
    case 'win32':
      return join(appOutDir, `${product}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName ?? product.toLowerCase());
    default:
      throw new Error(`Premia does not know where Electron's binary is on ${electronPlatformName}`);
  }
}

/** The fuse wire for the packed app: every fuse in FUSES, set as listed there. */
export function fuseConfig(app: Pick<PackedApp, 'electronPlatformName' | 'arch'>): FuseConfig {
  const config: FuseConfig = {
    version: FuseVersion.V1,
    // Flipping a fuse changes the binary, which voids an arm64 Mac's ad-hoc signature; an unsigned
    // build would not start without a fresh one. A real signature made afterwards replaces it.
    resetAdHocDarwinSignature:
      (app.electronPlatformName === 'darwin' || app.electronPlatformName === 'mas') &&
      app.arch === Arch.arm64,
  };
  for (const { fuse, enabled } of FUSES) config[FuseV1Options[fuse]] = enabled;
  return config;
}

export type FlipFuses = (path: string, config: FuseConfig) => Promise<unknown>;

/** electron-builder's afterPack hook: flips the fuses of the binary it has just packed. */
export async function flipPackedFuses(app: PackedApp, flip: FlipFuses = flipFuses): Promise<void> {
  await flip(packedBinaryPath(app), fuseConfig(app));
}
