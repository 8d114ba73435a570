// Loaders for the real market history in test/fixtures (tests and benches only; the app never reads these).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOUR_MS } from '../src/shared/time';
import type { BacktestSeries } from '../src/core/backtest-series';
import { joinBars } from '../src/core/backtest-series';

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** One funding payment of a perpetual: the rate per interval, paid at `at` (ms, on the hour). */
export interface FundingFixturePoint {
  at: number;
  rate: number;
  intervalHours: number;
  /** Mark price at funding time; the files leave it blank before 2023-10-31. */
  markPrice: number | null;
}

/** One day's close of BTC-USD; `at` is midnight UTC of `date`. */
export interface SpotFixturePoint {
  date: string;
  at: number;
  price: number;
  volume: number;
}

/** One day's mean of the 8-hourly BTC funding rates. */
export interface DailyFundingFixturePoint {
  date: string;
  at: number;
  fundingMean: number;
  fundingAbs: number;
}

export type FundingFixtureAsset = 'BTC' | 'ETH';

const FUNDING_FILES: Record<FundingFixtureAsset, string> = {
  BTC: 'binance-btcusdt-funding-8h.csv',
  ETH: 'binance-ethusdt-funding-8h.csv',
};

/** The binance funding files use an 8-hour interval throughout. */
const FIXTURE_FUNDING_INTERVAL_HOURS = 8;

const cache = new Map<string, unknown>();

function memo<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** Data rows of a CSV file as string cells, after checking the header is the one expected. */
function readRows(file: string, header: readonly string[]): string[][] {
  const lines = readFileSync(join(FIXTURE_DIR, file), 'utf8').split(/\r?\n/);
  const found = lines[0]?.split(',') ?? [];
  if (found.join(',') !== header.join(',')) {
    throw new Error(`${file}: expected columns ${header.join(',')}, found ${found.join(',')}`);
  }
  return lines
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const cells = line.split(',');
      if (cells.length !== header.length) {
        throw new Error(
          `${file}: row ${i + 2} has ${cells.length} cells, expected ${header.length}`,
        );
      }
      return cells;
    });
}

function toNumber(cell: string, file: string, column: string): number {
  const value = Number(cell);
  if (cell.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`${file}: ${column} is not a number: "${cell}"`);
  }
  return value;
}

function dayStart(date: string, file: string): number {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(at)) throw new Error(`${file}: not a date: "${date}"`);
  return at;
}

/**
 * The 8-hourly funding history of a binance USDⓈ-M perpetual, oldest first. Timestamps carry a few
 * milliseconds of jitter in the source, so they are rounded down to the hour.
 */
export function loadFundingHistory(asset: FundingFixtureAsset): readonly FundingFixturePoint[] {
  const file = FUNDING_FILES[asset];
  return memo(file, () =>
    readRows(file, ['fundingTime', 'fundingRate', 'markPrice']).map(
      ([time = '', rate = '', mark = '']) => ({
        at: Math.floor(toNumber(time, file, 'fundingTime') / HOUR_MS) * HOUR_MS,
        rate: toNumber(rate, file, 'fundingRate'),
        intervalHours: FIXTURE_FUNDING_INTERVAL_HOURS,
        markPrice: mark.trim() === '' ? null : toNumber(mark, file, 'markPrice'),
      }),
    ),
  );
}

/** BTC-USD daily closes, oldest first. */
export function loadBtcSpotDaily(): readonly SpotFixturePoint[] {
  const file = 'btc-spot-daily.csv';
  return memo(file, () =>
    readRows(file, ['date', 'price', 'volume']).map(([date = '', price = '', volume = '']) => ({
      date,
      at: dayStart(date, file),
      price: toNumber(price, file, 'price'),
      volume: toNumber(volume, file, 'volume'),
    })),
  );
}

/** Daily means of the 8-hourly BTC funding rates, oldest first. */
export function loadBtcFundingDaily(): readonly DailyFundingFixturePoint[] {
  const file = 'btc-funding-daily.csv';
  return memo(file, () =>
    readRows(file, ['date', 'funding_mean', 'funding_abs']).map(
      ([date = '', mean = '', abs = '']) => ({
        date,
        at: dayStart(date, file),
        fundingMean: toNumber(mean, file, 'funding_mean'),
        fundingAbs: toNumber(abs, file, 'funding_abs'),
      }),
    ),
  );
}

/** BTC's daily closes joined with its daily mean funding: the backtest's reference history. */
export function loadBtcBacktestSeries(): BacktestSeries {
  return memo('btc-backtest', () =>
    joinBars(
      'BTC',
      'day',
      loadBtcSpotDaily().map((p) => ({ at: p.at, price: p.price })),
      loadBtcFundingDaily().map((p) => ({ at: p.at, rate: p.fundingMean })),
    ),
  );
}
