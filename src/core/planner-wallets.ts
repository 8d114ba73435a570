// Every account's spot and futures wallets carried through the plan's steps in order, so the plan can
// size what cash allows, place the transfers between an account's two wallets where they can be
// funded, and prove that no wallet is ever asked for more than it holds.
import type { PlanStep, TransferStep, WalletName } from '../shared/plan';
import type { AccountHoldings } from '../shared/portfolio';

/**
 * The share of its cross positions' notional a futures wallet keeps free. A cross wallet's free
 * margin moves with every mark between the plan and its fills: planned down to the last cent, a mark
 * moving against a cross short leaves the plan's new short without margin at the venue.
 */
export const CROSS_MOVE_RESERVE = 0.02;

/** What a futures wallet may put to work in the margin coin: its available less the cross reserve. */
export function usableFutures(account: AccountHoldings, marginCoin: string): number {
  const available = account.futures.balances.find((b) => b.asset === marginCoin)?.available;
  if (available === undefined || !Number.isFinite(available)) return 0;
  const crossNotional = account.futures.positions
    .filter((p) => p.marginMode === 'cross' && Number.isFinite(p.notional))
    .reduce((sum, p) => sum + Math.abs(p.notional), 0);
  return Math.max(0, available - CROSS_MOVE_RESERVE * crossNotional);
}

/** Balances per account: spot per coin, futures in the margin coin (what is available for new positions). */
export class Wallets {
  private readonly spot = new Map<string, Map<string, number>>();
  private readonly futures = new Map<string, number>();

  static opening(holdings: readonly AccountHoldings[], marginCoin: string): Wallets {
    const wallets = new Wallets();
    for (const account of holdings) {
      for (const balance of account.spot) {
        if (Number.isFinite(balance.free) && balance.free > 0) {
          wallets.add(account.accountId, 'spot', balance.asset, balance.free);
        }
      }
      const margin = account.futures.balances.find((b) => b.asset === marginCoin);
      if (margin && Number.isFinite(margin.available)) {
        wallets.add(account.accountId, 'futures', marginCoin, usableFutures(account, marginCoin));
      }
    }
    return wallets;
  }

  get(account: string, wallet: WalletName, coin: string): number {
    if (wallet === 'futures') return this.futures.get(account) ?? 0;
    return this.spot.get(account)?.get(coin) ?? 0;
  }

  add(account: string, wallet: WalletName, coin: string, delta: number): void {
    if (wallet === 'futures') {
      this.futures.set(account, this.get(account, 'futures', coin) + delta);
      return;
    }
    let coins = this.spot.get(account);
    if (!coins) {
      coins = new Map();
      this.spot.set(account, coins);
    }
    coins.set(coin, (coins.get(coin) ?? 0) + delta);
  }

  /** Every balance, for checks: [account, wallet, coin, amount]. */
  entries(): [string, WalletName, string, number][] {
    const out: [string, WalletName, string, number][] = [];
    for (const [account, coins] of this.spot) {
      for (const [coin, amount] of coins) out.push([account, 'spot', coin, amount]);
    }
    for (const [account, amount] of this.futures) out.push([account, 'futures', '', amount]);
    return out;
  }

  clone(): Wallets {
    const copy = new Wallets();
    for (const [account, wallet, coin, amount] of this.entries()) {
      copy.add(account, wallet, coin, amount);
    }
    return copy;
  }
}

/**
 * What one step does to the wallets. A spot buy costs notional + fee in the margin coin, a sell
 * brings notional − fee; opening a short takes notional / leverage + fee from the futures wallet;
 * closing one gives back `release` (its share of the margin and the P&L it realizes, which a loss can
 * make negative) less the fee.
 */
export function applyStep(
  wallets: Wallets,
  step: PlanStep,
  marginCoin: string,
  release: number,
): void {
  if (step.kind === 'transfer') {
    wallets.add(step.account, step.from, step.asset, -step.amount);
    wallets.add(step.account, step.to, step.asset, step.amount);
    return;
  }
  if (step.market === 'spot') {
    const sign = step.side === 'buy' ? 1 : -1;
    wallets.add(step.account, 'spot', step.asset, sign * step.amount);
    wallets.add(step.account, 'spot', marginCoin, -sign * step.notional - step.fee);
    return;
  }
  if (step.reduceOnly) {
    wallets.add(step.account, 'futures', marginCoin, release - step.fee);
    return;
  }
  const margin = step.notional / (step.leverage ?? 1);
  wallets.add(step.account, 'futures', marginCoin, -margin - step.fee);
}

/** The balances one step changes, all in its own account. */
function touched(step: PlanStep, marginCoin: string): [WalletName, string][] {
  if (step.kind === 'transfer') {
    return [
      ['spot', step.asset],
      ['futures', step.asset],
    ];
  }
  if (step.market === 'spot') {
    return [
      ['spot', step.asset],
      ['spot', marginCoin],
    ];
  }
  return [['futures', marginCoin]];
}

export interface Replay {
  end: Wallets;
  /** The lowest each balance went while the steps ran. */
  lowest: Wallets;
}

export function replay(
  start: Wallets,
  steps: readonly PlanStep[],
  marginCoin: string,
  releaseOf: (step: PlanStep) => number,
): Replay {
  const end = start.clone();
  const lowest = start.clone();
  for (const step of steps) {
    applyStep(end, step, marginCoin, releaseOf(step));
    for (const [wallet, coin] of touched(step, marginCoin)) {
      const amount = end.get(step.account, wallet, coin);
      const low = lowest.get(step.account, wallet, coin);
      if (amount < low) lowest.add(step.account, wallet, coin, amount - low);
    }
  }
  return { end, lowest };
}

/** What an account's later steps take from each wallet, in the margin coin. */
export interface WalletNeeds {
  spot: number;
  futures: number;
}

// Transfers are rounded up to this many decimals so the wallet they fund is never a hair short.
const TRANSFER_DECIMALS = 1e8;

/**
 * The transfer that covers one wallet's shortfall from the other, split in two: the part the source
 * wallet held all along goes before anything trades; the part only sale or close proceeds can fund
 * goes right after those. `have` is each wallet after the sales and closes, `floor` the lowest each
 * went on the way there.
 */
export function fundingTransfers(
  account: string,
  coin: string,
  needs: WalletNeeds,
  have: WalletNeeds,
  floor: WalletNeeds,
): { upFront: TransferStep[]; afterProceeds: TransferStep[] } {
  const upFront: TransferStep[] = [];
  const afterProceeds: TransferStep[] = [];
  for (const to of ['spot', 'futures'] as const) {
    const from = to === 'spot' ? 'futures' : 'spot';
    const shortfall = needs[to] - have[to];
    if (!(shortfall > 0)) continue;
    const surplus = have[from] - needs[from];
    const amount = Math.min(Math.ceil(shortfall * TRANSFER_DECIMALS) / TRANSFER_DECIMALS, surplus);
    if (!(amount > 0)) continue;
    const early = Math.max(0, Math.min(amount, floor[from]));
    const reason =
      to === 'futures' ? 'Margin and fees for the shorts' : 'Cash for the spot purchases';
    const transfer = (part: number): TransferStep => ({
      step: -1,
      kind: 'transfer',
      account,
      asset: coin,
      pair: null,
      amount: part,
      from,
      to,
      reason,
    });
    if (early > 0) upFront.push(transfer(early));
    if (amount - early > 0) afterProceeds.push(transfer(amount - early));
  }
  return { upFront, afterProceeds };
}
