// The last holdings synced from each account, and the venue's prices of the coins the market
// snapshot does not price, kept in `holdings.json` so that Premia shows them, with their age, when it
// starts offline. An account's entry goes when the account is removed.
import { z } from 'zod';
import { exchangeIdSchema } from '../../shared/settings';
import type { AccountHoldings } from '../../shared/portfolio';
import type { VersionedFile } from './versioned-file';
import { openVersionedFile } from './versioned-file';

export const HOLDINGS_FILE = 'holdings.json';
const HOLDINGS_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const accountHoldingsSchema = z.object({
  accountId: z.string(),
  exchange: exchangeIdSchema,
  syncedAt: finite,
  spot: z.array(z.object({ asset: z.string(), free: finite, used: finite, total: finite })),
  futures: z.object({
    balances: z.array(
      z.object({
        asset: z.string(),
        wallet: finite,
        unrealizedPnl: finite,
        margin: finite,
        available: finite,
      }),
    ),
    positions: z.array(
      z.object({
        symbol: z.string(),
        asset: z.string(),
        kind: z.enum(['perp', 'future']),
        expiry: finite.nullable(),
        side: z.enum(['long', 'short']),
        contracts: finite,
        contractSize: finite,
        multiplier: finite,
        quantity: finite,
        entryPrice: finite,
        markPrice: finite,
        unrealizedPnl: finite,
        leverage: finite.nullable(),
        marginMode: z.enum(['cross', 'isolated']),
        isolatedMargin: finite.nullable(),
        liquidationPrice: finite.nullable(),
        notional: finite,
        settle: z.string(),
      }),
    ),
  }),
}) satisfies z.ZodType<AccountHoldings>;

/** Prices in USDT from the venue's tickers, and when they were read. */
export interface TickerPrices {
  at: number;
  values: Record<string, number>;
}

const bodySchema = z.object({
  accounts: z.array(accountHoldingsSchema),
  prices: z.object({ at: finite, values: z.record(z.string(), finite) }).nullable(),
});
type Body = z.infer<typeof bodySchema>;

export interface HoldingsStore {
  /** The last synced holdings of every account that has been synced. */
  all(): AccountHoldings[];
  prices(): TickerPrices | null;
  /** Keeps these accounts' new holdings (replacing their last ones) and the prices, in one write. */
  record(holdings: readonly AccountHoldings[], prices: TickerPrices | null): Promise<void>;
  /** Forgets an account's holdings. */
  drop(accountId: string): Promise<void>;
  close(): Promise<void>;
}

class FileHoldingsStore implements HoldingsStore {
  constructor(private readonly file: VersionedFile<Body>) {}

  all(): AccountHoldings[] {
    return this.file.current().accounts;
  }

  prices(): TickerPrices | null {
    return this.file.current().prices;
  }

  async record(holdings: readonly AccountHoldings[], prices: TickerPrices | null): Promise<void> {
    await this.file.update((body) => {
      const fresh = new Set(holdings.map((h) => h.accountId));
      return {
        accounts: [...body.accounts.filter((a) => !fresh.has(a.accountId)), ...holdings],
        prices: prices ?? body.prices,
      };
    });
  }

  async drop(accountId: string): Promise<void> {
    await this.file.update((body) => ({
      ...body,
      accounts: body.accounts.filter((a) => a.accountId !== accountId),
    }));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

export async function openHoldingsStore(options: {
  dataDir: string;
  now: () => number;
  tell: (message: string) => void;
}): Promise<HoldingsStore> {
  const file = await openVersionedFile({
    ...options,
    name: HOLDINGS_FILE,
    what: 'the last synced holdings',
    version: HOLDINGS_VERSION,
    schema: bodySchema,
    empty: () => ({ accounts: [], prices: null }),
  });
  return new FileHoldingsStore(file);
}
