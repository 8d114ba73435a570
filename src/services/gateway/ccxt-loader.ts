// ccxt loads about 100 MB of code, so it is imported once, lazily, the first time a gateway starts —
// never at the top of a module on the UI's first-paint path.
import type ccxtModule from 'ccxt';

export type Ccxt = typeof ccxtModule;

export interface LoadedCcxt {
  ccxt: Ccxt;
  /** How long the import took (ms), for the bench. */
  importMs: number;
}

let loading: Promise<LoadedCcxt> | null = null;

export function loadCcxt(): Promise<LoadedCcxt> {
  if (!loading) {
    const started = performance.now();
    loading = import('ccxt').then(
      (module) => ({ ccxt: module.default, importMs: performance.now() - started }),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

/** ccxt's precision modes (ccxt/js/src/base/functions/number.js). */
export const PRECISION_DECIMAL_PLACES = 2;
