import { describe, expect, it } from 'vitest';
import {
  decodeSubject,
  encodeSubject,
  FIELD_KIND,
  parseSeriesId,
  SERIES_FIELDS,
  seriesId,
  seriesKey,
} from './series-keys';

describe('series keys', () => {
  it('leaves plain tickers readable as folder names', () => {
    expect(encodeSubject('BTC')).toBe('BTC');
    expect(encodeSubject('BTCUSDT_260327')).toBe('BTCUSDT_260327');
    expect(seriesId(seriesKey('ETH', 'premium'))).toBe('ETH/premium');
  });

  it('escapes separators, dots and lower case so every subject gets a folder of its own', () => {
    const subjects = ['BTC/USDT:USDT', 'btc', 'BTC', '..', 'A.B', 'A~2EB', '~'];
    const names = subjects.map(encodeSubject);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(subjects.length);
    for (const name of names) expect(name).toMatch(/^[A-Z0-9_~-]+$/);
    for (const [i, name] of names.entries()) expect(decodeSubject(name)).toBe(subjects[i]);
  });

  it('refuses folder names no subject encodes to', () => {
    expect(decodeSubject('.backfill')).toBeNull();
    expect(decodeSubject('btc')).toBeNull();
    expect(decodeSubject('~4')).toBeNull();
    expect(decodeSubject('~41')).toBeNull();
    expect(decodeSubject('')).toBeNull();
  });

  it('round-trips ids for every field', () => {
    for (const field of SERIES_FIELDS) {
      const key = seriesKey('BTC/USDT:USDT', field);
      expect(parseSeriesId(seriesId(key))).toEqual(key);
    }
    expect(parseSeriesId('BTC/unknown')).toBeNull();
    expect(parseSeriesId('BTC')).toBeNull();
  });

  it('refuses empty, over-long and non-printable subjects and unknown fields', () => {
    expect(() => seriesKey('', 'spot')).toThrow(RangeError);
    expect(() => seriesKey('X'.repeat(65), 'spot')).toThrow(RangeError);
    expect(() => seriesKey('BTC USDT', 'spot')).toThrow(RangeError);
    expect(() => seriesKey('BTC\n', 'spot')).toThrow(RangeError);
    expect(() => seriesKey('BTC', 'volume' as never)).toThrow(RangeError);
  });

  it('never thins funding settlements, and thins prices and rates differently', () => {
    expect(FIELD_KIND.funding).toBe('settlement');
    expect(FIELD_KIND['funding-interval']).toBe('settlement');
    expect(FIELD_KIND.spot).toBe('price');
    expect(FIELD_KIND.premium).toBe('rate');
  });
});
