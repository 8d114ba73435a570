// For tests of the alert rules and the services built on them: a portfolio view and a snapshot
// written as briefly as the rules read them.
import type { MarketSnapshot, PerpQuote } from '../shared/market';
import type { AccountHoldings, PortfolioView } from '../shared/portfolio';
import { vaultStatus } from '../shared/portfolio-testing';
import type { Settings } from '../shared/settings';
import type { Regime } from '../shared/strategy';
import type { BucketsInput } from './buckets';
import { portfolioBuckets } from './buckets';
import { bucketsInput } from './buckets-testing';

/** Tracking BTC and ETH, alerting at 15% from liquidation and 7 days from expiry. */
export const ALERT_SETTINGS: Pick<Settings, 'alerts' | 'assets'> = {
  alerts: { liquidationDistance: 0.15, expiryDays: 7, notifications: true },
  assets: { tracked: ['BTC', 'ETH'], mix: {} },
};

export interface AssetQuote {
  spot?: number;
  regime?: Regime | null;
  stale?: boolean;
  /** Funding per interval of the asset's USDT perpetual; no perpetual when absent. */
  funding?: number;
}

export function alertSnapshot(
  at: number,
  assets: Record<string, AssetQuote>,
  offline = false,
): MarketSnapshot {
  return {
    at,
    source: 'demo',
    offline,
    assets: Object.entries(assets).map(([asset, q]) => ({
      asset,
      spot: q.spot ?? 100,
      perp: q.funding === undefined ? null : perpQuote(asset, q.spot ?? 100, q.funding),
      futures: [],
      premium: null,
      premiumSource: null,
      basisMethod: 'simple',
      regime: q.regime === undefined ? 'neutral' : q.regime,
      heldByHysteresis: false,
      stale: q.stale ?? false,
    })),
  };
}

function perpQuote(asset: string, mark: number, fundingRate: number): PerpQuote {
  return {
    symbol: `${asset}/USDT:USDT`,
    mark,
    index: mark,
    fundingRate,
    fundingIntervalHours: 8,
    intervalFromVenue: true,
    annualized: fundingRate * 3 * 365,
    nextFundingAt: null,
  };
}

/** The portfolio view of these holdings at these prices (the buckets computed as the app does). */
export function alertPortfolio(
  at: number,
  holdings: AccountHoldings[],
  buckets: Partial<BucketsInput> = {},
  holdingsStale = false,
): PortfolioView {
  return {
    at,
    buckets: portfolioBuckets(bucketsInput({ holdings, ...buckets })),
    accounts: [],
    holdings,
    manual: [],
    prices: { at, stale: false },
    holdingsFreshness: { at, stale: holdingsStale },
    vault: vaultStatus({ state: 'absent' }),
    demo: false,
  };
}
