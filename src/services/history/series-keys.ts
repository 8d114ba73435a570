// Names of the time series Premia records: what is measured (the field) of which asset or instrument
// (the subject), and how each field is thinned when it grows old.

export const SERIES_FIELDS = [
  'spot',
  'mark',
  'index',
  'price',
  'premium',
  'basis',
  'funding',
  'funding-interval',
  'funding-current',
  'value',
  'daily-close',
] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

/**
 * How a field's points are thinned into coarser buckets (hourly compaction, `bucketMs` reads):
 * - `price`: the last observation of each bucket, kept at its own time (a price is a level, and the
 *   last one seen is a real sample rather than a blend);
 * - `rate`: the plain mean of the bucket's samples, stamped at the bucket's start (samples arrive at
 *   the refresh cadence, so the plain mean is the time-weighted one up to that spacing);
 * - `settlement`: one point per funding settlement, already coarser than an hour, never compacted;
 *   when a read asks for buckets it is averaged like a rate.
 */
export type FieldKind = 'price' | 'rate' | 'settlement';

export const FIELD_KIND: Readonly<Record<SeriesField, FieldKind>> = {
  spot: 'price',
  mark: 'price',
  index: 'price',
  price: 'price',
  premium: 'rate',
  basis: 'rate',
  funding: 'settlement',
  'funding-interval': 'settlement',
  'funding-current': 'rate',
  value: 'price',
  'daily-close': 'price',
};

export const FIELD_LABELS: Readonly<Record<SeriesField, string>> = {
  spot: 'Spot price',
  mark: 'Perpetual mark price',
  index: 'Index price',
  price: 'Contract price',
  premium: 'Signal premium (annualized)',
  basis: 'Annualized basis of a dated contract',
  funding: 'Settled funding rate per interval',
  'funding-interval': 'Funding interval of each settlement (hours)',
  'funding-current': 'Current funding rate per interval',
  value: 'Portfolio value',
  'daily-close': 'Spot close of each UTC day, at the day’s start',
};

/** One series: a field of an asset (`BTC`) or of an instrument (`BTCUSDT`, `BTC/USDT:USDT`). */
export interface SeriesKey {
  readonly subject: string;
  readonly field: SeriesField;
}

const MAX_SUBJECT_LENGTH = 64;
// Printable ASCII without the space: every exchange symbol fits, and each maps to one safe folder name.
const SUBJECT_PATTERN = /^[\x21-\x7e]+$/;
// Kept as they are in folder names. Lower-case letters are escaped so two subjects never share a
// folder on a case-insensitive file system.
const PLAIN_CHAR = /[A-Z0-9_-]/;

export function isSeriesField(value: string): value is SeriesField {
  return (SERIES_FIELDS as readonly string[]).includes(value);
}

/** A validated key; a RangeError for an empty, over-long or non-printable subject or an unknown field. */
export function seriesKey(subject: string, field: SeriesField): SeriesKey {
  if (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH) {
    throw new RangeError(`a series subject has 1 to ${MAX_SUBJECT_LENGTH} characters`);
  }
  if (!SUBJECT_PATTERN.test(subject)) {
    throw new RangeError(
      `a series subject is printable ASCII without spaces (got ${JSON.stringify(subject)})`,
    );
  }
  if (!isSeriesField(field)) throw new RangeError(`unknown series field ${JSON.stringify(field)}`);
  return { subject, field };
}

/** The subject as a folder name: upper-case letters, digits, `_` and `-` as they are, `~XX` otherwise. */
export function encodeSubject(subject: string): string {
  let out = '';
  for (const ch of subject) {
    out += PLAIN_CHAR.test(ch)
      ? ch
      : `~${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The subject a folder name stands for, or null when the name is not one `encodeSubject` makes. */
export function decodeSubject(name: string): string | null {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    if (ch === '~') {
      const hex = name.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return null;
      const decoded = String.fromCharCode(parseInt(hex, 16));
      if (PLAIN_CHAR.test(decoded)) return null;
      out += decoded;
      i += 2;
    } else if (PLAIN_CHAR.test(ch)) {
      out += ch;
    } else {
      return null;
    }
  }
  return out.length > 0 && out.length <= MAX_SUBJECT_LENGTH && SUBJECT_PATTERN.test(out)
    ? out
    : null;
}

/** A stable string for a key, usable as a map key and as the series' path under the history folder. */
export function seriesId(key: SeriesKey): string {
  return `${encodeSubject(key.subject)}/${key.field}`;
}

/** The key a `seriesId` stands for, or null. */
export function parseSeriesId(id: string): SeriesKey | null {
  const slash = id.indexOf('/');
  if (slash < 0) return null;
  const subject = decodeSubject(id.slice(0, slash));
  const field = id.slice(slash + 1);
  if (subject === null || !isSeriesField(field)) return null;
  return { subject, field };
}

export function sameSeries(a: SeriesKey, b: SeriesKey): boolean {
  return a.subject === b.subject && a.field === b.field;
}
