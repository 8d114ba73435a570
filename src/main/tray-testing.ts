// For the tray's tests: snapshots and health as the services send them.
import type { AssetSnapshot, MarketHealth, MarketSnapshot } from '../shared/market';
import type { Regime } from '../shared/strategy';

export function asset(name: string, regime: Regime | null, stale = false): AssetSnapshot {
  return {
    asset: name,
    spot: 100,
    perp: null,
    futures: [],
    premium: regime === null ? null : 0.05,
    premiumSource: null,
    basisMethod: 'simple',
    regime,
    heldByHysteresis: false,
    stale,
  };
}

export function snapshot(...assets: AssetSnapshot[]): MarketSnapshot {
  return { at: 1_000, source: 'demo', assets };
}

export const health = (state: MarketHealth['state']): MarketHealth => ({
  source: 'demo',
  state,
  lastFailure: null,
  nextAttemptAt: null,
  refreshing: false,
  lastQuotesAt: 1_000,
  refreshIntervalMs: 15_000,
});
