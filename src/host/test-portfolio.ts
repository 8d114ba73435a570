// For the CLI's tests: an account and a portfolio as the app would report them.
import type { AccountMeta, VaultStatus } from '../shared/accounts';
import type { PortfolioView } from '../shared/portfolio';
import { accountMeta, vaultStatus } from '../shared/portfolio-testing';

export const LOCKED_VAULT: VaultStatus = vaultStatus({
  state: 'locked',
  remember: { available: false, reason: null, active: false },
});

export function sampleAccount(overrides: Partial<AccountMeta> = {}): AccountMeta {
  return accountMeta({
    createdAt: Date.UTC(2026, 0, 1),
    permissions: { ...accountMeta().permissions!, universalTransfer: false },
    testedAt: Date.UTC(2026, 0, 1),
    syncedAt: Date.UTC(2026, 0, 2),
    ...overrides,
  });
}

/** 1 BTC of which 0.4 is hedged, at 50,000, beside 30,000 USDT: V = 80,000. */
export function samplePortfolio(): PortfolioView {
  return {
    at: Date.UTC(2026, 0, 2, 3, 4, 5),
    buckets: {
      value: 80_000,
      stable: 30_000,
      current: { spot: 0.375, hedged: 0.25, stable: 0.375 },
      target: { spot: 0.3, hedged: 0.3, stable: 0.4 },
      drift: { spot: 0.075, hedged: -0.05, stable: -0.025 },
      rebalanceDue: true,
      driftBand: 0.05,
      assets: [
        {
          asset: 'BTC',
          long: 1,
          short: 0.4,
          price: 50_000,
          spot: 30_000,
          hedged: 20_000,
          net: 30_000,
          regime: 'moderate-contango',
          current: { spot: 0.375, hedged: 0.25 },
          target: { spot: 0.3, hedged: 0.3, stable: 0.4 },
          drift: { spot: 0.075, hedged: -0.05 },
          mix: 1,
        },
      ],
      untracked: [],
      stablecoins: [{ asset: 'USDT', quantity: 30_000, price: 1, value: 30_000 }],
      warnings: [
        { kind: 'stale-holdings', accountId: 'acc-2', message: 'Test net holdings are 2 h old.' },
      ],
    },
    accounts: [
      sampleAccount(),
      sampleAccount({ id: 'acc-2', label: 'Test net', environment: 'testnet', permissions: null }),
    ],
    holdings: [],
    manual: [],
    prices: { at: Date.UTC(2026, 0, 2, 3, 4, 0), stale: false },
    holdingsFreshness: { at: Date.UTC(2026, 0, 2), stale: false },
    vault: LOCKED_VAULT,
    demo: false,
  };
}
