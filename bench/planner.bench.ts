// How long the rebalance planner takes on a generated portfolio of 10 and of 100 assets, each with
// spot, a perpetual and a dated future listed and a book read for every instrument.
import type { PlanBook, PlannerInput } from '../src/core';
import { bookKey, planRebalance } from '../src/core';
import { account, futuresBalance, spotBalance } from '../src/core/buckets-testing';
import {
  futureOf,
  markets,
  perpOf,
  planAccount,
  plannerInput,
  spotOf,
} from '../src/core/planner-testing';

/** Keeps results observable so the optimizer cannot drop the measured calls. */
let sink = 0;

function book(price: number): PlanBook {
  const levels = (sign: number): [number, number][] =>
    Array.from({ length: 20 }, (_, i) => [price * (1 + sign * i * 0.0001), 5 + i]);
  return { bids: levels(-1), asks: levels(1) };
}

function portfolio(assets: number): PlannerInput {
  const names = Array.from({ length: assets }, (_, i) => `A${i}`);
  const prices: Record<string, number> = {};
  const books: Record<string, PlanBook> = {};
  const regimes = ['moderate-contango', 'extreme-contango', 'deep-backwardation'] as const;
  const assetMarkets = names.map((asset, i) => {
    const price = 10 + i;
    prices[asset] = price;
    const rules = { minAmount: 0.001, minCost: 5, amountStep: 0.001, priceStep: 0.0001 };
    const m = markets(asset, {
      spot: spotOf(asset, price, { rules }),
      perp: perpOf(asset, price, { rules, annualizedFunding: 0.15 }),
      futures: [futureOf(asset, price * 1.02, 90, { rules })],
    });
    for (const instrument of [m.spot!, m.perp!, ...m.futures]) {
      books[bookKey('acc-1', instrument.symbol)] = book(instrument.price);
    }
    return m;
  });
  return plannerInput({
    holdings: [
      account('acc-1', {
        spot: [
          ...names.map((asset, i) => spotBalance(asset, (1_000 * (i % 3)) / prices[asset]!)),
          spotBalance('USDT', 500 * assets),
        ],
        balances: [futuresBalance('USDT', 200 * assets)],
      }),
    ],
    accounts: [planAccount('acc-1', assetMarkets)],
    books,
    buckets: {
      tracked: names,
      prices,
      regimes: Object.fromEntries(names.map((a, i) => [a, regimes[i % regimes.length]])),
    },
  });
}

function medianMs(input: PlannerInput, runs: number): number {
  for (let i = 0; i < 5; i++) sink += planRebalance(input).steps.length; // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    sink += planRebalance(input).steps.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)]!.toFixed(3));
}

export default async function bench(): Promise<Record<string, number>> {
  const planner10Ms = medianMs(portfolio(10), 200);
  const planner100Ms = medianMs(portfolio(100), 50);
  if (sink === 0) throw new Error('the generated portfolios planned no steps');
  return { planner10Ms, planner100Ms };
}
