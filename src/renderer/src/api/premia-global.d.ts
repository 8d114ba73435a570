import type { PremiaClient } from '../../../shared/api';

declare global {
  interface Window {
    /**
     * Set by Electron's preload, absent in a browser. Its methods reject with the app's ErrorPayload
     * as a plain object; use `getClient()`, which turns that back into a PremiaError.
     */
    premia?: PremiaClient;
  }
}
