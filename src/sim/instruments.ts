// The instruments the simulated venue lists for an asset: its spot pair, its perpetual and its dated
// futures, with their symbols and trading filters.
import { perpBaseName, perpContractSpec, QUOTE, type AssetSpec } from './asset-catalog';
import { yymmdd } from './calendar';
import type { FutureListing } from './listing';

const SPOT_MIN_NOTIONAL = 5;

export type InstrumentKind = 'spot' | 'perp' | 'future';

export interface Instrument {
  /** Venue id, e.g. BTCUSDT, BTCUSDT_260925 or 1000PEPEUSDT. */
  symbol: string;
  /** The asset whose path prices it (PEPE for 1000PEPEUSDT). */
  asset: string;
  /** The venue's base asset of the instrument: the asset, or its multiple (1000PEPE). */
  base: string;
  /** Units of `asset` per unit of `base`: prices are per `base`, so `multiplier` times the asset's. */
  multiplier: number;
  kind: InstrumentKind;
  /** Delivery time of a dated future (ms); null for spot and perpetuals. */
  expiry: number | null;
  contractType: 'PERPETUAL' | 'CURRENT_QUARTER' | 'NEXT_QUARTER' | null;
  tick: number;
  step: number;
  minQty: number;
  minNotional: number;
  spec: AssetSpec;
  /** A dated future listed by control that is not trading yet; absent when it trades. */
  listing?: Exclude<FutureListing, 'trading'>;
}

export function spotInstrument(spec: AssetSpec): Instrument {
  return {
    symbol: `${spec.name}${QUOTE}`,
    asset: spec.name,
    base: spec.name,
    multiplier: 1,
    kind: 'spot',
    expiry: null,
    contractType: null,
    tick: spec.spotTick,
    step: spec.spotStep,
    minQty: spec.spotStep,
    minNotional: SPOT_MIN_NOTIONAL,
    spec,
  };
}

export function perpInstrument(spec: AssetSpec): Instrument {
  const contract = perpContractSpec(spec);
  const base = perpBaseName(spec);
  return {
    symbol: `${base}${QUOTE}`,
    asset: spec.name,
    base,
    multiplier: spec.perpMultiplier,
    kind: 'perp',
    expiry: null,
    contractType: 'PERPETUAL',
    tick: contract.futuresTick,
    step: contract.futuresStep,
    minQty: contract.futuresStep,
    minNotional: contract.futuresMinNotional,
    spec: contract,
  };
}

export function futureInstrument(
  spec: AssetSpec,
  expiry: number,
  contractType: 'CURRENT_QUARTER' | 'NEXT_QUARTER',
): Instrument {
  return {
    symbol: `${spec.name}${QUOTE}_${yymmdd(expiry)}`,
    asset: spec.name,
    base: spec.name,
    multiplier: 1,
    kind: 'future',
    expiry,
    contractType,
    tick: spec.futuresTick,
    step: spec.futuresStep,
    minQty: spec.futuresStep,
    minNotional: 5,
    spec,
  };
}
