import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import { silentLogger } from '../logger';
import { CycleSnapshots } from './cycle-snapshots';

const AT = Date.UTC(2025, 0, 10, 12);

function kept(asset: string, premium: number): AssetSnapshot {
  const fixed = defaultSettings().thresholds.fixed;
  return {
    asset,
    spot: 100,
    perp: null,
    futures: [],
    premium,
    premiumSource: 'funding-current',
    basisMethod: 'simple',
    regime: premium > fixed.moderateFrom ? 'moderate-contango' : 'neutral',
    heldByHysteresis: false,
    stale: false,
    receivedAt: AT,
    thresholds: { ...fixed },
  };
}

describe('the snapshot kept while the market is out of reach', () => {
  it('shows the regimes under fixed levels changed meanwhile, from each asset’s own premium', () => {
    const initial: MarketSnapshot = {
      at: AT,
      source: 'demo',
      offline: false,
      assets: [kept('BTC', 0.12), kept('ETH', 0.02)],
    };
    const snapshots = new CycleSnapshots({ source: 'demo', initial, logger: silentLogger });
    const settings = defaultSettings();
    const raised = { ...settings.thresholds.fixed, moderateFrom: 0.15, extremeExit: 0.15 };
    const changed = { ...settings, thresholds: { ...settings.thresholds, fixed: raised } };

    const stale = snapshots.stale(changed, AT + 60_000, true);
    expect(stale?.offline).toBe(true);
    expect(stale?.assets.map((a) => [a.asset, a.regime, a.stale])).toEqual([
      ['BTC', 'neutral', true],
      ['ETH', 'neutral', true],
    ]);
    expect(stale?.assets[0]?.thresholds).toEqual(raised);
    expect(stale?.assets[0]?.premium).toBe(0.12);

    // Under the levels it was classified by, the kept snapshot reads as it did.
    const same = snapshots.stale(settings, AT + 60_000, true);
    expect(same?.assets.map((a) => a.regime)).toEqual(['moderate-contango', 'neutral']);
  });
});
