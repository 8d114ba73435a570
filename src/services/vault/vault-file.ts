// The vault file on disk (`vault.json`): its versioned shape, the checksum that tells a damaged file
// from a wrong passphrase, and reading and judging it. The checksum (SHA-256 over the content in a
// fixed order) catches damage, a cut-short write or a changed byte; it is no protection against a
// deliberate change, which AES-GCM's tags catch instead.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { issueText } from '../../shared/issue-text';
import { describeFileProblem, isMissing } from '../file-problems';
import type { KdfParams, SealedBox } from './vault-crypto';

export const VAULT_FILE = 'vault.json';
export const VAULT_FORMAT = 'premia-vault';
export const VAULT_VERSION = 1;

export const vaultPath = (dataDir: string): string => join(dataDir, VAULT_FILE);

const base64 = z
  .string()
  .max(1_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64');
const box = z.object({ iv: base64, tag: base64, data: base64 }).strict();
const powerOfTwo = (n: number): boolean => Number.isInteger(n) && (n & (n - 1)) === 0;

const vaultDocumentSchema = z
  .object({
    format: z.literal(VAULT_FORMAT),
    version: z.literal(VAULT_VERSION),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        // Bounded so that a damaged figure cannot ask for more memory than a desktop has.
        N: z
          .number()
          .int()
          .min(2 ** 10)
          .max(2 ** 22)
          .refine(powerOfTwo, 'must be a power of two'),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: base64.min(22),
      })
      .strict(),
    check: box,
    entries: z.array(box.extend({ account: z.string().min(1).max(100) }).strict()),
    checksum: z.string().regex(/^[0-9a-f]{64}$/, 'is not a SHA-256 checksum'),
  })
  .strict();

export interface VaultEntry extends SealedBox {
  account: string;
}

/** The vault's content, less its checksum (added when written). */
export interface VaultDocument {
  kdf: KdfParams;
  check: SealedBox;
  entries: VaultEntry[];
}

export type VaultFileRead =
  | { kind: 'missing' }
  | { kind: 'ok'; document: VaultDocument }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; reason: string };

const boxOf = (b: SealedBox): SealedBox => ({ iv: b.iv, tag: b.tag, data: b.data });

/** The content in one fixed order, whatever order the file's keys came in. */
function canonical(document: VaultDocument): string {
  const { kdf } = document;
  return JSON.stringify({
    format: VAULT_FORMAT,
    version: VAULT_VERSION,
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt },
    check: boxOf(document.check),
    entries: document.entries.map((e) => ({ account: e.account, ...boxOf(e) })),
  });
}

function checksum(document: VaultDocument): string {
  return createHash('sha256').update(canonical(document), 'utf8').digest('hex');
}

/** The file's text for `document`, checksum included. */
export function serializeVault(document: VaultDocument): string {
  const content = JSON.parse(canonical(document)) as Record<string, unknown>;
  return `${JSON.stringify({ ...content, checksum: checksum(document) }, null, 2)}\n`;
}

/** Judges a vault file's text: sound, from a newer Premia, or damaged (and how). */
export function parseVault(text: string): VaultFileRead {
  if (text.trim() === '') return { kind: 'damaged', reason: 'it is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'it is not valid JSON (it may have been cut short)' };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > VAULT_VERSION) {
    return { kind: 'newer', version };
  }
  const parsed = vaultDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const what = issue ? issueText(issue) : 'is not valid';
    return { kind: 'damaged', reason: field ? `its field ${field} ${what}` : `it ${what}` };
  }
  const { kdf, check, entries } = parsed.data;
  const document: VaultDocument = {
    kdf: { N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt },
    check,
    entries,
  };
  if (checksum(document) !== parsed.data.checksum) {
    return { kind: 'damaged', reason: 'its checksum does not match its content' };
  }
  const accounts = new Set(entries.map((e) => e.account));
  if (accounts.size !== entries.length) {
    return { kind: 'damaged', reason: 'it holds two entries for one account' };
  }
  return { kind: 'ok', document };
}

/** Reads and judges the vault file; I/O failures other than a missing file are thrown in words. */
export async function readVaultFile(path: string): Promise<VaultFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
      return { kind: 'damaged', reason: 'it is a folder, not a file' };
    }
    throw new Error(describeFileProblem(path, error), { cause: error });
  }
  return parseVault(text);
}
