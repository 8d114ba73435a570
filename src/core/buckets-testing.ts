// For tests of the buckets and of the services built on them: holdings written as briefly as the
// worked examples read, every field a venue would report filled in consistently.
import type {
  AccountHoldings,
  FuturesBalance,
  FuturesPosition,
  ManualHolding,
  SpotBalance,
} from '../shared/portfolio';
import { DEFAULT_STABLECOINS } from '../shared/portfolio';
import { DEFAULT_POLICY } from './allocation';
import type { BucketsInput } from './buckets';

/** 25 December 2026, 08:00 UTC: the delivery of the dated futures built here. */
const DELIVERY = 1_798_185_600_000;

export function spotBalance(asset: string, total: number): SpotBalance {
  return { asset, free: total, used: 0, total };
}

export function futuresBalance(asset: string, wallet: number, unrealizedPnl = 0): FuturesBalance {
  const margin = wallet + unrealizedPnl;
  return { asset, wallet, unrealizedPnl, margin, available: margin };
}

export interface PositionSpec {
  asset: string;
  side: 'long' | 'short';
  contracts: number;
  markPrice: number;
  contractSize?: number;
  multiplier?: number;
  kind?: 'perp' | 'future';
  isolatedMargin?: number;
  /** Where the position was entered; the mark by default. Sets the unrealized P&L to match. */
  entryPrice?: number;
}

export function position(spec: PositionSpec): FuturesPosition {
  const contractSize = spec.contractSize ?? 1;
  const multiplier = spec.multiplier ?? 1;
  const quantity = spec.contracts * contractSize * multiplier;
  const prefix = multiplier === 1 ? '' : String(multiplier);
  const kind = spec.kind ?? 'perp';
  return {
    symbol: `${prefix}${spec.asset}/USDT:USDT${kind === 'future' ? '-261225' : ''}`,
    asset: spec.asset,
    kind,
    expiry: kind === 'future' ? DELIVERY : null,
    side: spec.side,
    contracts: spec.contracts,
    contractSize,
    multiplier,
    quantity,
    entryPrice: spec.entryPrice ?? spec.markPrice,
    markPrice: spec.markPrice,
    unrealizedPnl:
      spec.entryPrice === undefined
        ? 0
        : (spec.side === 'long' ? 1 : -1) * quantity * (spec.markPrice - spec.entryPrice),
    leverage: 2,
    marginMode: spec.isolatedMargin === undefined ? 'cross' : 'isolated',
    isolatedMargin: spec.isolatedMargin ?? null,
    liquidationPrice: null,
    notional: quantity * spec.markPrice,
    settle: 'USDT',
  };
}

export function account(
  accountId: string,
  parts: {
    spot?: SpotBalance[];
    balances?: FuturesBalance[];
    positions?: FuturesPosition[];
    syncedAt?: number;
  },
): AccountHoldings {
  return {
    accountId,
    exchange: 'binance',
    syncedAt: parts.syncedAt ?? 1_700_000_000_000,
    spot: parts.spot ?? [],
    futures: { balances: parts.balances ?? [], positions: parts.positions ?? [] },
  };
}

export function manualHolding(
  asset: string,
  amount: number,
  id = `manual-${asset}`,
): ManualHolding {
  return { id, asset, amount, where: 'Cold wallet', note: '', updatedAt: 1_700_000_000_000 };
}

/** Buckets input with nothing held, the default policy, a 5% band and BTC and ETH tracked. */
export function bucketsInput(overrides: Partial<BucketsInput> = {}): BucketsInput {
  return {
    holdings: [],
    manual: [],
    prices: {},
    tracked: ['BTC', 'ETH'],
    mix: {},
    regimes: {},
    policy: DEFAULT_POLICY,
    driftBand: 0.05,
    stablecoins: [...DEFAULT_STABLECOINS],
    ...overrides,
  };
}
