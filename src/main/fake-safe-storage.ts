// For tests and the bench, where no Electron binary runs: a stand-in for Electron's safeStorage whose
// "encryption" is reversible by anyone (a marker before the text), with the availability and the
// Linux backend a test chooses.
import type { MainHandlers, SafeStorageCrypto } from './main-requests';

const MARK = 'fake-safe-storage:';

export interface FakeSafeStorageOptions {
  available?: boolean;
  backend?: string;
  /** Answers `shouldReEncrypt` with this on every decrypt (a rotated system key). */
  rotated?: boolean;
}

export function fakeSafeStorage(options: FakeSafeStorageOptions = {}): SafeStorageCrypto {
  const available = options.available ?? true;
  return {
    isEncryptionAvailable: () => available,
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: (plain) => Promise.resolve(Buffer.from(MARK + plain, 'utf8')),
    async decryptStringAsync(encrypted) {
      const text = encrypted.toString('utf8');
      if (!text.startsWith(MARK)) throw new Error('Error while decrypting the ciphertext provided');
      return { result: text.slice(MARK.length), shouldReEncrypt: options.rotated ?? false };
    },
  };
}

/** Main's handlers for tests that never raise a notification: safeStorage's, and a silent `notify`. */
export function withoutNotifications(handlers: Omit<MainHandlers, 'notify'>): MainHandlers {
  return { ...handlers, notify: () => ({ shown: false }) };
}
