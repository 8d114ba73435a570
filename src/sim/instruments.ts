// The instruments the simulated venue lists for an asset: its spot pair, its perpetual and its dated
// futures, with their symbols and trading filters.
import { QUOTE, type AssetSpec } from './asset-catalog';
import { yymmdd } from './calendar';
import type { FutureListing } from './listing';

const SPOT_MIN_NOTIONAL = 5;

export type InstrumentKind = 'spot' | 'perp' | 'future';

export interface Instrument {
  /** Venue id, e.g. BTCUSDT or BTCUSDT_260925. */
  symbol: string;
  asset: string;
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
  return {
    symbol: `${spec.name}${QUOTE}`,
    asset: spec.name,
    kind: 'perp',
    expiry: null,
    contractType: 'PERPETUAL',
    tick: spec.futuresTick,
    step: spec.futuresStep,
    minQty: spec.futuresStep,
    minNotional: spec.futuresMinNotional,
    spec,
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
