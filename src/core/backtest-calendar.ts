// UTC calendar dates as plain arithmetic on milliseconds: the core reads no clock, so it keeps no
// Date objects either, and a bar's date or month is worked out from its time alone.
import { DAY_MS, HOUR_MS } from '../shared/time';

export interface CivilDate {
  year: number;
  /** 1 to 12. */
  month: number;
  /** 1 to 31. */
  day: number;
}

// The proleptic Gregorian calendar repeats every 400 years (146,097 days); counting years from
// March puts the leap day at the end of each year, which keeps the month arithmetic linear.
const DAYS_PER_ERA = 146_097;
const EPOCH_SHIFT = 719_468; // days from 0000-03-01 to 1970-01-01

/** The UTC calendar date of a time in ms. */
export function civilDate(ms: number): CivilDate {
  const days = Math.floor(ms / DAY_MS) + EPOCH_SHIFT;
  const era = Math.floor(days / DAYS_PER_ERA);
  const dayOfEra = days - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Midnight UTC of a calendar date, in ms. */
export function civilToMs({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT) * DAY_MS;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of a time in ms (UTC). */
export function isoDate(ms: number): string {
  const { year, month, day } = civilDate(ms);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** YYYY-MM-DDTHH:00Z of a time in ms (UTC), the hour it falls in. */
export function isoHour(ms: number): string {
  const hour = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / HOUR_MS);
  return `${isoDate(ms)}T${two(hour)}:00Z`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a YYYY-MM-DD date, or null when the text is not a date of the calendar. */
export function parseIsoDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const ms = civilToMs(date);
  const back = civilDate(ms);
  return back.year === date.year && back.month === date.month && back.day === date.day ? ms : null;
}

/** A number naming the UTC month of a time (year × 12 + month), for spotting a month's first bar. */
export function monthIndex(ms: number): number {
  const { year, month } = civilDate(ms);
  return year * 12 + month;
}
