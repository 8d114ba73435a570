// How Premia is packaged for people to install (`npm run dist`): one installer per platform, holding
// the built app (out/), its package.json and its production dependencies in an app.asar, with
// Electron's fuses flipped before signing. Written in TypeScript so the options are checked against
// electron-builder's own types, the fuse hook is the function the tests drive, and the tests read
// this very object. electron-builder loads it through its TypeScript loader (`--config`).
import type { Configuration } from 'electron-builder';
import { flipPackedFuses } from './scripts/dist-fuses';
import { LINUX_ICON_DIR, MAC_ICON, WINDOWS_ICON } from './scripts/icon-files';

export const APP_ID = 'app.premia.desktop';
export const PRODUCT_NAME = 'Premia';

/** What goes into the app: the build and the icons the window and tray use, nothing else. */
export const INCLUDED_FILES = ['out/**/*', 'package.json', `${LINUX_ICON_DIR}/*.png`];

/**
 * What is left out even where the patterns above (or electron-builder, for production dependencies)
 * would take it. Applied to node_modules too.
 */
export const EXCLUDED_FILES = [
  '!**/*.map',
  '!**/*.{ts,mts,cts,tsx}',
  '!**/*.{test,spec}.{js,mjs,cjs}',
  '!**/{test,tests,__tests__,__mocks__,fixtures}/**',
  // ccxt's CommonJS build and browser bundle: Premia imports ccxt as an ES module from js/, and only
  // dist/ccxt.cjs (the file `require.resolve('ccxt')` names, which locates the package) is needed.
  '!**/node_modules/ccxt/dist/cjs/**',
  '!**/node_modules/ccxt/dist/ccxt.browser*',
];

type Env = Record<string, string | undefined>;

export function builderConfig(env: Env): Configuration {
  // A local Electron (the folder holding its executable, as for `npm start`) packages offline.
  const electronDist = env['ELECTRON_OVERRIDE_DIST_PATH'] || undefined;
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © Premia',
    directories: { output: 'dist', buildResources: 'build' },
    files: [...INCLUDED_FILES, ...EXCLUDED_FILES],
    // ccxt and the other dependencies stay inside app.asar, under its integrity check: none reads
    // files beside itself by a path the asar cannot serve, and ccxt holds no native module.
    asar: true,
    // The only native module among the dependencies (bufferutil, optional for ws) ships prebuilt
    // N-API binaries that load in any Electron, so nothing is recompiled (which would need Electron's
    // headers from the internet).
    npmRebuild: false,
    ...(electronDist ? { electronDist } : {}),
    afterPack: (context) => flipPackedFuses(context),
    linux: {
      target: ['AppImage', 'deb'],
      icon: LINUX_ICON_DIR,
      category: 'Office;Finance',
      executableName: 'premia',
      // The .desktop file is named as package.json's desktopName, which Electron gives the window as
      // its app id, so the desktop links the running window to Premia's launcher and icon.
      syncDesktopName: true,
      synopsis: 'Rebalance crypto holdings by the futures premium',
      maintainer: 'The Premia authors',
      vendor: 'Premia',
    },
    appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
    mac: {
      target: ['dmg'],
      icon: MAC_ICON,
      category: 'public.app-category.finance',
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    },
    dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
    win: { target: ['nsis'], icon: WINDOWS_ICON },
    nsis: {
      artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    },
  };
}

export default builderConfig(process.env);
