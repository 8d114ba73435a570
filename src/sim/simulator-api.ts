// The simulator's face to its users: the handle `startSimulator` returns, the control interface
// that moves its market, and the views of its state that control answers with.
import type { Regime } from '../shared/strategy';
import type { Credentials } from './auth';
import type { Faults } from './faults';
import type { SimKeyPermissions } from './key-ring';
import type { FundingIntervalHours } from './listing';
import type { SimRegime } from './price-path';
import type { OrderLogEntry } from './order-log';
import type { WeightLimits } from './rate-limiter';

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

export interface MintKeyOptions {
  /** What the key may do (default: spot and futures trading and universal transfer, no withdrawals). */
  permissions?: Partial<SimKeyPermissions>;
  /** A new account of its own (the default), or an existing account's id (`main` is the main one). */
  account?: string;
  /** What a new account starts with (default empty): `demo` is a plausible spread with a hedge. */
  portfolio?: 'empty' | 'demo';
}

export interface MintedKey {
  apiKey: string;
  secret: string;
  accountId: string;
}

export interface SimControl {
  /** Issues a new API key bound to an account, with its permissions. */
  mintKey(options?: MintKeyOptions): MintedKey;
  /** Whether the venue still honours an API key (a reset keeps minted keys; a lost state does not). */
  knowsKey(apiKey: string): boolean;
  state(): SimStateView;
  /**
   * Every order request that reached an account since the simulator started (or was reset), accepted
   * or refused, oldest first, with each later change of status and fill (the latest 10 000).
   */
  orders(): OrderLogEntry[];
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
  /** Starts over: a fresh market and account from the start options; minted keys' accounts too. */
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
