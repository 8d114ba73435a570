// The installers as electron-builder would make them, read from its configuration: the targets, the
// app's identity, what goes into app.asar (judged by electron-builder's own file matcher), where ccxt
// ends up, and the icons and entitlements it names. Nothing here runs the packager.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { describe, expect, it } from 'vitest';
import builderConfigFile, {
  APP_ID,
  EXCLUDED_FILES,
  builderConfig,
} from '../electron-builder.config';
import viteConfig from '../electron.vite.config';
import {
  LINUX_ICON_DIR,
  LINUX_ICON_SIZES,
  MAC_ICON_TYPES,
  WINDOWS_ICON_SIZES,
  linuxIconPath,
  pngSize,
  readIcns,
  readIco,
} from '../scripts/icon-files';

const root = join(import.meta.dirname, '..');
const config = builderConfig({});
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  main: string;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

type FilterStat = Parameters<ReturnType<FileMatcher['createFilter']>>[1];
const aFile = { isDirectory: () => false } as FilterStat;

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new Error(`expected a list of patterns, got ${JSON.stringify(value)}`);
}

/** Whether the app's own files take `path` (electron-builder only adds exclusions to these patterns). */
function appTakes(path: string): boolean {
  const filter = new FileMatcher(root, '/', (p) => p, asList(config.files)).createFilter();
  return filter(join(root, path), aFile);
}

/** Whether a production dependency's file is copied: only the exclusions apply there, after `**\/*`. */
function dependencyTakes(path: string): boolean {
  const matcher = new FileMatcher(root, '/', (p) => p, EXCLUDED_FILES);
  matcher.prependPattern('**/*');
  return matcher.createFilter()(join(root, path), aFile);
}

function targetsOf(platform: unknown): string[] {
  if (typeof platform !== 'object' || platform === null || !('target' in platform)) return [];
  return asList(platform.target);
}

describe('the installers', () => {
  it('are an AppImage and a deb on Linux, a dmg on macOS and an NSIS installer on Windows', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
  });

  it('install an app called Premia with its own app id', () => {
    expect(config.productName).toBe('Premia');
    expect(packageJson.productName).toBe('Premia');
    expect(config.appId).toBe(APP_ID);
    expect(APP_ID).toBe('app.premia.desktop');
  });

  it('are made by the configuration electron-builder loads, from the environment of the run', () => {
    // The afterPack hook is a fresh function each time; the fuse tests drive it.
    const withoutHook = (c: typeof config) => ({ ...c, afterPack: null });
    expect(withoutHook(builderConfigFile)).toEqual(withoutHook(builderConfig(process.env)));
    expect(typeof builderConfigFile.afterPack).toBe('function');
  });

  it('package a local Electron when ELECTRON_OVERRIDE_DIST_PATH names one, and download it otherwise', () => {
    expect(builderConfig({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron-45' }).electronDist).toBe(
      '/opt/electron-45',
    );
    expect(config.electronDist).toBeUndefined();
    expect(builderConfig({ ELECTRON_OVERRIDE_DIST_PATH: '' }).electronDist).toBeUndefined();
  });

  it('are run by npm run dist, after the build, and never by npm test', () => {
    expect(packageJson.scripts['dist']).toBe('electron-vite build && node scripts/dist.mjs');
    expect(packageJson.scripts['test']).not.toMatch(/dist|electron-builder/);
    expect(packageJson.scripts['test:unit']).not.toMatch(/dist|electron-builder/);
  });
});

describe('what goes into app.asar', () => {
  it('is the build, package.json and the window icons', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    for (const path of [
      'out/main/index.js',
      'out/main/services.js',
      'out/main/cli.js',
      'out/main/chunks/app-services-abc123.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'package.json',
      linuxIconPath(512),
    ]) {
      expect(appTakes(path), path).toBe(true);
    }
  });

  it('holds no source, test, fixture, end-to-end spec, benchmark, document, script or source map', () => {
    for (const path of [
      'src/main/index.ts',
      'src/core/premium.ts',
      'src/services/settings-store.test.ts',
      'test/fixtures/btc-spot-daily.csv',
      'test/packaging.test.ts',
      'e2e/app.spec.ts',
      'bench/run.ts',
      'docs/packaging.md',
      'README.md',
      'scripts/dist.mjs',
      'electron-builder.config.ts',
      'build/entitlements.mac.plist',
      'resources/icon.svg',
      'resources/icon.icns',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc123.js.map',
      'tsconfig.json',
      'package-lock.json',
    ]) {
      expect(appTakes(path), path).toBe(false);
    }
  });

  it('holds no test, type declaration, TypeScript source or source map of a dependency', () => {
    for (const path of [
      'node_modules/zod/v4/core/tests/index.test.js',
      'node_modules/some-package/test/index.js',
      'node_modules/some-package/__tests__/a.js',
      'node_modules/some-package/lib/a.spec.cjs',
      'node_modules/some-package/lib/a.test.mjs',
      'node_modules/some-package/fixtures/sample.json',
      'node_modules/ccxt/js/ccxt.d.ts',
      'node_modules/lowdb/lib/index.js.map',
      'node_modules/some-package/src/index.ts',
    ]) {
      expect(dependencyTakes(path), path).toBe(false);
    }
    expect(dependencyTakes('node_modules/lowdb/lib/index.js')).toBe(true);
  });
});

