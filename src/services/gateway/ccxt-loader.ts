// Loads ccxt lazily, never at the top of a module on the UI's first-paint path. A venue needs only its
// own exchange class: importing that class's module (and ccxt's error classes) instead of the package
// entry, which evaluates every one of ccxt's exchanges, takes about a third of the time and under half
// the memory.
// ccxt's package exports only its entry, so the class module is found on disk from the installed
// package's folder; where it is not (another ccxt layout), the whole package is loaded instead.
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type ccxtModule from 'ccxt';
import type { errors as ccxtErrors, Exchange } from 'ccxt';

export type Ccxt = typeof ccxtModule;
/** ccxt's error classes (BadResponse, NetworkError …), as js/src/base/errors.js exports them. */
export type CcxtErrors = typeof ccxtErrors;

type ExchangeClassKey = {
  [K in keyof Ccxt]: Ccxt[K] extends abstract new (...args: never[]) => Exchange ? K : never;
}[keyof Ccxt];

/** ccxt's names for its exchange classes (binance, okx …), each also its module's: js/src/<name>.js. */
export type CcxtExchangeName = Exclude<ExchangeClassKey, 'Exchange' | 'PredictionExchange'>;

/** What a venue gets of ccxt: its exchange class under ccxt's name for it, and ccxt's error classes. */
export type VenueCcxt<N extends CcxtExchangeName> = Pick<Ccxt, N> & CcxtErrors;

/** `venue-module`: only the venue's class module was loaded; `package`: all of ccxt. */
export type CcxtSource = 'venue-module' | 'package';

export interface LoadedVenueCcxt<N extends CcxtExchangeName> {
  ccxt: VenueCcxt<N>;
  /** How long loading took (ms), for the bench and the start-up timeline. */
  importMs: number;
  source: CcxtSource;
}

export interface LoadedCcxt {
  ccxt: Ccxt;
  /** How long the import took (ms), for the bench. */
  importMs: number;
}

let loadingPackage: Promise<LoadedCcxt> | null = null;

/** All of ccxt, through its package entry (once per process). */
export function loadCcxt(): Promise<LoadedCcxt> {
  if (!loadingPackage) {
    const started = performance.now();
    loadingPackage = import('ccxt').then(
      (module) => ({ ccxt: module.default, importMs: performance.now() - started }),
      (error: unknown) => {
        loadingPackage = null;
        throw error;
      },
    );
  }
  return loadingPackage;
}

/** The folder of the installed ccxt package, or null when it cannot be found. */
export async function ccxtPackageDir(): Promise<string | null> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('ccxt');
  } catch {
    return null;
  }
  // The entry sits somewhere below the package's root; folders in between may hold a package.json
  // of their own (dist/ declares its module type), so the root is the one that names ccxt.
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    try {
      const pkg: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'ccxt') {
        return dir;
      }
    } catch {
      // No package.json here, or not one that can be read: look further up.
    }
    if (dirname(dir) === dir) return null;
  }
}

let versionReading: Promise<string | null> | null = null;

/** The installed ccxt's version (once per process), or null when it cannot be told. */
export function installedCcxtVersion(): Promise<string | null> {
  versionReading ??= (async () => {
    const dir = await ccxtPackageDir();
    if (dir === null) return null;
    try {
      const pkg: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      return typeof pkg === 'object' && pkg !== null && 'version' in pkg
        ? String(pkg.version)
        : null;
    } catch {
      return null;
    }
  })();
  return versionReading;
}

function isExchangeClass(value: unknown): value is abstract new (...args: never[]) => Exchange {
  if (typeof value !== 'function') return false;
  const proto: unknown = value.prototype;
  return (
    typeof proto === 'object' &&
    proto !== null &&
    'loadMarkets' in proto &&
    typeof proto.loadMarkets === 'function'
  );
}

function isCcxtErrors(value: unknown): value is CcxtErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    'BaseError' in value &&
    typeof value.BaseError === 'function' &&
    'BadResponse' in value &&
    typeof value.BadResponse === 'function'
  );
}

async function importFile(path: string): Promise<unknown> {
  await access(path);
  return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as unknown;
}

/** The venue's class and ccxt's errors from their own modules in `packageDir`; null if not there. */
async function importVenueModules<N extends CcxtExchangeName>(
  name: N,
  packageDir: string,
): Promise<VenueCcxt<N> | null> {
  const source = join(packageDir, 'js', 'src');
  let classModule: unknown;
  let errors: unknown;
  try {
    [classModule, errors] = await Promise.all([
      importFile(join(source, `${name}.js`)),
      importFile(join(source, 'base', 'errors.js')),
    ]);
  } catch {
    return null;
  }
  const exchangeClass =
    typeof classModule === 'object' && classModule !== null && 'default' in classModule
      ? classModule.default
      : undefined;
  if (!isExchangeClass(exchangeClass) || !isCcxtErrors(errors)) return null;
  // The same class and error classes the package entry re-exports (it imports these very modules),
  // so the slice is shaped, and behaves, like that part of ccxt's namespace.
  return { ...errors, [name]: exchangeClass } as unknown as VenueCcxt<N>;
}

/**
 * Loads the venue's ccxt class alone, from `packageDir` (default: the installed package's folder),
 * or all of ccxt when the class module is not there. Uncached: see `loadVenueCcxt`.
 */
export async function importVenueCcxt<N extends CcxtExchangeName>(
  name: N,
  packageDir?: string | null,
): Promise<LoadedVenueCcxt<N>> {
  // The name becomes a file name: only ccxt's own (lower-case letters and digits) are accepted.
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new Error(`"${name}" is not a ccxt exchange name.`);
  const started = performance.now();
  const dir = packageDir === undefined ? await ccxtPackageDir() : packageDir;
  const venue = dir === null ? null : await importVenueModules(name, dir);
  if (venue) return { ccxt: venue, importMs: performance.now() - started, source: 'venue-module' };
  const { ccxt } = await loadCcxt();
  return { ccxt, importMs: performance.now() - started, source: 'package' };
}

const loadingVenue = new Map<CcxtExchangeName, Promise<unknown>>();

/** The venue's ccxt class (see `importVenueCcxt`), loaded once per process. */
export function loadVenueCcxt<N extends CcxtExchangeName>(name: N): Promise<LoadedVenueCcxt<N>> {
  const held = loadingVenue.get(name);
  // The map holds each name's own load, so a promise found under `name` carries that name's slice.
  if (held) return held as Promise<LoadedVenueCcxt<N>>;
  const loading = importVenueCcxt(name).catch((error: unknown) => {
    loadingVenue.delete(name);
    throw error;
  });
  loadingVenue.set(name, loading);
  return loading;
}

/** ccxt's precision modes (ccxt/js/src/base/functions/number.js). */
export const PRECISION_DECIMAL_PLACES = 2;
