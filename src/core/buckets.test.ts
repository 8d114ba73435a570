import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortfolioBuckets } from '../shared/portfolio';
import type { Regime } from '../shared/strategy';
import { REGIMES } from '../shared/strategy';
import { DEFAULT_POLICY, targetWeights } from './allocation';
import { portfolioBuckets } from './buckets';
import {
  account,
  bucketsInput,
  futuresBalance,
  manualHolding,
  position,
  spotBalance,
} from './buckets-testing';

const kinds = (b: PortfolioBuckets): string[] =>
  b.warnings.map((w) => `${w.kind}:${w.asset ?? ''}`);

describe('portfolioBuckets, worked by hand', () => {
  // Account A: 1 BTC and 10 000 USDT spot; 5 000 USDT of futures margin (5 200 wallet, −200 P&L)
  // behind a 0.4 BTC short perpetual and a 2 ETH long perpetual at 2 000. Account B: 3 ETH spot,
  // 1 000 USDT margin, an isolated 1 ETH short future. By hand: 0.5 BTC in a cold wallet.
  const input = bucketsInput({
    holdings: [
      account('a', {
        spot: [spotBalance('BTC', 1), spotBalance('USDT', 10_000)],
        balances: [futuresBalance('USDT', 5_200, -200)],
        positions: [
          position({ asset: 'BTC', side: 'short', contracts: 0.4, markPrice: 50_000 }),
          position({ asset: 'ETH', side: 'long', contracts: 2, markPrice: 2_000 }),
        ],
      }),
      account('b', {
        spot: [spotBalance('ETH', 3)],
        balances: [futuresBalance('USDT', 1_000)],
        positions: [
          position({
            asset: 'ETH',
            side: 'short',
            contracts: 1,
            markPrice: 2_000,
            kind: 'future',
            isolatedMargin: 500,
          }),
        ],
      }),
    ],
    manual: [manualHolding('BTC', 0.5)],
    prices: { BTC: 50_000, ETH: 2_000 },
    mix: { BTC: 0.6, ETH: 0.4 },
    regimes: { BTC: 'moderate-contango', ETH: null },
  });
  const b = portfolioBuckets(input);

  it('pairs each asset’s longs (spot, manual, long futures) with its shorts', () => {
    const [btc, eth] = b.assets;
    // BTC: long 1 + 0.5 = 1.5, short 0.4 → hedged 0.4 × 50 000, spot 1.1 × 50 000.
    expect(btc).toMatchObject({ asset: 'BTC', long: 1.5, short: 0.4, price: 50_000 });
    expect(btc?.hedged).toBeCloseTo(20_000, 6);
    expect(btc?.spot).toBeCloseTo(55_000, 6);
    expect(btc?.net).toBeCloseTo(55_000, 6);
    // ETH: long 3 + 2 = 5, short 1 → hedged 2 000, spot 8 000.
    expect(eth).toMatchObject({ asset: 'ETH', long: 5, short: 1, hedged: 2_000, spot: 8_000 });
  });

  it('counts stablecoins and margin less the notional of the long perpetual as stable', () => {
    // 10 000 + 5 000 + 1 000 − 2 × 2 000 = 12 000; V = 63 000 + 22 000 + 12 000.
    expect(b.stable).toBeCloseTo(12_000, 6);
    expect(b.value).toBeCloseTo(97_000, 6);
    expect(b.current?.spot).toBeCloseTo(63_000 / 97_000, 12);
    expect(b.current?.hedged).toBeCloseTo(22_000 / 97_000, 12);
    expect(b.current?.stable).toBeCloseTo(12_000 / 97_000, 12);
    expect(b.stablecoins).toEqual([{ asset: 'USDT', quantity: 16_000, price: 1, value: 16_000 }]);
  });

  it('targets BTC by its regime and ETH, whose regime is not known yet, at neutral', () => {
    // BTC 0.6 × (70/15/15) + ETH 0.4 × (70/0/30) = 70 / 9 / 21.
    expect(b.target.spot).toBeCloseTo(0.7, 12);
    expect(b.target.hedged).toBeCloseTo(0.09, 12);
    expect(b.target.stable).toBeCloseTo(0.21, 12);
    expect(b.assets[1]?.regime).toBeNull();
    expect(b.assets[1]?.target.spot).toBeCloseTo(0.28, 12);
    expect(b.assets[1]?.target.stable).toBeCloseTo(0.12, 12);
    expect(b.warnings).toEqual([]);
  });

  it('measures drift for the portfolio and for each asset, and finds a rebalance due', () => {
    expect(b.drift?.hedged).toBeCloseTo(22_000 / 97_000 - 0.09, 12);
    expect(b.assets[0]?.drift?.spot).toBeCloseTo(55_000 / 97_000 - 0.42, 12);
    expect(b.assets[0]?.drift?.hedged).toBeCloseTo(20_000 / 97_000 - 0.09, 12);
    expect(b.rebalanceDue).toBe(true);
  });

  it('sizes a 1000PEPE contract in PEPE: 5 million contracts hedge 5 billion PEPE', () => {
    const pepe = portfolioBuckets(
      bucketsInput({
        tracked: ['PEPE'],
        holdings: [
          account('a', {
            spot: [spotBalance('PEPE', 5e9)],
            balances: [futuresBalance('USDT', 50_000)],
            positions: [
              position({
                asset: 'PEPE',
                side: 'short',
                contracts: 5e6,
                multiplier: 1000,
                markPrice: 0.00001,
              }),
            ],
          }),
        ],
        prices: { PEPE: 0.00001 },
      }),
    );
    expect(pepe.assets[0]).toMatchObject({ long: 5e9, short: 5e9, spot: 0 });
    expect(pepe.assets[0]?.hedged).toBeCloseTo(50_000, 6);
    expect(pepe.value).toBeCloseTo(100_000, 6);
    expect(pepe.current?.hedged).toBeCloseTo(0.5, 12);
  });
});

