// For the portfolio services' tests: a fresh data folder per test, accounts, vault states and
// snapshots written briefly, and a holdings source the test answers for.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import type { MarketSnapshot } from '../../shared/market';
import type { AccountHoldings } from '../../shared/portfolio';
import { accountMeta as sharedAccountMeta, vaultStatus } from '../../shared/portfolio-testing';
import type { Regime } from '../../shared/strategy';
import { atomicTempPath } from '../atomic-write';
import type { HoldingsSource } from './holdings-sync';

export interface PortfolioFolder {
  readonly dir: string;
  /** Makes the next atomic writes of `name` fail, as a full or broken disk would; returns the undo. */
  breakWrites(name: string): Promise<() => Promise<void>>;
}

export function portfolioFolder(): PortfolioFolder {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-portfolio-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async breakWrites(name) {
      // A folder where the temporary file goes: opening it for writing fails with EISDIR.
      const blocker = atomicTempPath(join(dir, name));
      await mkdir(blocker);
      return () => rm(blocker, { recursive: true, force: true });
    },
  };
}

export function accountMeta(id: string, extra: Partial<AccountMeta> = {}): AccountMeta {
  return sharedAccountMeta({
    id,
    label: `Account ${id}`,
    createdAt: 0,
    permissions: null,
    modes: null,
    testedAt: null,
    syncedAt: null,
    ...extra,
  });
}

export function vault(state: VaultStatus['state']): VaultStatus {
  return vaultStatus({ state, remember: { available: false, reason: null, active: false } });
}

/** A snapshot pricing each asset at `prices`, in `regimes` (neutral where not given). */
export function snapshot(
  at: number,
  prices: Record<string, number>,
  extra: { stale?: string[]; offline?: boolean; regimes?: Record<string, Regime | null> } = {},
): MarketSnapshot {
  return {
    at,
    source: 'demo',
    offline: extra.offline ?? false,
    assets: Object.entries(prices).map(([asset, spot]) => ({
      asset,
      spot,
      perp: null,
      futures: [],
      premium: null,
      premiumSource: null,
      basisMethod: 'simple',
      regime: extra.regimes && asset in extra.regimes ? (extra.regimes[asset] ?? null) : 'neutral',
      heldByHysteresis: false,
      stale: extra.stale?.includes(asset) ?? false,
    })),
  };
}

/** A holdings source answering from a table the test changes; a thrown entry is a failure. */
export class FakeSource implements HoldingsSource {
  list: AccountMeta[] = [];
  answers = new Map<string, AccountHoldings | Error | (() => Promise<AccountHoldings>)>();
  prices: Record<string, number> = {};
  fetched: string[] = [];
  priced: string[][] = [];

  accounts(): AccountMeta[] {
    return this.list;
  }

  async fetchHoldings(accountId: string): Promise<AccountHoldings> {
    this.fetched.push(accountId);
    const answer = this.answers.get(accountId);
    if (answer === undefined) throw new Error(`no holdings for ${accountId}`);
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer();
    return answer;
  }

  async fetchSpotPrices(coins: readonly string[]): Promise<Record<string, number>> {
    this.priced.push([...coins]);
    return Object.fromEntries(
      coins.filter((c) => c in this.prices).map((c) => [c, this.prices[c] ?? 0]),
    );
  }
}
