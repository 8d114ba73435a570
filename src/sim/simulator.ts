// Starts the exchange simulator: an HTTP server on 127.0.0.1 speaking binance's REST dialect over a
// seeded, regime-switching market, with a control interface for tests and demos (in JS, and over HTTP
// at /__control/* when started with a control token), and its state kept in the data folder so a demo
// portfolio survives a restart.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assetSymbolSchema } from '../shared/settings';
import { REGIMES, type Regime } from '../shared/strategy';
import {
  Account,
  DEFAULT_BALANCES,
  isOpen,
  newAccountState,
  type InitialBalances,
} from './account';
import { DEFAULT_ASSETS, MAX_ASSETS, nextAssetNames, QUOTE } from './asset-catalog';
import { generateCredentials, type Credentials } from './auth';
import { quarterlyExpiriesAfter, yymmdd } from './calendar';
import { MarketClock } from './clock';
import { FaultInjector, mergeFaults, NO_FAULTS, type Faults } from './faults';
import type { FundingIntervalHours } from './listing';
import { Market, type ControlRecord, type ListedAsset } from './market';
import { SIM_REGIMES, type SimRegime } from './price-path';
import { RateLimiter, DEFAULT_WEIGHT_LIMITS, type WeightLimits } from './rate-limiter';
import { loadState, saveState, STATE_VERSION, type PersistedState } from './state-store';
import { checkControlAccess } from './control-access';
import { handleControlRequest } from './control-routes';
import { checkControlToken } from './control-token';
import { handleVenueRequest, refuseForeignHost, sendJson, type VenueRuntime } from './venue-server';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where sim-state.json lives; without it nothing is persisted. */
  dataDir?: string;
  /** Seed of a fresh market (a persisted market keeps its own). Default 1. */
  seed?: number;
  /** Assets listed on a fresh start (default BTC, ETH, SOL, BNB, XRP, DOGE, ADA, LINK). */
  assets?: string[];
  /** Market time of a fresh start (default: wall time). */
  marketTime?: number;
  /** Wall clock, against which signatures and rate limits are checked. */
  now?: () => number;
  /** Market time per wall time (default 1; 0 freezes the market between `advance` calls). */
  speed?: number;
  /** The demo key pair; generated at random when absent. */
  credentials?: Credentials;
  balances?: InitialBalances;
  weightLimits?: Partial<WeightLimits>;
  /** Where internal failures are reported (never secrets). Default: stderr. */
  onError?: (message: string) => void;
  /**
   * Turns the HTTP control interface (/__control/*) on for clients presenting this token. Without
   * it the interface is off; `control` (in this process) works either way.
   */
  controlToken?: string;
}

export type RegimeName = SimRegime | Regime;

export interface SimFutureView {
  symbol: string;
  expiry: number;
  price: number;
  /** Annualized basis (simple). */
  basis: number;
}

export interface SimAssetView {
  asset: string;
  spot: number;
  /** The annualized premium the regime is about (drives funding and the basis). */
  carry: number;
  regime: SimRegime;
  /** True while a premium set by `setPremium` holds. */
  pinned: boolean;
  fundingIntervalHours: number;
  predictedFundingRate: number;
  nextFundingTime: number;
  futures: SimFutureView[];
}

export interface SimStateView {
  marketTime: number;
  wallTime: number;
  speed: number;
  seed: number;
  assets: SimAssetView[];
  faults: Faults;
  weightLimits: WeightLimits;
  openOrders: number;
}

