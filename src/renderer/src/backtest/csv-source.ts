// History from the user's own CSV files: per asset a `date,price` file and a funding file, read in
// this window (they never travel to the host) into the daily bars a backtest runs on.
import { seriesFromCsv } from '../../../core/backtest-csv';
import { barLabel, type BacktestSeries } from '../../../core/backtest-series';
import { formatPrice } from '../../../core/format';
import type { FundingSource } from '../../../shared/backtest';
import { assetSymbolSchema } from '../../../shared/settings';

export interface CsvFile {
  name: string;
  text: string;
}

export interface CsvEntry {
  id: number;
  /** As typed. */
  asset: string;
  prices: CsvFile | null;
  funding: CsvFile | null;
  /** A file chosen but not read (too big, unreadable), and why. */
  unreadable?: { field: 'prices' | 'funding'; problem: string };
}

export type CsvEntryField = 'asset' | 'prices' | 'funding';

export type CsvEntryReading =
  | { ok: true; asset: string; series: BacktestSeries; funding: FundingSource; summary: string }
  | { ok: false; field: CsvEntryField; problem: string };

/** The history of every entry, ready to run, or the first thing in the way. */
export type CsvHistoryReading =
  | { ok: true; series: BacktestSeries[]; funding: FundingSource; assets: string[] }
  | { ok: false; problem: string };

/** A file bigger than this is refused before it is read: daily history of any coin is far smaller. */
export const MAX_CSV_BYTES = 32 * 1024 * 1024;

const FUNDING_WORDS: Record<FundingSource, string> = {
  'daily-mean': 'daily mean funding',
  'settled-sum': '8-hourly settlements',
};

/**
 * A ticker guessed from a file's name: the token before "usdt" in "binance-btcusdt-funding-8h.csv",
 * else its first token ("btc-spot-daily.csv"); empty when nothing looks like one.
 */
export function assetFromFileName(name: string): string {
  const tokens = name
    .replace(/\.[^.]*$/, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t !== '');
  const quoted = tokens.find((t) => /^[A-Z0-9]{2,15}(USDT|USDC|USD)$/.test(t));
  const guess = quoted ? quoted.replace(/(USDT|USDC|USD)$/, '') : (tokens[0] ?? '');
  return assetSymbolSchema.safeParse(guess).success ? guess : '';
}

/** One entry's two files read and joined, or what is missing or wrong, on the field it concerns. */
export function readCsvEntry(entry: CsvEntry): CsvEntryReading {
  const asset = assetSymbolSchema.safeParse(entry.asset);
  if (!asset.success) {
    const problem = entry.asset.trim() === '' ? 'Name the asset' : 'Use a ticker such as BTC';
    return { ok: false, field: 'asset', problem };
  }
  if (entry.unreadable) return { ok: false, ...entry.unreadable };
  if (!entry.prices)
    return { ok: false, field: 'prices', problem: 'Choose a file of daily prices' };
  if (!entry.funding) return { ok: false, field: 'funding', problem: 'Choose a funding file' };
  let read;
  try {
    read = seriesFromCsv(asset.data, entry.prices, entry.funding);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field: CsvEntryField = message.startsWith(entry.funding.name) ? 'funding' : 'prices';
    return { ok: false, field, problem: message };
  }
  const bars = read.series.bars;
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) {
    return { ok: false, field: 'prices', problem: 'The two files share no day' };
  }
  return {
    ok: true,
    asset: asset.data,
    series: read.series,
    funding: read.funding,
    summary: `${formatPrice(bars.length, 0)} days from ${barLabel(first.at, 'day')} to ${barLabel(last.at, 'day')}, ${FUNDING_WORDS[read.funding]}`,
  };
}

/** Every entry's history, when each reads, no asset is named twice and the funding is of one kind. */
export function readCsvHistory(entries: readonly CsvEntry[]): CsvHistoryReading {
  if (entries.length === 0) return { ok: false, problem: 'Add the files of at least one asset.' };
  const read: Extract<CsvEntryReading, { ok: true }>[] = [];
  for (const entry of entries) {
    if (entry.asset.trim() === '' && !entry.prices && !entry.funding && !entry.unreadable) {
      return { ok: false, problem: 'Choose the two files of each asset.' };
    }
    const reading = readCsvEntry(entry);
    if (!reading.ok) {
      const name = entry.asset.trim() || 'An asset';
      return { ok: false, problem: `${name}: ${reading.problem}.` };
    }
    if (read.some((r) => r.asset === reading.asset)) {
      return { ok: false, problem: `${reading.asset} is named twice.` };
    }
    read.push(reading);
  }
  const kinds = new Set(read.map((r) => r.funding));
  if (kinds.size > 1) {
    return {
      ok: false,
      problem:
        'The funding files must all be of one kind: daily means (date,funding_mean) or 8-hourly settlements (fundingTime,fundingRate).',
    };
  }
  return {
    ok: true,
    series: read.map((r) => r.series),
    funding: read[0]!.funding,
    assets: read.map((r) => r.asset),
  };
}
