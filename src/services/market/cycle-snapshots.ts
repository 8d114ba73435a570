// What each cycle shows: a snapshot built from its quotes asset by asset (thresholds from history
// when the settings ask, settled funding for the averaged signal, the regime carried over for
// hysteresis), one asset's unusable quotes never taking the others down; and after a failure, the
// last known data aged, with why it is short said on every asset when the venue will not answer.
import type { FundingPoint } from '../../core';
import type { AssetSnapshot, MarketSnapshot } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { Regime, Thresholds } from '../../shared/strategy';
import { DAY_MS } from '../../shared/time';
import type { MarketDataCycle } from '../gateway';
import type { Logger } from '../logger';
import type { PollerOptions } from './poller-types';
import {
  buildAssetSnapshot,
  emptyAssetSnapshot,
  hasMarketData,
  reclassifiedUnderFixedLevels,
} from './snapshot-builder';
import { withStaleness } from './staleness';

/** The venue's clock for a cycle: the newest time it stamped a quote with, else the receipt time. */
export function marketTimeOf(cycle: MarketDataCycle, fallback: number): number {
  let newest = -Infinity;
  for (const asset of cycle.assets) {
    const times = [asset.perp?.venueTime, ...asset.futures.map((f) => f.venueTime)];
    for (const t of times)
      if (typeof t === 'number' && Number.isFinite(t) && t > newest) newest = t;
  }
  return newest > 0 ? newest : fallback;
}

/** The asset's snapshot saying why its data is short, or nothing when `problem` is absent. */
function withProblem(asset: AssetSnapshot, problem: string | undefined): AssetSnapshot {
  const { problem: _previous, ...rest } = asset;
  return problem === undefined ? rest : { ...rest, problem };
}

export type CycleSnapshotsOptions = Pick<
  PollerOptions,
  'source' | 'initial' | 'settledFunding' | 'historyThresholds'
> & { logger: Logger };

export class CycleSnapshots {
  #current: MarketSnapshot | null;
  /** The regime of each asset's last classification, carried for hysteresis. */
  readonly #regimes = new Map<string, Regime>();
  readonly #byAsset = new Map<string, AssetSnapshot>();

  constructor(private readonly options: CycleSnapshotsOptions) {
    // A saved snapshot's problems were the last session's: this one finds its own.
    const initial = options.initial
      ? {
          ...options.initial,
          assets: options.initial.assets.map((a) => withProblem({ ...a, stale: true }, undefined)),
        }
      : null;
    this.#current = initial;
    for (const a of initial?.assets ?? []) {
      if (a.regime) this.#regimes.set(a.asset, a.regime);
      this.#byAsset.set(a.asset, a);
    }
  }

  /** The snapshot shown now (the initial one, all stale, until the first cycle). */
  get current(): MarketSnapshot | null {
    return this.#current;
  }

  /** Takes `snapshot` as the one shown: the next cycles start from its assets. */
  adopt(snapshot: MarketSnapshot): void {
    this.#current = snapshot;
    this.#byAsset.clear();
    for (const a of snapshot.assets) {
      this.#byAsset.set(a.asset, a);
      if (a.regime && !a.stale) this.#regimes.set(a.asset, a.regime);
    }
  }

  async build(
    result: MarketDataCycle,
    settings: Settings,
    wall: number,
  ): Promise<{ snapshot: MarketSnapshot; marketNow: number }> {
    const marketNow = marketTimeOf(result, wall);
    const byAsset = new Map(result.assets.map((a) => [a.asset, a]));
    const assets: AssetSnapshot[] = [];
    for (const asset of settings.assets.tracked) {
      const data = byAsset.get(asset);
      if (!data || !hasMarketData(data)) {
        assets.push(withProblem(this.#kept(asset, settings, wall), data?.problem));
        continue;
      }
      let built: AssetSnapshot;
      try {
        const intervalHours = data.perp?.fundingIntervalHours ?? null;
        built = buildAssetSnapshot({
          data,
          marketNow,
          receivedAt: wall,
          signal: settings.signal,
          thresholds: await this.#thresholdsFor(asset, settings),
          fundingHistory: await this.#fundingFor(asset, settings, marketNow, intervalHours),
          previousRegime: this.#regimes.get(asset) ?? null,
        });
      } catch (error) {
        // One asset's unusable quotes must not take the others down: it keeps its last snapshot.
        this.options.logger.warn(`${asset}'s quotes could not be turned into a snapshot`, error);
        assets.push(this.#kept(asset, settings, wall));
        continue;
      }
      assets.push(withProblem(built, data.problem));
    }
    return {
      snapshot: { at: wall, source: this.options.source, assets, offline: false },
      marketNow,
    };
  }

  /** The last known data, aged; `problem` (a refused region) is said on every asset. */
  stale(
    settings: Settings,
    wall: number,
    offline: boolean,
    problem?: string,
  ): MarketSnapshot | null {
    if (this.#current === null && !offline && problem === undefined) return null;
    return {
      at: wall,
      source: this.options.source,
      offline,
      assets: settings.assets.tracked.map((asset) => {
        const kept = this.#kept(asset, settings, wall);
        return problem === undefined ? kept : withProblem(kept, problem);
      }),
    };
  }

  /** The asset as last shown, aged and classified by the fixed levels in force, or empty when it never was. */
  #kept(asset: string, settings: Settings, wall: number): AssetSnapshot {
    const previous = this.#byAsset.get(asset);
    return previous
      ? withStaleness(
          reclassifiedUnderFixedLevels(previous, settings),
          wall,
          settings.market.refreshIntervalMs,
        )
      : emptyAssetSnapshot(asset, settings.signal.basisMethod);
  }

  async #thresholdsFor(asset: string, settings: Settings): Promise<Thresholds> {
    if (settings.thresholds.mode === 'history' && this.options.historyThresholds) {
      try {
        const found = await this.options.historyThresholds(asset, settings);
        if (found) return found;
      } catch (error) {
        this.options.logger.warn(`thresholds from ${asset}'s history could not be read`, error);
      }
    }
    return settings.thresholds.fixed;
  }

  async #fundingFor(
    asset: string,
    settings: Settings,
    marketNow: number,
    intervalHours: number | null,
  ): Promise<readonly FundingPoint[]> {
    const source = settings.signal.source;
    if (!this.options.settledFunding || intervalHours === null) return [];
    if (source !== 'auto' && source !== 'funding-average') return [];
    const windowMs = settings.signal.averagingWindowDays * DAY_MS;
    try {
      return await this.options.settledFunding(
        asset,
        marketNow - windowMs,
        marketNow,
        intervalHours,
      );
    } catch (error) {
      this.options.logger.warn(`settled funding of ${asset} could not be read`, error);
      return [];
    }
  }
}