export interface SimControl {
  state(): SimStateView;
  /** Pins an asset's annualized premium (null releases the pin). */
  setPremium(asset: string, annualized: number | null): SimAssetView;
  setRegime(asset: string, regime: RegimeName): SimAssetView;
  /**
   * Changes the asset's funding interval from its next settlement on, as binance does; the
   * settlements before keep the interval they had.
   */
  setFundingInterval(asset: string, hours: FundingIntervalHours): SimAssetView;
  /**
   * Delists the asset's spot pair or perpetual from now on: the listing leaves it out and requests
   * naming it are refused with -1121 Invalid symbol.
   */
  delist(asset: string, market: 'spot' | 'perp'): SimAssetView;
  /**
   * Lists a dated future delivering at `expiry` beside the quarterlies: quoted in premiumIndex at
   * once, in the listing (as pending trading) from `listedFrom`, trading from `tradingFrom` (both
   * market times, now by default).
   */
  listFuture(
    asset: string,
    listing: { expiry: number; listedFrom?: number; tradingFrom?: number },
  ): SimAssetView;
  /** Moves market time forward, settling funding and deliveries on the way. */
  advance(ms: number): number;
  setSpeed(speed: number): void;
  setFaults(faults: Partial<Faults>): Faults;
  clearFaults(): void;
  setWeightLimits(limits: Partial<WeightLimits>): WeightLimits;
  /** Lists more assets (a count or names), up to 150 in all; returns the names added. */
  addAssets(countOrNames: number | string[]): string[];
  /** Starts over: a fresh market and account from the start options. */
  reset(): void;
}

export interface Simulator {
  url: string;
  port: number;
  credentials: Credentials;
  control: SimControl;
  /** Set when a persisted state could not be read and a fresh one was started. */
  recovered: string | null;
  marketTime(): number;
  close(): Promise<void>;
}

const DESIGN_REGIMES: Record<Regime, SimRegime> = {
  'deep-backwardation': 'capitulation',
  neutral: 'quiet',
  'moderate-contango': 'calm',
  'extreme-contango': 'euphoria',
};

function toSimRegime(name: string): SimRegime {
  if ((SIM_REGIMES as readonly string[]).includes(name)) return name as SimRegime;
  if ((REGIMES as readonly string[]).includes(name)) return DESIGN_REGIMES[name as Regime];
  throw new RangeError(
    `unknown regime ${name}: use one of ${[...SIM_REGIMES, ...REGIMES].join(', ')}`,
  );
}

function assetNames(names: string[]): string[] {
  return names.map((n) => {
    const parsed = assetSymbolSchema.safeParse(n);
    if (!parsed.success || parsed.data === QUOTE)
      throw new RangeError(`${n} is not a listable asset name`);
    return parsed.data;
  });
}

const SAVE_DELAY_MS = 250;
const HOLD_LIMIT_MS = 120_000;

