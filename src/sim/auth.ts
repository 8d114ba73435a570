// Binance's request signing as the venue checks it: the API key header, an HMAC-SHA256 signature over
// the query string and body, and the timestamp inside `recvWindow` of the server's wall clock.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { venueErrors } from './venue-error';

export interface Credentials {
  apiKey: string;
  secret: string;
}

const KEY_FORMAT = /^[A-Za-z0-9]{64}$/;
const DEFAULT_RECV_WINDOW = 5_000;
const MAX_RECV_WINDOW = 60_000;
/** Binance refuses a timestamp more than a second ahead of its clock. */
const MAX_AHEAD_MS = 1_000;

/** A fresh key pair in binance's format (64 alphanumerics each). */
export function generateCredentials(): Credentials {
  const token = () =>
    randomBytes(48)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .padEnd(64, 'x')
      .slice(0, 64);
  return { apiKey: token(), secret: token() };
}

export function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function withoutSignature(raw: string): { rest: string; signature: string | null } {
  let signature: string | null = null;
  const kept: string[] = [];
  for (const pair of raw.split('&')) {
    if (pair.startsWith('signature='))
      signature = decodeURIComponent(pair.slice('signature='.length));
    else if (pair !== '') kept.push(pair);
  }
  return { rest: kept.join('&'), signature };
}

export interface SignedRequest {
  apiKeyHeader: string | undefined;
  rawQuery: string;
  rawBody: string;
  params: URLSearchParams;
}

/**
 * Throws the venue's error for the first thing wrong with a signed request; returns the key that
 * signed it, found by `keyOf` among the venue's keys.
 */
export function checkSignedRequest<K extends Credentials>(
  request: SignedRequest,
  keyOf: (apiKey: string) => K | null,
  wallNow: number,
): K {
  const key = request.apiKeyHeader;
  if (!key || !KEY_FORMAT.test(key)) throw venueErrors.badApiKeyFormat();
  const credentials = keyOf(key);
  if (!credentials) throw venueErrors.rejectedApiKey();
  const query = withoutSignature(request.rawQuery);
  const body = withoutSignature(request.rawBody);
  const signature = query.signature ?? body.signature;
  if (!signature) throw venueErrors.mandatory('signature');
  const timestampText = request.params.get('timestamp');
  if (!timestampText) throw venueErrors.mandatory('timestamp');
  const expected = sign(query.rest + body.rest, credentials.secret);
  if (!secretsMatch(expected, signature.toLowerCase())) throw venueErrors.badSignature();
  const timestamp = Number(timestampText);
  const recvWindowText = request.params.get('recvWindow');
  const recvWindow = recvWindowText === null ? DEFAULT_RECV_WINDOW : Number(recvWindowText);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0) throw venueErrors.invalidValue('recvWindow');
  if (recvWindow > MAX_RECV_WINDOW) throw venueErrors.recvWindowTooLarge();
  if (!Number.isFinite(timestamp)) throw venueErrors.invalidValue('timestamp');
  if (timestamp > wallNow + MAX_AHEAD_MS || wallNow - timestamp > recvWindow) {
    throw venueErrors.outsideRecvWindow();
  }
  return credentials;
}

/** Compares in constant time; hashing first keeps the expected value's length from leaking too. */
export function secretsMatch(expected: string, offered: string | undefined): boolean {
  if (offered === undefined || offered === '') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(offered));
}
