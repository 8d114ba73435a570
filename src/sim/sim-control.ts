// The simulator's control interface: pinning premiums, switching regimes, changing funding
// intervals, listing and delisting, moving market time, injecting faults and request limits, all
// checked before they reach the market.
import { assetSymbolSchema } from '../shared/settings';
import { REGIMES, type Regime } from '../shared/strategy';
import type { Account } from './account';
import { isOpen } from './account';
import { MAX_ASSETS, nextAssetNames, QUOTE } from './asset-catalog';
import type { MarketClock } from './clock';
import { mergeFaults, NO_FAULTS, type FaultInjector } from './faults';
import type { ControlRecord, ListedAsset, Market } from './market';
import type { OrderLog } from './order-log';
import { SIM_REGIMES, type SimRegime } from './price-path';
import { DEFAULT_WEIGHT_LIMITS, type RateLimiter } from './rate-limiter';
import type { MintedKey, MintKeyOptions, SimAssetView, SimControl } from './simulator-api';

/** The running simulator as its control interface sees it. */
export interface ControlTarget {
  readonly market: Market;
  readonly account: Account;
  readonly clock: MarketClock;
  readonly seed: number;
  readonly assets: ListedAsset[];
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly orderLog: OrderLog;
  readonly wall: () => number;
  /** Brings market and account to the market time now; returns it. */
  sync(): number;
  /** Marks the persisted state dirty. */
  changed(): void;
  assetView(asset: string, at: number): SimAssetView;
  /** The listed asset's name as the market knows it; a RangeError for one not listed. */
  requireAsset(asset: string): string;
  /** Applies and keeps a control record at the market time now. */
  control(record: Omit<ControlRecord, 'at'>): SimAssetView;
  /** A fresh market and account from the start options. */
  startFresh(): void;
  mintKey(options: MintKeyOptions): MintedKey;
  /** Whether a key (the start-up one or a minted one) is honoured. */
  knowsKey(apiKey: string): boolean;
}

// The app's regime names, each mapped to the simulated regime that produces it.
const SIM_REGIME_OF: Record<Regime, SimRegime> = {
  'deep-backwardation': 'capitulation',
  neutral: 'quiet',
  'moderate-contango': 'calm',
  'extreme-contango': 'euphoria',
};

function toSimRegime(name: string): SimRegime {
  if ((SIM_REGIMES as readonly string[]).includes(name)) return name as SimRegime;
  if ((REGIMES as readonly string[]).includes(name)) return SIM_REGIME_OF[name as Regime];
  throw new RangeError(
    `unknown regime ${name}: use one of ${[...SIM_REGIMES, ...REGIMES].join(', ')}`,
  );
}

export function assetNames(names: string[]): string[] {
  return names.map((n) => {
    const parsed = assetSymbolSchema.safeParse(n);
    if (!parsed.success || parsed.data === QUOTE)
      throw new RangeError(`${n} is not a listable asset name`);
    return parsed.data;
  });
}

export function makeControl(core: ControlTarget): SimControl {
  return {
    mintKey: (options = {}) => core.mintKey(options),
    knowsKey: (apiKey) => core.knowsKey(apiKey),
    state: () => {
      const at = core.sync();
      return {
        marketTime: at,
        wallTime: core.wall(),
        speed: core.clock.state.speed,
        seed: core.seed,
        assets: core.market.assets.map((a) => core.assetView(a, at)),
        faults: { ...core.faults.faults },
        weightLimits: { ...core.limiter.limits },
        openOrders: core.account.state.orders.filter(isOpen).length,
      };
    },
    orders: () => {
      core.sync();
      return core.orderLog.list();
    },
    setPremium: (asset, annualized) => {
      if (annualized !== null && (!Number.isFinite(annualized) || Math.abs(annualized) > 10)) {
        throw new RangeError(
          'the premium must be an annualized decimal between -10 and 10 (0.25 = 25%)',
        );
      }
      return core.control({
        asset: core.requireAsset(asset),
        control: { kind: 'premium', value: annualized },
      });
    },
    setRegime: (asset, regime) =>
      core.control({
        asset: core.requireAsset(asset),
        control: { kind: 'regime', regime: toSimRegime(regime) },
      }),
    setFundingInterval: (asset, hours) => {
      if (![1, 4, 8].includes(hours)) throw new RangeError('a funding interval is 1, 4 or 8 hours');
      const name = core.requireAsset(asset);
      const from = core.market.nextFundingTime(name, core.sync());
      return core.control({ asset: name, control: { kind: 'funding-interval', hours, from } });
    },
    delist: (asset, market) =>
      core.control({ asset: core.requireAsset(asset), control: { kind: 'delist', market } }),
    listFuture: (asset, listing) => {
      const now = core.sync();
      const listedFrom = listing.listedFrom ?? now;
      const tradingFrom = Math.max(listedFrom, listing.tradingFrom ?? now);
      if (!(listing.expiry > tradingFrom)) {
        throw new RangeError('a dated future must deliver after it starts trading');
      }
      return core.control({
        asset: core.requireAsset(asset),
        control: { kind: 'list-future', expiry: listing.expiry, listedFrom, tradingFrom },
      });
    },
    advance: (ms) => {
      core.sync();
      core.clock.advance(ms);
      const at = core.sync();
      core.changed();
      return at;
    },
    setSpeed: (speed) => {
      core.sync();
      core.clock.setSpeed(speed);
      core.changed();
    },
    setFaults: (patch) => {
      core.faults.faults = mergeFaults(core.faults.faults, patch);
      return { ...core.faults.faults };
    },
    clearFaults: () => {
      core.faults.faults = { ...NO_FAULTS };
    },
    setWeightLimits: (limits) => {
      for (const [key, value] of Object.entries(limits)) {
        if (!(key in DEFAULT_WEIGHT_LIMITS)) {
          throw new RangeError(
            `${key} is not a request limit: use ${Object.keys(DEFAULT_WEIGHT_LIMITS).join(', ')}`,
          );
        }
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
          throw new RangeError(
            key === 'funding'
              ? 'funding must be a positive number of requests per five minutes'
              : `${key} must be a positive request weight per minute`,
          );
        }
      }
      core.limiter.limits = { ...core.limiter.limits, ...limits };
      core.limiter.reset();
      return { ...core.limiter.limits };
    },
    addAssets: (countOrNames) => {
      const at = core.sync();
      const listed = core.market.assets;
      const names =
        typeof countOrNames === 'number'
          ? nextAssetNames(listed, Math.max(0, Math.floor(countOrNames)))
          : assetNames(countOrNames).filter((n) => !listed.includes(n));
      if (listed.length + names.length > MAX_ASSETS) {
        throw new RangeError(
          `the simulator lists at most ${MAX_ASSETS} assets (${listed.length} listed)`,
        );
      }
      for (const name of names) {
        const asset = { name, listedAt: at };
        core.market.list(asset);
        core.market.path(name).ensureCovers(at);
        core.assets.push(asset);
      }
      if (names.length > 0) core.changed();
      return names;
    },
    reset: () => {
      core.limiter.reset();
      core.faults.faults = { ...NO_FAULTS };
      core.startFresh();
    },
  };
}
