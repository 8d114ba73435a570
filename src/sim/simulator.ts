// Starts the exchange simulator: an HTTP server on 127.0.0.1 speaking binance's REST dialect over a
// seeded, regime-switching market, with a control interface for tests and demos (in JS, and over HTTP
// at /__control/* when started with a control token), and its state kept in the data folder so a demo
// portfolio survives a restart.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Account,
  DEFAULT_BALANCES,
  isOpen,
  newAccountState,
  type InitialBalances,
} from './account';
import { DEFAULT_ASSETS, MAX_ASSETS, QUOTE } from './asset-catalog';
import { generateCredentials, type Credentials } from './auth';
import { quarterlyExpiriesAfter, yymmdd } from './calendar';
import { MarketClock, realSimTimers, type SimTimers } from './clock';
import { FaultInjector } from './faults';
import { Market, type ControlRecord, type ListedAsset } from './market';
import { OrderLog } from './order-log';
import { RateLimiter, DEFAULT_WEIGHT_LIMITS, type WeightLimits } from './rate-limiter';
import { demoAccountState } from './demo-portfolio';
import {
  findKey,
  FULL_TRADING,
  MAIN_ACCOUNT_ID,
  mintKeyRecord,
  newAccountId,
  type KeyRecord,
} from './key-ring';
import {
  loadState,
  saveState,
  STATE_VERSION,
  type PersistedState,
  type SeedPortfolio,
} from './state-store';
import { checkControlAccess } from './control-access';
import { handleControlRequest } from './control-routes';
import { checkControlToken } from './control-token';
import { assetNames, makeControl } from './sim-control';
import type { MintedKey, MintKeyOptions, SimAssetView, Simulator } from './simulator-api';
import { venueErrors } from './venue-error';
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
  /** The timers behind answer latency, the hold on a hung request and the delayed save. */
  timers?: SimTimers;
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

export type {
  MintedKey,
  MintKeyOptions,
  RegimeName,
  SimAssetView,
  SimControl,
  SimFutureView,
  SimStateView,
  Simulator,
} from './simulator-api';

const SAVE_DELAY_MS = 250;
/** How long a request hung by the timeout fault is held before it is dropped. */
export const HOLD_LIMIT_MS = 120_000;

class SimulatorCore {
  market!: Market;
  account!: Account;
  clock!: MarketClock;
  seed!: number;
  assets: ListedAsset[] = [];
  controls: ControlRecord[] = [];
  /** Accounts of minted keys, by id, with the portfolio each started from. */
  subAccounts = new Map<string, { portfolio: SeedPortfolio; account: Account }>();
  keys: KeyRecord[] = [];
  /** The start-up key, bound to the main account (not persisted: it comes from the options). */
  mainKey: KeyRecord | null = null;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly orderLog = new OrderLog();
  private dirty = false;
  private saveTimer: unknown = null;

  constructor(
    readonly options: SimulatorOptions,
    readonly wall: () => number,
    readonly timers: SimTimers,
  ) {
    this.faults = new FaultInjector(options.seed ?? 1);
    this.limiter = new RateLimiter({ ...DEFAULT_WEIGHT_LIMITS, ...options.weightLimits });
  }

  /**
   * A fresh market and main account from the start options. Minted keys stay valid: their accounts
   * start over from the portfolio each was minted with.
   */
  startFresh(): void {
    const marketTime = this.options.marketTime ?? this.wall();
    const names = assetNames(this.options.assets ?? [...DEFAULT_ASSETS]);
    if (names.length === 0 || names.length > MAX_ASSETS)
      throw new RangeError(`list 1 to ${MAX_ASSETS} assets`);
    const seeds = [...this.subAccounts].map(([id, sub]) => [id, sub.portfolio] as const);
    this.restore({
      version: STATE_VERSION,
      seed: (this.options.seed ?? 1) >>> 0,
      clock: { anchorMarket: marketTime, anchorWall: this.wall(), speed: this.options.speed ?? 1 },
      assets: [...new Set(names)].map((name) => ({ name, listedAt: marketTime })),
      controls: [],
      account: newAccountState(this.options.balances ?? DEFAULT_BALANCES, marketTime),
      subAccounts: {},
      keys: this.keys,
    });
    for (const [id, portfolio] of seeds) this.addSubAccount(id, portfolio, marketTime);
    this.changed();
  }

  private addSubAccount(id: string, portfolio: SeedPortfolio, at: number): void {
    const state =
      portfolio === 'demo'
        ? demoAccountState(this.market, at)
        : newAccountState({ spot: {}, futuresUsdt: 0 }, at);
    this.subAccounts.set(id, { portfolio, account: new Account(this.market, state) });
  }

