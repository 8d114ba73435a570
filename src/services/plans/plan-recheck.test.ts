// Integration: flatten plans and the re-check before execution, with the real ccxt over HTTP against
// the simulator: an account minted with the demo portfolio (one short perpetual) plus a dated short,
// its holdings synced through the gateway, books and balances read again by the re-check.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { VaultStatus } from '../../shared/accounts';
import { PremiaError } from '../../shared/errors';
import type { OrderStep, PlanCheck, RebalancePlan } from '../../shared/plan';
import { orderStep, rebalancePlan, transferStep } from '../../shared/plan-testing';
import type { AccountHoldings } from '../../shared/portfolio';
import { accountMeta, vaultStatus } from '../../shared/portfolio-testing';
import { startSimulator } from '../../sim';
import { MARKET_TIME, useGatewaySimulator } from '../gateway/gateway-testing';
import type { ExchangeGateway } from '../gateway';
import { silentLogger } from '../logger';
import type { CountedHoldings } from '../portfolio';
import type { PlanGateway } from './plan-markets';
import { createPlanService, type PlanService, type PlanServiceOptions } from './plan-service';

const venue = useGatewaySimulator(() =>
  startSimulator({ seed: 23, marketTime: MARKET_TIME, speed: 0 }),
);

let dir = '';
const opened: PlanService[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-recheck-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

interface Account {
  g: ExchangeGateway;
  holdings: AccountHoldings;
  counted: (change?: Partial<CountedHoldings>) => CountedHoldings;
}

/** A fresh account on the simulator with the demo portfolio and a dated BTC short beside its perpetual one. */
async function demoAccount(): Promise<Account> {
  const key = venue.sim.control.mintKey({ portfolio: 'demo' });
  const { g } = venue.gateway({ credentials: { apiKey: key.apiKey, secret: key.secret } });
  const [btc] = await g.discover(['BTC']);
  const dated = btc!.futures[0]!;
  const opened = await g.placeOrder({
    symbol: dated.symbol,
    side: 'sell',
    type: 'market',
    amount: 0.01,
    clientOrderId: 'dated-short',
  });
  expect(opened.filled).toBeGreaterThan(0);
  const read = await g.fetchHoldings();
  const holdings: AccountHoldings = { accountId: 'acc-1', ...read };
  const prices = await g.fetchSpotPrices(['BTC', 'ETH']);
  const counted = (change: Partial<CountedHoldings> = {}): CountedHoldings => ({
    input: {
      holdings: [holdings],
      manual: [],
      prices: { BTC: prices.BTC!, ETH: prices.ETH! },
      tracked: ['BTC', 'ETH'],
      regimes: {},
      policy: defaultSettings().policy,
      driftBand: 0.05,
      stablecoins: ['USDT'],
    },
    counted: [accountMeta({ id: 'acc-1', label: 'Main' })],
    demo: false,
    stalePrices: [],
    oldestSync: holdings.syncedAt,
    holdingsStale: false,
    ...change,
  });
  return { g, holdings, counted };
}

async function open(
  account: Account,
  change: Partial<PlanServiceOptions> = {},
): Promise<PlanService> {
  const service = await createPlanService({
    dataDir: dir,
    now: Date.now,
    logger: silentLogger,
    tell: () => undefined,
    settings: defaultSettings,
    // No quotes at all: the regime signal is as stale as it gets.
    snapshot: () => null,
    holdings: () => account.counted(),
    gateway: async () => account.g,
    vault: () => vaultStatus({ state: 'unlocked' }),
    fundingHistory: async (asset) => ({ asset, series: 'funding', t: [], v: [] }),
    emit: () => undefined,
    ...change,
  });
  opened.push(service);
  return service;
}

const failed = (checks: readonly PlanCheck[]) => checks.filter((c) => !c.ok);
const checkOf = (checks: readonly PlanCheck[], code: string) =>
  checks.find((c) => c.code === code)!;
const orders = (plan: RebalancePlan) =>
  plan.steps.filter((s): s is OrderStep => s.kind === 'order');

/** A plan on the account made just now, with these steps. */
function handPlan(steps: RebalancePlan['steps']): RebalancePlan {
  const at = Date.now();
  return rebalancePlan({ at, expiresAt: at + 120_000, steps, checks: [] });
}

describe('a flatten on the simulator', () => {
  it('closes the perpetual and the dated short whole, reduce-only, on books read now while no quotes were received, and the venue takes every close', async () => {
    const account = await demoAccount();
    const shorts = account.holdings.futures.positions.filter((p) => p.side === 'short');
    expect(shorts.map((p) => p.kind).sort()).toEqual(['future', 'perp']);
    const service = await open(account);

    const plan = await service.createPlan({ flatten: true });
    expect(plan.flatten).toBe(true);
    expect(plan.steps.every((s) => s.kind === 'order')).toBe(true);
    expect(
      orders(plan)
        .map((o) => [o.symbol, o.side, o.amount, o.reduceOnly])
        .sort(),
    ).toEqual(shorts.map((p) => [p.symbol, 'buy', p.quantity, true]).sort());
    const codes = plan.checks.map((c) => c.code);
    expect(codes).not.toContain('stale-quotes');
    expect(checkOf(plan.checks, 'fresh-books')).toMatchObject({ ok: true });
    expect(failed(plan.checks)).toEqual([]);
    expect(plan.ready).toBe(true);

    const again = await service.recheckPlan(plan);
    expect(again.map((c) => c.code)).toEqual([
      'expired',
      'fresh-books',
      'stale-holdings',
      'vault',
      'trading-account',
      'books',
      'slippage',
      'liquidity',
      'balance',
    ]);
    expect(failed(again)).toEqual([]);

    for (const o of orders(plan)) {
      const sent = await account.g.placeOrder({
        symbol: o.symbol,
        side: o.side,
        type: 'limit',
        price: o.limitPrice,
        timeInForce: 'IOC',
        amount: o.contracts ?? o.amount,
        reduceOnly: o.reduceOnly,
        clientOrderId: `close-${o.step}`,
      });
      expect(sent.filled).toBeCloseTo(o.contracts ?? o.amount, 9);
    }
    const after = await account.g.fetchHoldings();
    expect(after.futures.positions.filter((p) => p.side === 'short')).toEqual([]);
  });

  it('fails its fresh-books and books checks naming each contract whose book could not be read', async () => {
    const account = await demoAccount();
    const blind: PlanGateway = {
      discover: (assets) => account.g.discover(assets),
      fetchTakerFees: (symbols) => account.g.fetchTakerFees(symbols),
      fetchMaintenanceBrackets: (symbols) => account.g.fetchMaintenanceBrackets(symbols),
      fetchBalances: () => account.g.fetchBalances(),
      fetchOrderBook: async () => {
        throw new Error('the venue did not answer');
      },
    };
    const service = await open(account, { gateway: async () => blind });
    const plan = await service.createPlan({ flatten: true });
    expect(plan.ready).toBe(false);
    const perp = orders(plan).find((o) => o.market === 'perp')!.symbol;
    for (const code of ['fresh-books', 'books']) {
      expect(checkOf(plan.checks, code)).toMatchObject({ ok: false });
      expect(checkOf(plan.checks, code).message).toContain(perp);
    }
    const again = await service.recheckPlan(plan);
    expect(checkOf(again, 'fresh-books')).toMatchObject({ ok: false });
    expect(checkOf(again, 'books').message).toContain(perp);
  });
});

describe('the re-check before execution', () => {
  it('fails slippage naming the symbol when the fresh book no longer fills within the protected limit', async () => {
    const account = await demoAccount();
    const service = await open(account);
    const ask = (await account.g.fetchOrderBook('BTC/USDT', 5)).asks[0]![0];
    const plan = handPlan([
      orderStep({ step: 0, amount: 0.001, price: ask * 0.98, limitPrice: ask * 0.99 }),
    ]);
    const checks = await service.recheckPlan(plan);
    expect(checkOf(checks, 'slippage')).toMatchObject({ ok: false });
    expect(checkOf(checks, 'slippage').message).toContain('BTC/USDT');
    expect(checkOf(checks, 'liquidity')).toMatchObject({ ok: true });

    const fair = handPlan([
      orderStep({ step: 0, amount: 0.001, price: ask, limitPrice: ask * 1.003 }),
    ]);
    expect(checkOf(await service.recheckPlan(fair), 'slippage')).toMatchObject({ ok: true });
  });

  it('fails liquidity naming the symbol when the fresh book is too thin for the amount', async () => {
    const account = await demoAccount();
    const service = await open(account);
    const plan = handPlan([
      orderStep({ step: 0, amount: 100_000, price: 1, limitPrice: 10_000_000, notional: 1 }),
    ]);
    const checks = await service.recheckPlan(plan);
    expect(checkOf(checks, 'liquidity')).toMatchObject({ ok: false });
    expect(checkOf(checks, 'liquidity').message).toContain('BTC/USDT');
  });

  it('fails balance naming coin and wallet when the fresh balances hold less than a spot buy or a short’s margin takes', async () => {
    const account = await demoAccount();
    const service = await open(account);
    const balances = await account.g.fetchBalances();
    const spotUsdt = balances.spot.USDT!.free;
    const futuresUsdt = balances.futures.USDT!.free;
    const ask = (await account.g.fetchOrderBook('BTC/USDT', 5)).asks[0]![0];

    const buy = orderStep({
      step: 0,
      amount: 0.001,
      price: ask,
      limitPrice: ask * 1.003,
      notional: spotUsdt + 500,
      fee: 0,
    });
    const short = orderStep({
      step: 1,
      market: 'perp',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      amount: 0.001,
      contracts: 0.001,
      price: ask,
      limitPrice: ask * 0.997,
      notional: (futuresUsdt + 300) * 2,
      fee: 0,
      purpose: 'open-short',
      marginMode: 'isolated',
      leverage: 2,
    });
    const checks = await service.recheckPlan(handPlan([buy, short]));
    const balance = checkOf(checks, 'balance');
    expect(balance.ok).toBe(false);
    expect(balance.message).toMatch(/Main spot wallet USDT \(short by 500(\.\d+)?\)/);
    expect(balance.message).toMatch(/Main futures wallet USDT \(short by 300(\.\d+)?\)/);

    // Moved to futures first, the same margin is there: only the spot buy falls short.
    const funded = await service.recheckPlan(
      handPlan([
        transferStep({ step: 0, amount: 300, from: 'spot', to: 'futures' }),
        { ...short, step: 1 },
      ]),
    );
    expect(checkOf(funded, 'balance')).toMatchObject({ ok: true });
  });

  it('judges expiry, quotes and holdings now: an expired plan, no quotes and stale holdings each fail', async () => {
    const account = await demoAccount();
    const service = await open(account, {
      holdings: () => account.counted({ holdingsStale: true }),
    });
    const at = Date.now();
    const plan = rebalancePlan({ at: at - 200_000, expiresAt: at - 80_000, steps: [], checks: [] });
    const checks = await service.recheckPlan(plan);
    expect(failed(checks).map((c) => c.code)).toEqual([
      'expired',
      'stale-quotes',
      'stale-holdings',
    ]);
  });

  it('fails the vault check for an own account while the vault is locked, and lets the demo account through', async () => {
    const account = await demoAccount();
    const locked: VaultStatus = vaultStatus({ state: 'locked' });
    const ask = (await account.g.fetchOrderBook('BTC/USDT', 5)).asks[0]![0];
    const plan = handPlan([
      orderStep({
        step: 0,
        amount: 0.001,
        price: ask,
        limitPrice: ask * 1.003,
        notional: ask * 0.001,
      }),
    ]);

    const own = await open(account, {
      vault: () => locked,
      gateway: async () => {
        throw new PremiaError(
          'locked',
          'The key vault is locked: unlock it with your passphrase first.',
        );
      },
    });
    const checks = await own.recheckPlan(plan);
    expect(checkOf(checks, 'vault')).toMatchObject({ ok: false });
    expect(checkOf(checks, 'vault').message).toMatch(/locked: unlock it to trade on Main/);
    expect(checkOf(checks, 'books').message).toContain('BTC/USDT');
    expect(checkOf(checks, 'balance').message).toMatch(/could not be read again for Main/);

    const demo = await open(account, {
      vault: () => locked,
      holdings: () =>
        account.counted({
          counted: [accountMeta({ id: 'acc-1', label: 'Demo', demo: true })],
          demo: true,
        }),
    });
    const demoChecks = await demo.recheckPlan(plan);
    expect(checkOf(demoChecks, 'vault')).toMatchObject({ ok: true });
    expect(failed(demoChecks).map((c) => c.code)).toEqual(['stale-quotes']);
  });

  it('fails when the plan trades on an account that is no longer set up', async () => {
    const account = await demoAccount();
    const service = await open(account, {
      holdings: () => account.counted({ counted: [] }),
    });
    const checks = await service.recheckPlan(handPlan([transferStep({ step: 0, amount: 1 })]));
    expect(checkOf(checks, 'trading-account')).toMatchObject({ ok: false });
    expect(checkOf(checks, 'trading-account').message).toContain('acc-1');
  });
});