describe('portfolioBuckets, what the user must be told', () => {
  it('warns of a naked short and counts its negative net value', () => {
    const b = portfolioBuckets(
      bucketsInput({
        holdings: [
          account('a', {
            spot: [spotBalance('BTC', 0.1)],
            balances: [futuresBalance('USDT', 10_000)],
            positions: [
              position({ asset: 'BTC', side: 'short', contracts: 0.3, markPrice: 50_000 }),
            ],
          }),
        ],
        prices: { BTC: 50_000, ETH: 2_000 },
      }),
    );
    expect(b.assets[0]).toMatchObject({ hedged: 5_000, spot: 0, net: -10_000 });
    expect(kinds(b)).toEqual(['naked-short:BTC']);
    expect(b.warnings[0]?.message).toContain('10000.00 USDT');
  });

  it('leaves a tracked asset with no price out of the value and says so', () => {
    const b = portfolioBuckets(
      bucketsInput({
        holdings: [account('a', { spot: [spotBalance('BTC', 1), spotBalance('ETH', 2)] })],
        manual: [manualHolding('USDT', 1_000)],
        prices: { BTC: 50_000 },
      }),
    );
    expect(b.value).toBeCloseTo(51_000, 6);
    expect(b.assets[1]).toMatchObject({ asset: 'ETH', long: 2, price: null, current: null });
    expect(b.assets[1]?.drift).toBeNull();
    expect(kinds(b)).toEqual(['no-price:ETH']);
  });

  it('counts a stablecoin off its peg at its price and one with no price at 1, each with a warning', () => {
    const b = portfolioBuckets(
      bucketsInput({
        holdings: [
          account('a', {
            spot: [spotBalance('USDC', 1_000), spotBalance('DAI', 500), spotBalance('FDUSD', 100)],
          }),
        ],
        prices: { USDC: 0.98, FDUSD: 1.004 },
      }),
    );
    expect(b.stable).toBeCloseTo(980 + 500 + 100.4, 9);
    expect(kinds(b)).toEqual(['depeg:USDC', 'no-price:DAI']);
    expect(b.stablecoins.map((s) => [s.asset, s.price])).toEqual([
      ['USDC', 0.98],
      ['FDUSD', 1.004],
      ['DAI', 1],
    ]);
  });

  it('lists coins neither tracked nor stable as untracked, outside the value', () => {
    const b = portfolioBuckets(
      bucketsInput({
        holdings: [
          account('a', {
            spot: [spotBalance('SOL', 10), spotBalance('XYZ', 3), spotBalance('USDT', 100)],
          }),
        ],
        prices: { SOL: 150 },
      }),
    );
    expect(b.untracked).toEqual([
      { asset: 'SOL', quantity: 10, value: 1_500 },
      { asset: 'XYZ', quantity: 3, value: null },
    ]);
    expect(b.value).toBe(100);
  });

  it('gives no weights, no drift and no rebalance when nothing is held', () => {
    const b = portfolioBuckets(bucketsInput({ prices: { BTC: 50_000, ETH: 2_000 } }));
    expect(b).toMatchObject({ value: 0, current: null, drift: null, rebalanceDue: false });
    expect(kinds(b)).toEqual(['no-value:']);
  });

  it('gives no weights when long futures cost more than the margin behind them', () => {
    const b = portfolioBuckets(
      bucketsInput({
        tracked: ['BTC'],
        holdings: [
          account('a', {
            balances: [futuresBalance('USDT', 1_000, -2_000)],
            positions: [position({ asset: 'BTC', side: 'long', contracts: 1, markPrice: 40_000 })],
          }),
        ],
        prices: { BTC: 39_000 },
      }),
    );
    expect(b.value).toBeCloseTo(39_000 - 1_000 - 40_000, 6);
    expect(b.current).toBeNull();
    expect(b.warnings[0]?.message).toContain('-2000.00 USDT');
  });

  it('counts futures collateral in BNB as BNB, not as a stablecoin', () => {
    const b = portfolioBuckets(
      bucketsInput({
        holdings: [
          account('a', { balances: [futuresBalance('BNB', 2), futuresBalance('USDT', 50)] }),
        ],
        prices: { BNB: 600 },
      }),
    );
    expect(b.stable).toBe(50);
    expect(b.untracked).toEqual([{ asset: 'BNB', quantity: 2, value: 1_200 }]);
  });
});

