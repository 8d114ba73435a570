// The random tokens that guard Premia's loopback sockets (the headless host's page socket and the
// app link the CLI talks through), and their comparison.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compares in constant time; hashing first keeps the length of the expected token from leaking. */
export function tokensMatch(expected: string, offered: string | null | undefined): boolean {
  if (typeof offered !== 'string' || offered.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(offered));
}
