// For every layer's tests: a portfolio view with one BTC account, and its parts (an account, the
// vault's state, an account's holdings, the buckets), each built to be changed per test.
import type { AccountMeta, VaultStatus } from './accounts';
import type { AccountHoldings, AssetBuckets, PortfolioBuckets, PortfolioView } from './portfolio';

export const accountMeta = (change: Partial<AccountMeta> = {}): AccountMeta => ({
  id: 'acc-1',
  exchange: 'binance',
  label: 'Main',
  environment: 'live',
  demo: false,
  createdAt: 1_000,
  permissions: {
    read: true,
    spotTrading: true,
    futuresTrading: true,
    universalTransfer: true,
    withdrawals: false,
    ipRestricted: true,
  },
  readOnly: false,
  modes: { positionMode: 'one-way', multiAssetsMargin: false },
  testedAt: 2_000,
  syncedAt: 3_000,
  warnings: [],
  ...change,
});

export const assetBuckets = (change: Partial<AssetBuckets> = {}): AssetBuckets => ({
  asset: 'BTC',
  long: 1,
  short: 0.5,
  price: 50_000,
  spot: 25_000,
  hedged: 25_000,
  net: 25_000,
  regime: 'neutral',
  current: { spot: 0.25, hedged: 0.25 },
  target: { spot: 0.7, hedged: 0, stable: 0.3 },
  drift: { spot: -0.45, hedged: 0.25 },
  mix: 1,
  ...change,
});

export const portfolioBuckets = (change: Partial<PortfolioBuckets> = {}): PortfolioBuckets => ({
  value: 100_000,
  stable: 50_000,
  current: { spot: 0.25, hedged: 0.25, stable: 0.5 },
  target: { spot: 0.7, hedged: 0, stable: 0.3 },
  drift: { spot: -0.45, hedged: 0.25, stable: 0.2 },
  rebalanceDue: true,
  driftBand: 0.05,
  assets: [assetBuckets()],
  untracked: [],
  stablecoins: [{ asset: 'USDT', quantity: 50_000, price: 1, value: 50_000 }],
  warnings: [],
  ...change,
});

export const vaultStatus = (change: Partial<VaultStatus> = {}): VaultStatus => ({
  state: 'unlocked',
  remember: { available: true, reason: null, active: false },
  autoLockAt: null,
  retryAt: null,
  ...change,
});

export const accountHoldings = (change: Partial<AccountHoldings> = {}): AccountHoldings => ({
  accountId: 'acc-1',
  exchange: 'binance',
  syncedAt: 3_000,
  spot: [
    { asset: 'BTC', free: 1, used: 0, total: 1 },
    { asset: 'USDT', free: 40_000, used: 0, total: 40_000 },
  ],
  futures: {
    balances: [
      { asset: 'USDT', wallet: 10_000, unrealizedPnl: 0, margin: 10_000, available: 9_000 },
    ],
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        asset: 'BTC',
        kind: 'perp',
        expiry: null,
        side: 'short',
        contracts: 0.5,
        contractSize: 1,
        multiplier: 1,
        quantity: 0.5,
        entryPrice: 49_000,
        markPrice: 50_000,
        unrealizedPnl: -500,
        leverage: 2,
        marginMode: 'cross',
        isolatedMargin: null,
        liquidationPrice: 80_000,
        notional: 25_000,
        settle: 'USDT',
      },
    ],
  },
  ...change,
});

export const portfolioView = (change: Partial<PortfolioView> = {}): PortfolioView => ({
  at: 5_000,
  buckets: portfolioBuckets(),
  accounts: [accountMeta()],
  holdings: [accountHoldings()],
  manual: [],
  prices: { at: 4_000, stale: false },
  holdingsFreshness: { at: 3_000, stale: false },
  vault: vaultStatus(),
  demo: false,
  ...change,
});
