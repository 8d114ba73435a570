// The vault's cryptography: a key derived from the passphrase with scrypt, and AES-256-GCM boxes that
// bind what they hold to a label (an account id, or the key check), so a box copied under another
// label does not open.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const SALT_BYTES = 16;
const TAG_BYTES = 16;

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism). */
export interface KdfCost {
  N: number;
  r: number;
  p: number;
}

export interface KdfParams extends KdfCost {
  /** base64 */
  salt: string;
}

/** What every vault is written at unless a caller asks for a lower cost (tests only). */
export const DEFAULT_KDF_COST: Readonly<KdfCost> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** One sealed value; every field base64. */
export interface SealedBox {
  iv: string;
  tag: string;
  data: string;
}

/** True when `file` was derived at a lower cost than `current` in any of N, r or p. */
export function costBelow(file: KdfCost, current: KdfCost): boolean {
  return file.N < current.N || file.r < current.r || file.p < current.p;
}

export function freshKdfParams(cost: KdfCost): KdfParams {
  return { N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(SALT_BYTES).toString('base64') };
}

/**
 * The 32-byte key for `passphrase` under `params`, derived off the event loop (scrypt at the default
 * cost takes a noticeable fraction of a second). scrypt needs 128·N·r bytes; Node refuses anything
 * above `maxmem`, whose default is far lower, so it is raised to the cost plus room to spare.
 */
export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Encrypts `plain` under `key` with a fresh IV, bound to `label`. */
export function seal(key: Buffer, label: string, plain: Buffer): SealedBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plain bytes of `box`, or null when the key, the label or the box itself does not match. */
export function open(key: Buffer, label: string, box: SealedBox): Buffer | null {
  const iv = Buffer.from(box.iv, 'base64');
  const tag = Buffer.from(box.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Overwrites a key's bytes so it does not linger in memory once dropped. */
export function wipe(key: Buffer | null): void {
  key?.fill(0);
}