class SimulatorCore {
  market!: Market;
  account!: Account;
  clock!: MarketClock;
  seed!: number;
  assets: ListedAsset[] = [];
  controls: ControlRecord[] = [];
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly options: SimulatorOptions,
    readonly wall: () => number,
  ) {
    this.faults = new FaultInjector(options.seed ?? 1);
    this.limiter = new RateLimiter({ ...DEFAULT_WEIGHT_LIMITS, ...options.weightLimits });
  }

  startFresh(): void {
    const marketTime = this.options.marketTime ?? this.wall();
    const names = assetNames(this.options.assets ?? [...DEFAULT_ASSETS]);
    if (names.length === 0 || names.length > MAX_ASSETS)
      throw new RangeError(`list 1 to ${MAX_ASSETS} assets`);
    this.restore({
      version: STATE_VERSION,
      seed: (this.options.seed ?? 1) >>> 0,
      clock: { anchorMarket: marketTime, anchorWall: this.wall(), speed: this.options.speed ?? 1 },
      assets: [...new Set(names)].map((name) => ({ name, listedAt: marketTime })),
      controls: [],
      account: newAccountState(this.options.balances ?? DEFAULT_BALANCES, marketTime),
    });
    this.changed();
  }

  restore(state: PersistedState): void {
    this.seed = state.seed;
    this.clock = new MarketClock(state.clock, this.wall);
    this.market = new Market(state.seed);
    this.assets = [...state.assets];
    this.controls = [...state.controls];
    for (const asset of this.assets) this.market.list(asset);
    for (const record of this.controls) this.market.applyControl(record);
    this.account = new Account(this.market, state.account);
    // Generate the paths now rather than on the first request, which would otherwise be slow.
    const now = this.clock.now();
    for (const asset of this.assets) this.market.path(asset.name).ensureCovers(now);
    const delisted = this.account.settleDelisted(now);
    if (delisted.length > 0) {
      (this.options.onError ?? defaultOnError)(
        `simulator: the venue no longer lists ${delisted.join(', ')}; ` +
          'the saved positions in them were settled at their mark (see the income history)',
      );
      this.changed();
    }
  }

  snapshot(): PersistedState {
    return {
      version: STATE_VERSION,
      seed: this.seed,
      clock: this.clock.state,
      assets: this.assets,
      controls: this.controls,
      account: this.account.state,
    };
  }

  sync(): number {
    const now = this.clock.now();
    const before = this.account.state.settledUntil;
    this.account.settle(now);
    const busy =
      Object.keys(this.account.state.positions).length > 0 ||
      this.account.state.orders.some(isOpen);
    if (busy && this.account.state.settledUntil !== before) this.changed();
    return now;
  }

  changed(): void {
    if (!this.options.dataDir) return;
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (!this.dirty || !this.options.dataDir) return;
    this.dirty = false;
    try {
      saveState(this.options.dataDir, this.snapshot());
    } catch (error) {
      (this.options.onError ?? defaultOnError)(
        `simulator: could not save its state: ${(error as Error).message}`,
      );
    }
  }

  assetView(asset: string, at: number): SimAssetView {
    const path = this.market.path(asset);
    const state = path.stateAt(at);
    const futures = path.spec.quarterlies
      ? quarterlyExpiriesAfter(at, 2).map((expiry) => {
          const instrument = this.market.futureByExpiry(asset, expiry);
          return {
            symbol: `${asset}${QUOTE}_${yymmdd(expiry)}`,
            expiry,
            price: this.market.price(instrument, at),
            basis: this.market.futureBasis(asset, expiry, at),
          };
        })
      : [];
    return {
      asset,
      spot: path.spotAt(at),
      carry: state.carry,
      regime: state.regime,
      pinned: state.pinned,
      fundingIntervalHours: this.market.fundingIntervalHours(asset, at),
      predictedFundingRate: this.market.predictedFundingRate(asset, at),
      nextFundingTime: this.market.nextFundingTime(asset, at),
      futures,
    };
  }

  requireAsset(asset: string): string {
    const name = asset.trim().toUpperCase();
    if (!this.market.hasAsset(name))
      throw new RangeError(`${asset} is not listed on the simulator`);
    return name;
  }

  control(record: Omit<ControlRecord, 'at'>): SimAssetView {
    const at = this.sync();
    const full: ControlRecord = { at, ...record };
    this.market.applyControl(full);
    this.controls.push(full);
    this.changed();
    return this.assetView(record.asset, at);
  }

  makeControl(): SimControl {
    return {
      state: () => {
        const at = this.sync();
        return {
          marketTime: at,
          wallTime: this.wall(),
          speed: this.clock.state.speed,
          seed: this.seed,
          assets: this.market.assets.map((a) => this.assetView(a, at)),
          faults: { ...this.faults.faults },
          weightLimits: { ...this.limiter.limits },
          openOrders: this.account.state.orders.filter(isOpen).length,
        };
      },
      setPremium: (asset, annualized) => {
        if (annualized !== null && (!Number.isFinite(annualized) || Math.abs(annualized) > 10)) {
          throw new RangeError(
            'the premium must be an annualized decimal between -10 and 10 (0.25 = 25%)',
          );
        }
        return this.control({
          asset: this.requireAsset(asset),
          control: { kind: 'premium', value: annualized },
        });
      },
      setRegime: (asset, regime) =>
        this.control({
          asset: this.requireAsset(asset),
          control: { kind: 'regime', regime: toSimRegime(regime) },
        }),
      setFundingInterval: (asset, hours) => {
        if (![1, 4, 8].includes(hours))
          throw new RangeError('a funding interval is 1, 4 or 8 hours');
        const name = this.requireAsset(asset);
        const from = this.market.nextFundingTime(name, this.sync());
        return this.control({ asset: name, control: { kind: 'funding-interval', hours, from } });
      },
      delist: (asset, market) =>
        this.control({ asset: this.requireAsset(asset), control: { kind: 'delist', market } }),
      listFuture: (asset, listing) => {
        const now = this.sync();
        const listedFrom = listing.listedFrom ?? now;
        const tradingFrom = Math.max(listedFrom, listing.tradingFrom ?? now);
        if (!(listing.expiry > tradingFrom)) {
          throw new RangeError('a dated future must deliver after it starts trading');
        }
        return this.control({
          asset: this.requireAsset(asset),
          control: { kind: 'list-future', expiry: listing.expiry, listedFrom, tradingFrom },
        });
      },
      advance: (ms) => {
        this.sync();
        this.clock.advance(ms);
        const at = this.sync();
        this.changed();
        return at;
      },
      setSpeed: (speed) => {
        this.sync();
        this.clock.setSpeed(speed);
        this.changed();
      },
      setFaults: (patch) => {
        this.faults.faults = mergeFaults(this.faults.faults, patch);
        return { ...this.faults.faults };
      },
      clearFaults: () => {
        this.faults.faults = { ...NO_FAULTS };
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
        this.limiter.limits = { ...this.limiter.limits, ...limits };
        this.limiter.reset();
        return { ...this.limiter.limits };
      },
      addAssets: (countOrNames) => {
        const at = this.sync();
        const listed = this.market.assets;
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
          this.market.list(asset);
          this.market.path(name).ensureCovers(at);
          this.assets.push(asset);
        }
        if (names.length > 0) this.changed();
        return names;
      },
      reset: () => {
        this.limiter.reset();
        this.faults.faults = { ...NO_FAULTS };
        this.startFresh();
      },
    };
  }
}

