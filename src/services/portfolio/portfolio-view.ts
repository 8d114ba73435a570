// The portfolio as the views show it, composed from the stores, the latest market snapshot, the
// settings, the vault and the accounts. Nothing is shown as current that is not: holdings older than
// three sync intervals and prices from a stale snapshot each carry a warning and a stale flag.
import type { BucketsInput } from '../../core';
import { portfolioBuckets } from '../../core';
import type { AccountMeta, VaultStatus } from '../../shared/accounts';
import type { MarketSnapshot } from '../../shared/market';
import type {
  AccountHoldings,
  Freshness,
  ManualHolding,
  PortfolioView,
  PortfolioWarning,
} from '../../shared/portfolio';
import { DEFAULT_STABLECOINS } from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import type { Regime } from '../../shared/strategy';
import { formatDuration } from '../../core';
import type { TickerPrices } from './holdings-store';

/** Holdings older than this many sync intervals are shown as stale. */
export const STALE_HOLDINGS_INTERVALS = 3;

export interface ViewInputs {
  now: number;
  settings: Settings;
  snapshot: MarketSnapshot | null;
  accounts: readonly AccountMeta[];
  /** The stored holdings of every account synced so far. */
  holdings: readonly AccountHoldings[];
  tickers: TickerPrices | null;
  manual: readonly ManualHolding[];
  vault: VaultStatus;
  /** What the last sync could not do, per account. */
  syncWarnings: readonly PortfolioWarning[];
}

/** Why an account's holdings cannot be read while the vault that keeps its key is not unlocked. */
export function vaultLockedWarning(account: AccountMeta): PortfolioWarning {
  return {
    kind: 'vault-locked',
    accountId: account.id,
    message: `The key vault is locked, so the holdings of ${account.label} cannot be read. Unlock it to sync them.`,
  };
}

/** Every stablecoin Premia counts: the ones it knows and the settings' extras. */
export function stablecoinsOf(settings: Settings): string[] {
  return [...new Set([...DEFAULT_STABLECOINS, ...settings.portfolio.extraStablecoins])];
}

/**
 * The accounts whose holdings count: every account listed, except the demo one once a real account
 * exists (the demo portfolio is for trying Premia out, not part of anyone's money).
 */
export function countedAccounts(accounts: readonly AccountMeta[]): {
  counted: AccountMeta[];
  demo: boolean;
} {
  const real = accounts.filter((a) => !a.demo);
  return { counted: real.length > 0 ? real : [...accounts], demo: real.length === 0 };
}

function marketPrices(snapshot: MarketSnapshot | null, tracked: readonly string[]) {
  const prices: Record<string, number> = {};
  const regimes: Record<string, Regime | null> = {};
  const stale: string[] = [];
  for (const asset of snapshot?.assets ?? []) {
    if (!tracked.includes(asset.asset)) continue;
    if (asset.spot !== null) prices[asset.asset] = asset.spot;
    regimes[asset.asset] = asset.regime;
    if (asset.stale || snapshot?.offline === true) stale.push(asset.asset);
  }
  return { prices, regimes, stale };
}

/** What the buckets are worked out from, and the accounts and holdings they count. */
export interface CountedHoldings {
  input: BucketsInput;
  counted: AccountMeta[];
  demo: boolean;
  /** The tracked assets whose prices are not current. */
  stalePrices: string[];
  /** When the least recently synced counted account was synced; null before any sync. */
  oldestSync: number | null;
  /** True when that sync is older than the stale limit. */
  holdingsStale: boolean;
}

/** The buckets' input as the portfolio view counts it (also what a rebalance plan starts from). */
export function countedHoldings(
  inputs: Pick<
    ViewInputs,
    'now' | 'settings' | 'snapshot' | 'accounts' | 'holdings' | 'tickers' | 'manual'
  >,
): CountedHoldings {
  const { settings, snapshot } = inputs;
  const tracked = settings.assets.tracked;
  const { counted, demo } = countedAccounts(inputs.accounts);
  const ids = new Set(counted.map((a) => a.id));
  const holdings = inputs.holdings.filter((h) => ids.has(h.accountId));
  const market = marketPrices(snapshot, tracked);
  // The snapshot prices the tracked assets; the venue's tickers everything else.
  const prices = { ...inputs.tickers?.values, ...market.prices };
  const oldestSync = holdings.reduce<number | null>(
    (at, h) => (at === null || h.syncedAt < at ? h.syncedAt : at),
    null,
  );
  const staleAfter = STALE_HOLDINGS_INTERVALS * settings.portfolio.holdingsIntervalMs;
  return {
    input: {
      holdings,
      manual: inputs.manual,
      prices,
      tracked,
      mix: settings.assets.mix,
      regimes: market.regimes,
      policy: settings.policy,
      driftBand: settings.rebalance.driftBand,
      stablecoins: stablecoinsOf(settings),
    },
    counted,
    demo,
    stalePrices: market.stale,
    oldestSync,
    holdingsStale: oldestSync !== null && inputs.now - oldestSync > staleAfter,
  };
}

export function composePortfolioView(inputs: ViewInputs): PortfolioView {
  const { now, settings, snapshot } = inputs;
  const found = countedHoldings(inputs);
  const { counted, demo } = found;
  const ids = new Set(counted.map((a) => a.id));
  const holdings = found.input.holdings;
  const market = { stale: found.stalePrices };
  const buckets = portfolioBuckets(found.input);

  const warnings: PortfolioWarning[] = [];
  if (market.stale.length > 0) {
    warnings.push({
      kind: 'stale-prices',
      message:
        `The latest prices of ${market.stale.join(', ')} are not current` +
        `${snapshot?.offline === true ? ' (Premia is offline)' : ''}; values use the last ones received.`,
    });
  }
  const staleAfter = STALE_HOLDINGS_INTERVALS * settings.portfolio.holdingsIntervalMs;
  for (const h of holdings) {
    if (now - h.syncedAt <= staleAfter) continue;
    const label = counted.find((a) => a.id === h.accountId)?.label ?? h.accountId;
    warnings.push({
      kind: 'stale-holdings',
      accountId: h.accountId,
      message: `The holdings of ${label} were last synced ${formatDuration(now - h.syncedAt)} ago.`,
    });
  }
  const syncWarnings = inputs.syncWarnings.filter((w) => !w.accountId || ids.has(w.accountId));
  // Locking the vault is said at once, not only by the next sync (which may be an hour away).
  if (inputs.vault.state !== 'unlocked') {
    const said = new Set(
      syncWarnings.filter((w) => w.kind === 'vault-locked').map((w) => w.accountId),
    );
    for (const account of counted) {
      if (!account.demo && !said.has(account.id)) warnings.push(vaultLockedWarning(account));
    }
  }

  const holdingsFreshness: Freshness = { at: found.oldestSync, stale: found.holdingsStale };
  const priceFreshness: Freshness = {
    at: snapshot?.at ?? null,
    stale: snapshot === null || market.stale.length > 0,
  };
  return {
    at: now,
    buckets: { ...buckets, warnings: [...buckets.warnings, ...warnings, ...syncWarnings] },
    accounts: [...inputs.accounts],
    holdings: [...holdings],
    manual: [...inputs.manual],
    prices: priceFreshness,
    holdingsFreshness,
    vault: inputs.vault,
    demo,
  };
}