describe('ccxt', () => {
  it('is a production dependency that the build leaves out of its bundle, to be imported at run time', () => {
    expect(packageJson.dependencies['ccxt']).toBeDefined();
    if (typeof viteConfig !== 'object' || viteConfig === null || !('main' in viteConfig)) {
      throw new Error('electron.vite.config.ts exports no main build');
    }
    // electron-vite externalizes every dependency of the main build unless told otherwise.
    const externalize = viteConfig.main?.build?.externalizeDeps ?? true;
    expect(externalize).not.toBe(false);
    if (typeof externalize === 'object') expect(externalize.exclude ?? []).not.toContain('ccxt');
  });

  it('is shipped inside app.asar, module files, package.json and the file that locates the package', () => {
    expect(config.asar).toBe(true);
    for (const path of [
      'node_modules/ccxt/package.json',
      'node_modules/ccxt/js/ccxt.js',
      'node_modules/ccxt/js/src/binance.js',
      'node_modules/ccxt/js/src/base/errors.js',
      'node_modules/ccxt/js/src/pro/binance.js',
      'node_modules/ccxt/dist/ccxt.cjs',
    ]) {
      expect(dependencyTakes(path), path).toBe(true);
    }
  });

  it('is not unpacked from app.asar, so the asar integrity check covers it', () => {
    const unpack = asList(config.asarUnpack);
    const unpacked = new FileMatcher(root, '/', (p) => p, unpack).createFilter();
    for (const path of ['node_modules/ccxt/js/ccxt.js', 'node_modules/ccxt/js/src/binance.js']) {
      expect(unpack.length > 0 && unpacked(join(root, path), aFile), path).toBe(false);
    }
  });

  it('holds no native module that would have to be unpacked', () => {
    const ccxtDir = join(root, 'node_modules', 'ccxt');
    const native = readdirSync(ccxtDir, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.node') || name.endsWith('binding.gyp'),
    );
    expect(native).toEqual([]);
  });

  it("leaves out ccxt's CommonJS build and browser bundle, which Premia never loads", () => {
    expect(dependencyTakes('node_modules/ccxt/dist/cjs/src/binance.js')).toBe(false);
    expect(dependencyTakes('node_modules/ccxt/dist/ccxt.browser.min.js')).toBe(false);
  });
});

describe('the icons', () => {
  it('are named by each platform and exist', () => {
    expect(config.linux?.icon).toBe(LINUX_ICON_DIR);
    for (const path of [config.linux?.icon, config.mac?.icon, config.win?.icon]) {
      expect(typeof path === 'string' && existsSync(join(root, path)), String(path)).toBe(true);
    }
  });

  it('hold a Linux PNG at every size, each as large as its name says', () => {
    for (const size of LINUX_ICON_SIZES) {
      expect(pngSize(readFileSync(join(root, linuxIconPath(size))))).toEqual({
        width: size,
        height: size,
      });
    }
    const names = readdirSync(join(root, LINUX_ICON_DIR));
    expect(names.sort()).toEqual(LINUX_ICON_SIZES.map((s) => `${s}x${s}.png`).sort());
  });

  it('hold a Windows .ico whose every image is the size its table claims', () => {
    const images = readIco(readFileSync(join(root, String(config.win?.icon))));
    expect(images.map((image) => image.claimed)).toEqual([...WINDOWS_ICON_SIZES]);
    for (const { claimed, png } of images) {
      expect(pngSize(png)).toEqual({ width: claimed, height: claimed });
    }
  });

  it('hold a macOS .icns whose every entry is the size its type requires', () => {
    const entries = readIcns(readFileSync(join(root, String(config.mac?.icon))));
    expect(entries.map((entry) => entry.type)).toEqual(Object.keys(MAC_ICON_TYPES));
    for (const { type, data } of entries) {
      const size = MAC_ICON_TYPES[type as keyof typeof MAC_ICON_TYPES];
      expect(pngSize(data), type).toEqual({ width: size, height: size });
    }
  });
});

describe('macOS', () => {
  it('signs under the hardened runtime, asking only for the JIT that V8 needs', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, 'build', 'entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
  });
});