function defaultOnError(message: string): void {
  process.stderr.write(`${message}\n`);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const controlToken =
    options.controlToken === undefined ? null : checkControlToken(options.controlToken);
  const wall = options.now ?? Date.now;
  const onError = options.onError ?? defaultOnError;
  const core = new SimulatorCore(options, wall);
  const loaded = options.dataDir ? loadState(options.dataDir) : { state: null, problem: null };
  const recovered = loaded.problem;
  if (loaded.state) core.restore(loaded.state);
  else core.startFresh();
  core.flush();

  const credentials = options.credentials ?? generateCredentials();
  const control = core.makeControl();
  const held = new Set<ServerResponse>();
  const runtime: VenueRuntime = {
    get market() {
      return core.market;
    },
    get account() {
      return core.account;
    },
    faults: core.faults,
    limiter: core.limiter,
    credentials,
    wallNow: wall,
    sync: () => core.sync(),
    changed: () => core.changed(),
    hold: (res) => {
      held.add(res);
      const timer = setTimeout(() => {
        held.delete(res);
        res.destroy();
      }, HOLD_LIMIT_MS);
      timer.unref();
      res.on('close', () => {
        clearTimeout(timer);
        held.delete(res);
      });
    },
    onError,
  };

  // Known once listening; no request arrives before.
  let port = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let work: Promise<void>;
    if (url.pathname.startsWith('/__control')) {
      const refusal = checkControlAccess(req, port, controlToken);
      if (refusal) {
        sendJson(res, refusal.status, { error: refusal.error });
        return;
      }
      work = handleControlRequest(control, req, res, url);
    } else {
      if (refuseForeignHost(req, res, port)) return;
      work = handleVenueRequest(runtime, req, res, url);
    }
    work.catch((error: unknown) => {
      onError(`simulator: request failed: ${(error as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { code: -1000, msg: 'An unknown error occurred.' });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    credentials,
    control,
    recovered,
    marketTime: () => core.clock.now(),
    close: async () => {
      if (closed) return;
      closed = true;
      core.changed();
      core.flush();
      for (const res of held) res.destroy();
      held.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