  mintKey(options: MintKeyOptions): MintedKey {
    const at = this.sync();
    const target = options.account ?? 'new';
    let accountId: string;
    if (target === 'new') {
      accountId = newAccountId();
      this.addSubAccount(accountId, options.portfolio ?? 'empty', at);
    } else {
      if (target !== MAIN_ACCOUNT_ID && !this.subAccounts.has(target))
        throw new RangeError(`the simulator has no account ${target}`);
      if (options.portfolio !== undefined)
        throw new RangeError('a portfolio is chosen only for a new account');
      accountId = target;
    }
    const key = mintKeyRecord(accountId, options.permissions, this.wall());
    this.keys.push(key);
    this.changed();
    return { apiKey: key.apiKey, secret: key.secret, accountId };
  }

  keyOf(apiKey: string): KeyRecord | null {
    return findKey(this.mainKey ? [this.mainKey, ...this.keys] : this.keys, apiKey);
  }

  knowsKey(apiKey: string): boolean {
    return this.keyOf(apiKey) !== null;
  }

  accountOf(accountId: string): Account | null {
    if (accountId === MAIN_ACCOUNT_ID) return this.account;
    return this.subAccounts.get(accountId)?.account ?? null;
  }

  restore(state: PersistedState): void {
    // The log follows the accounts' order records, which a restore replaces.
    this.orderLog.clear();
    this.seed = state.seed;
    this.clock = new MarketClock(state.clock, this.wall);
    this.market = new Market(state.seed);
    this.assets = [...state.assets];
    this.controls = [...state.controls];
    for (const asset of this.assets) this.market.list(asset);
    for (const record of this.controls) this.market.applyControl(record);
    this.account = new Account(this.market, state.account);
    this.subAccounts = new Map(
      Object.entries(state.subAccounts).map(([id, sub]) => [
        id,
        { portfolio: sub.portfolio, account: new Account(this.market, sub.state) },
      ]),
    );
    this.keys = [...state.keys];
    // Generate the paths now rather than on the first request, which would otherwise be slow.
    const now = this.clock.now();
    for (const asset of this.assets) this.market.path(asset.name).ensureCovers(now);
    const delisted = [
      ...new Set(this.allAccounts().flatMap((account) => account.settleDelisted(now))),
    ];
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
      subAccounts: Object.fromEntries(
        [...this.subAccounts].map(([id, sub]) => [
          id,
          { portfolio: sub.portfolio, state: sub.account.state },
        ]),
      ),
      keys: this.keys,
    };
  }

  allAccounts(): Account[] {
    return [this.account, ...[...this.subAccounts.values()].map((sub) => sub.account)];
  }

  sync(): number {
    const now = this.clock.now();
    for (const account of this.allAccounts()) {
      const before = account.state.settledUntil;
      account.settle(now);
      const busy =
        Object.keys(account.state.positions).length > 0 || account.state.orders.some(isOpen);
      if (busy && account.state.settledUntil !== before) this.changed();
    }
    this.orderLog.observe();
    return now;
  }

  changed(): void {
    if (!this.options.dataDir) return;
    this.dirty = true;
    if (this.saveTimer !== null) return;
    this.saveTimer = this.timers.setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, SAVE_DELAY_MS);
  }

  flush(): void {
    if (this.saveTimer !== null) {
      this.timers.clearTimeout(this.saveTimer);
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
}

function defaultOnError(message: string): void {
  process.stderr.write(`${message}\n`);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const controlToken =
    options.controlToken === undefined ? null : checkControlToken(options.controlToken);
  const wall = options.now ?? Date.now;
  const onError = options.onError ?? defaultOnError;
  const timers = options.timers ?? realSimTimers;
  const core = new SimulatorCore(options, wall, timers);
  const loaded = options.dataDir ? loadState(options.dataDir) : { state: null, problem: null };
  const recovered = loaded.problem;
  if (loaded.state) core.restore(loaded.state);
  else core.startFresh();
  core.flush();

  const credentials = options.credentials ?? generateCredentials();
  core.mainKey = {
    ...credentials,
    accountId: MAIN_ACCOUNT_ID,
    permissions: FULL_TRADING,
    createdAt: wall(),
  };
  const control = makeControl(core);
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
    orderLog: core.orderLog,
    keyOf: (apiKey) => core.keyOf(apiKey),
    accountOf: (key) => {
      const account = core.accountOf(key.accountId);
      if (!account) throw venueErrors.rejectedApiKey();
      return account;
    },
    wallNow: wall,
    delay: (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms)),
    sync: () => core.sync(),
    changed: () => core.changed(),
    hold: (res) => {
      held.add(res);
      const timer = timers.setTimeout(() => {
        held.delete(res);
        res.destroy();
      }, HOLD_LIMIT_MS);
      res.on('close', () => {
        timers.clearTimeout(timer);
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
