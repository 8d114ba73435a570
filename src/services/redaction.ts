// Removing credentials from text before it reaches a log, an error message or the screen: values
// under a credential's name (query parameters, headers, JSON fields, assignments), the credential of
// an Authorization header, and secrets registered or handed in by the caller.

export const REDACTED = '[redacted]';

// Names under which credentials travel: query parameters (`&signature=`), headers (`X-MBX-APIKEY:`),
// JSON fields (`"secret": "…"`) and assignments (`apiKey=…`). Word-bounded so `monkey=` is untouched;
// a value already redacted is matched whole, so redacting twice changes nothing.
const CREDENTIAL_NAMES = [
  '(?:x-mbx-)?api[-_]?key',
  'api[-_]?secret',
  'secret(?:[-_]?key)?',
  'client[-_]?secret',
  'private[-_]?key',
  'signature',
  'sign',
  'token',
  'access[-_]?token',
  'refresh[-_]?token',
  'auth[-_]?token',
  'passphrase',
  'password',
  'x-bapi-(?:api-key|sign)',
  'ok-access-(?:key|sign|passphrase)',
].join('|');

const NAMED_CREDENTIAL = new RegExp(
  `\\b(${CREDENTIAL_NAMES})(["']?\\s*[:=]\\s*["']?)(\\[redacted\\]|[^\\s"'&#,;)}\\]]+)`,
  'gi',
);

// `Authorization: Bearer <token>`: the scheme stays readable, the credential goes.
const AUTHORIZATION =
  /\b(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest)\s+)?(\[redacted\]|[^\s"',;)}\]]+)/gi;

// Shorter values would mangle ordinary words where they happen to appear.
const MIN_SECRET_LENGTH = 6;

const knownSecrets = new Set<string>();

/**
 * Registers a value that must never be logged whatever its surroundings (a decrypted API secret, for
 * one). Values shorter than 6 characters are ignored.
 */
export function registerSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) knownSecrets.add(value);
}

/** Forgets a value registered with `registerSecret` (when an account is removed). */
export function forgetSecret(value: string): void {
  knownSecrets.delete(value);
}

function removeAll(text: string, values: Iterable<string>): string {
  let out = text;
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}

/**
 * `text` with every credential-looking value replaced by `[redacted]`, and with every registered
 * secret and every one of `secrets` (the credentials of the request at hand) removed. A value seen
 * under a credential's name is removed everywhere in the text, also where it appears unlabelled (an
 * error message quoting the key it was given).
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  const seen = new Set<string>();
  const note = (value: string): void => {
    if (value.length >= MIN_SECRET_LENGTH && value !== REDACTED) seen.add(value);
  };
  let out = removeAll(text, knownSecrets);
  out = removeAll(
    out,
    [...secrets].filter((value) => value.length >= MIN_SECRET_LENGTH),
  );
  out = out.replace(
    AUTHORIZATION,
    (_m, lead: string, scheme: string | undefined, value: string) => {
      note(value);
      return scheme ? `${lead}${scheme} ${REDACTED}` : `${lead}${REDACTED}`;
    },
  );
  out = out.replace(NAMED_CREDENTIAL, (_m, name: string, sep: string, value: string) => {
    note(value);
    return `${name}${sep}${REDACTED}`;
  });
  return removeAll(out, seen);
}