// ---- Properties ----

const TRACKED = ['BTC', 'ETH', 'SOL'];
const PRICES: Record<string, number> = { BTC: 60_000, ETH: 3_000, SOL: 150, USDC: 1 };
const amount = fc.double({ min: 0.001, max: 1_000, noNaN: true });
const regimeArb = fc.option(fc.constantFrom<Regime>(...REGIMES), { nil: null });

const holdingsArb = fc.record({
  spot: fc.tuple(amount, amount, amount),
  shorts: fc.tuple(amount, amount, amount),
  stable: fc.double({ min: 0, max: 1e6, noNaN: true }),
});

function close(a: number | undefined, b: number | undefined): void {
  expect(a).toBeDefined();
  expect(Math.abs((a ?? NaN) - (b ?? NaN))).toBeLessThan(1e-9);
}

describe('portfolioBuckets, properties', () => {
  it('has weights that sum to 1 whenever the value is above 0', () => {
    fc.assert(
      fc.property(holdingsArb, ({ spot, shorts, stable }) => {
        const b = portfolioBuckets(
          bucketsInput({
            tracked: TRACKED,
            prices: PRICES,
            holdings: [
              account('a', {
                spot: TRACKED.map((a, i) => spotBalance(a, spot[i] ?? 0)),
                balances: [futuresBalance('USDT', stable)],
                positions: TRACKED.map((a, i) =>
                  position({
                    asset: a,
                    side: 'short',
                    contracts: shorts[i] ?? 0,
                    markPrice: PRICES[a] ?? 0,
                  }),
                ),
              }),
            ],
          }),
        );
        fc.pre(b.current !== null);
        const w = b.current ?? { spot: NaN, hedged: NaN, stable: NaN };
        close(w.spot + w.hedged + w.stable, 1);
      }),
    );
  });

  it('counts each holding once: splitting it across accounts and manual entries changes nothing', () => {
    fc.assert(
      fc.property(
        amount,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        amount,
        (btc, cut1, cut2, usdt) => {
          const [lo, hi] = [Math.min(cut1, cut2), Math.max(cut1, cut2)];
          const whole = portfolioBuckets(
            bucketsInput({
              prices: PRICES,
              holdings: [
                account('a', { spot: [spotBalance('BTC', btc), spotBalance('USDT', usdt)] }),
              ],
            }),
          );
          const split = portfolioBuckets(
            bucketsInput({
              prices: PRICES,
              holdings: [
                account('a', { spot: [spotBalance('BTC', btc * lo)] }),
                account('b', { spot: [spotBalance('USDT', usdt)] }),
                account('c', { spot: [spotBalance('BTC', btc * (hi - lo))] }),
              ],
              manual: [manualHolding('BTC', btc * (1 - hi))],
            }),
          );
          expect(Math.abs(split.value - whole.value)).toBeLessThan(1e-6 * whole.value);
          close(split.current?.spot, whole.current?.spot);
          close(split.drift?.stable, whole.drift?.stable);
        },
      ),
    );
  });

  it('finds zero drift, at both levels, in a portfolio built exactly at its targets', () => {
    fc.assert(
      fc.property(
        fc.tuple(regimeArb, regimeArb, regimeArb),
        fc.tuple(
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 1, max: 100 }),
        ),
        fc.double({ min: 1_000, max: 1e7, noNaN: true }),
        (regimes, parts, value) => {
          const total = parts[0] + parts[1] + parts[2];
          const mix = Object.fromEntries(TRACKED.map((a, i) => [a, (parts[i] ?? 0) / total]));
          const regimeMap = Object.fromEntries(TRACKED.map((a, i) => [a, regimes[i] ?? null]));
          let stable = 0;
          const spot = [];
          const positions = [];
          for (const asset of TRACKED) {
            const slice = targetWeights(regimeMap[asset] ?? 'neutral', DEFAULT_POLICY);
            const share = mix[asset] ?? 0;
            const price = PRICES[asset] ?? 0;
            spot.push(spotBalance(asset, (value * share * (slice.spot + slice.hedged)) / price));
            positions.push(
              position({
                asset,
                side: 'short',
                contracts: (value * share * slice.hedged) / price,
                markPrice: price,
              }),
            );
            stable += value * share * slice.stable;
          }
          const b = portfolioBuckets(
            bucketsInput({
              tracked: TRACKED,
              prices: PRICES,
              mix,
              regimes: regimeMap,
              holdings: [
                account('a', { spot, positions, balances: [futuresBalance('USDT', stable)] }),
              ],
            }),
          );
          for (const d of [b.drift?.spot, b.drift?.hedged, b.drift?.stable]) close(d, 0);
          for (const a of b.assets) {
            close(a.drift?.spot, 0);
            close(a.drift?.hedged, 0);
          }
          expect(b.rebalanceDue).toBe(false);
        },
      ),
    );
  });

  it('shows per-asset drift, but the same portfolio drift, when the hedge moves to another asset', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1_000, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (each, hedgedShare) => {
          const hedge = each * hedgedShare;
          const build = (hedgedAsset: 'BTC' | 'ETH') =>
            portfolioBuckets(
              bucketsInput({
                prices: PRICES,
                regimes: { BTC: 'moderate-contango', ETH: 'moderate-contango' },
                holdings: [
                  account('a', {
                    spot: [spotBalance('BTC', each / 60_000), spotBalance('ETH', each / 3_000)],
                    balances: [futuresBalance('USDT', each)],
                    positions: [
                      position({
                        asset: hedgedAsset,
                        side: 'short',
                        contracts: hedge / (PRICES[hedgedAsset] ?? 1),
                        markPrice: PRICES[hedgedAsset] ?? 1,
                      }),
                    ],
                  }),
                ],
              }),
            );
          const onBtc = build('BTC');
          const onEth = build('ETH');
          close(onBtc.drift?.spot, onEth.drift?.spot);
          close(onBtc.drift?.hedged, onEth.drift?.hedged);
          close(onBtc.drift?.stable, onEth.drift?.stable);
          const shift = hedge / onBtc.value;
          close(
            (onBtc.assets[0]?.drift?.hedged ?? NaN) - (onEth.assets[0]?.drift?.hedged ?? NaN),
            shift,
          );
          close(
            (onEth.assets[1]?.drift?.hedged ?? NaN) - (onBtc.assets[1]?.drift?.hedged ?? NaN),
            shift,
          );
        },
      ),
    );
  });
});
