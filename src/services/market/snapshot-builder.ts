// One asset's snapshot from one cycle's quotes: the perpetual's annualized funding, the futures term
// structure, the signal premium by the chosen source and the regime it sets. The numbers written into
// the snapshot are the very numbers the regime was classified from, and none of them is ever NaN.
import type { FundingPoint, SignalOptions } from '../../core';
import {
  annualizeFunding,
  classifyRegimeDetailed,
  finiteOrNull,
  positiveOrNull,
  signalPremium,
  termStructure,
} from '../../core';
import type { AssetSnapshot, PerpQuote } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import type { BasisMethod, Regime, Thresholds } from '../../shared/strategy';
import type { AssetMarketData } from '../gateway';

export interface AssetSnapshotInput {
  data: AssetMarketData;
  /** The venue's clock for these quotes: days to expiry and the funding window count from here. */
  marketNow: number;
  /** Wall time at which the quotes arrived. */
  receivedAt: number;
  signal: Settings['signal'];
  thresholds: Thresholds;
  /** Settled funding of the asset's perpetual, for the averaged-funding source. */
  fundingHistory: readonly FundingPoint[];
  /** The regime of the previous cycle, for hysteresis. */
  previousRegime: Regime | null;
}

/** True when the venue answered anything at all for the asset this cycle. */
export function hasMarketData(data: AssetMarketData): boolean {
  return data.spot !== null || data.perp !== null || data.futures.length > 0;
}

function perpQuote(data: AssetMarketData): PerpQuote | null {
  const perp = data.perp;
  if (!perp) return null;
  const mark = positiveOrNull(perp.mark);
  const index = positiveOrNull(perp.index);
  const rate = finiteOrNull(perp.fundingRate);
  const hours = positiveOrNull(perp.fundingIntervalHours);
  // Without a rate there is no funding to show or annualize; the quote is left out rather than
  // shown with a made-up figure.
  if (mark === null || index === null || rate === null || hours === null) return null;
  const annualized = annualizeFunding(rate, hours);
  if (!Number.isFinite(annualized)) return null;
  return {
    symbol: perp.symbol,
    ...(perp.id !== undefined ? { id: perp.id } : {}),
    mark,
    index,
    fundingRate: rate,
    fundingIntervalHours: hours,
    intervalFromVenue: perp.intervalFromVenue,
    annualized,
    nextFundingAt: positiveOrNull(perp.nextFundingAt),
  };
}

function signalOptions(signal: Settings['signal']): SignalOptions {
  return {
    source: signal.source,
    minDaysToExpiry: signal.minDaysToExpiry,
    averagingWindowDays: signal.averagingWindowDays,
    constantMaturityDays: signal.constantMaturityDays,
    basisMethod: signal.basisMethod,
  };
}

/** An asset nothing is known of yet (or any more): every figure missing, marked stale. */
export function emptyAssetSnapshot(
  asset: string,
  basisMethod: BasisMethod,
  receivedAt: number | null = null,
): AssetSnapshot {
  return {
    asset,
    spot: null,
    perp: null,
    futures: [],
    premium: null,
    premiumSource: null,
    basisMethod,
    regime: null,
    heldByHysteresis: false,
    stale: true,
    receivedAt,
  };
}

/** The asset's snapshot from this cycle's quotes; `stale` is false (the quotes just arrived). */
export function buildAssetSnapshot(input: AssetSnapshotInput): AssetSnapshot {
  const { data, marketNow, signal } = input;
  const spot = positiveOrNull(data.spot?.price);
  const perp = perpQuote(data);
  const futuresIn = data.futures.flatMap((f) => {
    const price = positiveOrNull(f.price);
    const expiry = finiteOrNull(f.expiry);
    return price !== null && expiry !== null ? [{ symbol: f.symbol, expiry, price }] : [];
  });
  const futures = termStructure(
    { now: marketNow, spot, futures: futuresIn },
    { minDaysToExpiry: signal.minDaysToExpiry, basisMethod: signal.basisMethod },
  )
    .filter((f) => Number.isFinite(f.annualized) && Number.isFinite(f.daysToExpiry))
    .map((f) => {
      // The venue's own name goes with the quote, for people who know the contract by it.
      const id = data.futures.find((d) => d.symbol === f.symbol)?.id;
      return id !== undefined ? { ...f, id } : f;
    });

  let premium: number | null = null;
  let premiumSource: AssetSnapshot['premiumSource'] = null;
  const found = signalPremium(
    {
      now: marketNow,
      spot,
      perp: perp
        ? { fundingRate: perp.fundingRate, intervalHours: perp.fundingIntervalHours }
        : null,
      fundingHistory: input.fundingHistory,
      futures: futuresIn,
    },
    signalOptions(signal),
  );
  if (found && Number.isFinite(found.premium)) {
    premium = found.premium;
    premiumSource = found.source;
  }

  let regime: Regime | null = null;
  let heldByHysteresis = false;
  if (premium !== null) {
    const classified = classifyRegimeDetailed(premium, input.previousRegime, input.thresholds);
    regime = classified.regime;
    heldByHysteresis = classified.heldByHysteresis;
  }

  return {
    asset: data.asset,
    spot,
    perp,
    futures,
    premium,
    premiumSource,
    basisMethod: signal.basisMethod,
    regime,
    heldByHysteresis,
    stale: false,
    receivedAt: input.receivedAt,
    thresholds: { ...input.thresholds },
  };
}

function sameThresholds(a: Thresholds, b: Thresholds): boolean {
  return (
    a.deepBelow === b.deepBelow &&
    a.moderateFrom === b.moderateFrom &&
    a.extremeAbove === b.extremeAbove &&
    a.extremeExit === b.extremeExit
  );
}

/**
 * A kept snapshot under the settings now in force: when they ask for fixed levels other than those it
 * was classified by, its regime is read again from its own signal premium (its regime standing in as
 * the one before, for hysteresis), so a change made while the market is out of reach shows at once.
 * Levels from history need the history store and wait for the next cycle.
 */
export function reclassifiedUnderFixedLevels(
  asset: AssetSnapshot,
  settings: Pick<Settings, 'thresholds'>,
): AssetSnapshot {
  const { mode, fixed } = settings.thresholds;
  if (mode !== 'fixed' || asset.premium === null) return asset;
  if (asset.thresholds && sameThresholds(asset.thresholds, fixed)) return asset;
  const classified = classifyRegimeDetailed(asset.premium, asset.regime, fixed);
  return {
    ...asset,
    regime: classified.regime,
    heldByHysteresis: classified.heldByHysteresis,
    thresholds: { ...fixed },
  };
}
