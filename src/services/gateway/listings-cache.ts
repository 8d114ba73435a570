// The venue's market list kept on disk, one file per venue and environment, so the next start quotes
// at once from the list it had while a fresh one loads (loading the list is one of the slowest steps
// before the first live figures). What is kept is what ccxt loaded, as it holds it, with each
// perpetual's funding interval: ccxt takes the markets back as they were (`setMarkets`). The file
// names the ccxt version that wrote it: another version's list (or a damaged file) is ignored and
// replaced after the next load, never an obstacle to starting.
// The file is gzipped: ccxt keeps each market with the venue's own description of it (about 2 kB as
// JSON), some 3,500 markets on a live venue, which compress about tenfold. Compressing runs on Node's
// thread pool, off the event loop the UI's calls are answered on.
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { MarketInterface } from 'ccxt';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-write';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { installedCcxtVersion } from './ccxt-loader';

/** Raised when what a file holds changes shape: an older shape is then ignored. */
const FORMAT = 1;

/** A market list as loaded: ccxt's markets and the funding intervals (hours) by unified symbol. */
export interface SavedListing {
  markets: MarketInterface[];
  fundingIntervals: Map<string, number>;
  /** When it was loaded (wall clock, ms). */
  loadedAt: number;
}

export interface ListingCache {
  /** The list saved last, or null when there is none, or it is damaged or of another ccxt. */
  read(): Promise<SavedListing | null>;
  /** Replaces the saved list (atomically); a failure is logged, never thrown. */
  write(listing: SavedListing): Promise<void>;
}

/** Where the list of `venue` in `environment` (live, simulator …) is kept inside the data folder. */
export function listingCachePath(dataDir: string, venue: string, environment: string): string {
  return join(dataDir, 'markets', `${venue}-${environment}.json.gz`);
}

// Only what the gateway and ccxt's lookups rely on is checked; the rest of each market is ccxt's own
// and goes back to it as it came.
const savedMarketSchema = z.looseObject({
  id: z.string(),
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  type: z.string(),
  spot: z.boolean(),
});

const savedFileSchema = z.object({
  format: z.literal(FORMAT),
  ccxtVersion: z.string(),
  loadedAt: z.number(),
  markets: z.array(savedMarketSchema).min(1),
  fundingIntervals: z.array(z.tuple([z.string(), z.number().positive()])),
});

const zip = promisify(gzip);
const unzip = promisify(gunzip);

export interface ListingCacheOptions {
  file: string;
  logger?: Logger;
  /** The ccxt version lists are kept for (default: the installed package's). */
  ccxtVersion?: () => Promise<string | null>;
}

export function createListingCache(options: ListingCacheOptions): ListingCache {
  const { file } = options;
  const logger = options.logger ?? silentLogger;
  const ccxtVersion = options.ccxtVersion ?? installedCcxtVersion;
  return {
    async read() {
      let compressed: Buffer;
      try {
        compressed = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          logger.warn('the saved market list could not be read; it is loaded afresh', error);
        }
        return null;
      }
      let parsed: z.infer<typeof savedFileSchema>;
      try {
        const text = (await unzip(compressed)).toString('utf8');
        const checked = savedFileSchema.safeParse(JSON.parse(text));
        if (!checked.success) {
          logger.warn('the saved market list is of another format; it is loaded afresh');
          return null;
        }
        parsed = checked.data;
      } catch {
        logger.warn('the saved market list is damaged; it is loaded afresh');
        return null;
      }
      const version = await ccxtVersion();
      if (version === null || parsed.ccxtVersion !== version) return null;
      return {
        markets: parsed.markets as unknown as MarketInterface[],
        fundingIntervals: new Map(parsed.fundingIntervals),
        loadedAt: parsed.loadedAt,
      };
    },

    async write(listing) {
      try {
        const version = await ccxtVersion();
        if (version === null) return;
        const text = JSON.stringify({
          format: FORMAT,
          ccxtVersion: version,
          loadedAt: listing.loadedAt,
          markets: listing.markets,
          fundingIntervals: [...listing.fundingIntervals],
        });
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomic(file, await zip(text));
      } catch (error) {
        logger.warn('the market list could not be saved; the next start loads it afresh', error);
      }
    },
  };
}
