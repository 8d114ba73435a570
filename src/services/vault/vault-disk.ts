// The vault file's reads and writes as the vault makes them: judged on the way in, written whole on
// the way out, and sealed afresh under a new key (a new passphrase or a higher cost) all or nothing.
import { writeFileAtomic } from '../atomic-write';
import { describeFileProblem } from '../file-problems';
import type { Logger } from '../logger';
import type { KdfCost, KdfParams } from './vault-crypto';
import { deriveKey, freshKdfParams, wipe } from './vault-crypto';
import { resealVault } from './vault-content';
import { entryDamaged, notSaved, vaultAbsent, vaultDamaged, vaultNewer } from './vault-errors';
import type { VaultDocument } from './vault-file';
import { readVaultFile, serializeVault } from './vault-file';

export interface VaultDisk {
  /** The file's content; `not-found` when missing, damaged or newer files thrown in words. */
  read(): Promise<VaultDocument>;
  /** Writes the whole file at once; a failure is thrown in words, the file left as it was. */
  save(content: VaultDocument, what: string): Promise<void>;
  /** Every secret sealed again under a key from `passphrase` at a fresh salt, then written. */
  rekey(
    oldKey: Buffer,
    content: VaultDocument,
    passphrase: string,
    what: string,
  ): Promise<{ key: Buffer; document: VaultDocument }>;
}

/** Element by element, the higher of two costs: a re-key never lowers what the file had. */
const higherCost = (a: KdfCost, b: KdfCost): KdfCost => ({
  N: Math.max(a.N, b.N),
  r: Math.max(a.r, b.r),
  p: Math.max(a.p, b.p),
});

export function createVaultDisk(options: {
  path: string;
  cost: KdfCost;
  logger: Logger;
  writeFile?: ((path: string, text: string) => Promise<void>) | undefined;
}): VaultDisk {
  const { path, logger } = options;
  const write =
    options.writeFile ?? ((p: string, text: string) => writeFileAtomic(p, text, { mode: 0o600 }));

  const save = async (content: VaultDocument, what: string): Promise<void> => {
    try {
      await write(path, serializeVault(content));
    } catch (error) {
      logger.warn(`${what} could not be saved`, error);
      throw notSaved(what, describeFileProblem(path, error));
    }
  };

  return {
    save,
    async read() {
      const read = await readVaultFile(path);
      if (read.kind === 'missing') throw vaultAbsent();
      if (read.kind === 'newer') throw vaultNewer(path, read.version);
      if (read.kind === 'damaged') throw vaultDamaged(path, read.reason);
      return read.document;
    },
    async rekey(oldKey, content, passphrase, what) {
      const kdf: KdfParams = freshKdfParams(higherCost(options.cost, content.kdf));
      const newKey = await deriveKey(passphrase, kdf);
      const resealed = resealVault(content, oldKey, kdf, newKey);
      if (!resealed.ok) {
        wipe(newKey);
        throw entryDamaged(path, resealed.account);
      }
      try {
        await save(resealed.document, what);
      } catch (error) {
        wipe(newKey);
        throw error;
      }
      return { key: newKey, document: resealed.document };
    },
  };
}
