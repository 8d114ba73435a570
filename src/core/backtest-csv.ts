// History for a backtest read from CSV files: daily closes, daily mean funding, or the venue's own
// 8-hourly funding settlements. Every bad cell is refused with its line.
import type { FundingSource } from '../shared/backtest';
import { HOUR_MS } from '../shared/time';
import type { CsvRecord } from './csv';
import { CsvSyntaxError, parseCsv } from './csv';
import type { BacktestSeries, PricePoint, RatePoint } from './backtest-series';
import { BacktestDataError, joinBars } from './backtest-series';
import { parseIsoDate } from './backtest-calendar';

/** Funding read from a file, and what its figures are. */
export interface FundingFile {
  source: FundingSource;
  points: RatePoint[];
}

function records(text: string, what: string): CsvRecord[] {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new BacktestDataError(`${what}: ${error.message}`);
    }
    throw error;
  }
}

/** The columns' places by name, after checking the header names every column needed. */
function columns(header: CsvRecord | undefined, needed: readonly string[], what: string): number[] {
  if (!header) throw new BacktestDataError(`${what}: the file is empty`);
  const names = header.fields.map((f) => f.value.trim());
  return needed.map((name) => {
    const at = names.indexOf(name);
    if (at < 0) {
      throw new BacktestDataError(
        `${what}: line ${header.line}: the header needs a "${name}" column (found ${names.join(',')})`,
      );
    }
    return at;
  });
}

function cell(record: CsvRecord, column: number, name: string, what: string): string {
  const field = record.fields[column];
  if (field === undefined || field.value.trim() === '') {
    throw new BacktestDataError(`${what}: line ${record.line}: no ${name}`);
  }
  return field.value.trim();
}

function dateCell(record: CsvRecord, column: number, what: string): number {
  const value = cell(record, column, 'date', what);
  const at = parseIsoDate(value);
  if (at === null) {
    throw new BacktestDataError(
      `${what}: line ${record.line}: "${value}" is not a date written YYYY-MM-DD`,
    );
  }
  return at;
}

function numberCell(record: CsvRecord, column: number, name: string, what: string): number {
  const value = cell(record, column, name, what);
  const n = Number(value);
  if (!Number.isFinite(n)) {
    throw new BacktestDataError(`${what}: line ${record.line}: ${name} "${value}" is not a number`);
  }
  return n;
}

/** Daily closes from `date,price` (other columns are ignored). A price must be above 0. */
export function parsePriceCsv(text: string, what = 'prices'): PricePoint[] {
  const [header, ...rows] = records(text, what);
  const [date = 0, price = 0] = columns(header, ['date', 'price'], what);
  return rows.map((r) => {
    const at = dateCell(r, date, what);
    const value = numberCell(r, price, 'price', what);
    if (value <= 0) {
      throw new BacktestDataError(
        `${what}: line ${r.line}: the price must be above 0 (got ${value})`,
      );
    }
    return { at, price: value };
  });
}

function parseDailyMean(rows: CsvRecord[], header: CsvRecord, what: string): RatePoint[] {
  const [date = 0, mean = 0] = columns(header, ['date', 'funding_mean'], what);
  return rows.map((r) => ({
    at: dateCell(r, date, what),
    rate: numberCell(r, mean, 'funding_mean', what),
  }));
}

function parseSettlements(rows: CsvRecord[], header: CsvRecord, what: string): RatePoint[] {
  const [time = 0, rate = 0] = columns(header, ['fundingTime', 'fundingRate'], what);
  return rows.map((r) => {
    const ms = numberCell(r, time, 'fundingTime', what);
    // Venues stamp a settlement a few milliseconds after the hour it belongs to.
    return {
      at: Math.floor(ms / HOUR_MS) * HOUR_MS,
      rate: numberCell(r, rate, 'fundingRate', what),
    };
  });
}

/**
 * Funding from either `date,funding_mean` (the mean of each day's 8-hourly rates) or the venue's
 * settlements `fundingTime,fundingRate` (ms; each stamp rounded down to its hour, and the rates
 * summed per bar when bars are joined). The header says which.
 */
export function parseFundingCsv(text: string, what = 'funding'): FundingFile {
  const [header, ...rows] = records(text, what);
  if (!header) throw new BacktestDataError(`${what}: the file is empty`);
  const names = header.fields.map((f) => f.value.trim());
  if (names.includes('fundingTime')) {
    return { source: 'settled-sum', points: parseSettlements(rows, header, what) };
  }
  if (names.includes('funding_mean')) {
    return { source: 'daily-mean', points: parseDailyMean(rows, header, what) };
  }
  throw new BacktestDataError(
    `${what}: line ${header.line}: the header needs date,funding_mean or fundingTime,fundingRate (found ${names.join(',')})`,
  );
}

/** An asset's daily bars read from its two files, and what the funding figures are. */
export interface CsvSeries {
  series: BacktestSeries;
  funding: FundingSource;
}

/**
 * Daily bars for `asset` from a `date,price` file and a funding file (either kind), joined over the
 * days both cover. Throws a BacktestDataError naming the file and line, or the date, of a problem.
 */
export function seriesFromCsv(
  asset: string,
  prices: { text: string; name: string },
  funding: { text: string; name: string },
): CsvSeries {
  const closes = parsePriceCsv(prices.text, prices.name);
  const rates = parseFundingCsv(funding.text, funding.name);
  return { series: joinBars(asset, 'day', closes, rates.points), funding: rates.source };
}
