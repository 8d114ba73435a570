// The holdings as they would be once every step has run at its expected price, fees paid out of the
// margin coin, so the buckets after the plan are measured by the same code as the buckets before it.
import type { OrderStep, PlanStep } from '../shared/plan';
import type { AccountHoldings, FuturesPosition } from '../shared/portfolio';

// A position or balance left this close to 0 by float arithmetic is gone.
const DUST = 1e-12;

function copy(holdings: readonly AccountHoldings[]): AccountHoldings[] {
  return holdings.map((a) => ({
    ...a,
    spot: a.spot.map((b) => ({ ...b })),
    futures: {
      balances: a.futures.balances.map((b) => ({ ...b })),
      positions: a.futures.positions.map((p) => ({ ...p })),
    },
  }));
}

function accountOf(all: AccountHoldings[], id: string): AccountHoldings {
  let found = all.find((a) => a.accountId === id);
  if (!found) {
    found = {
      accountId: id,
      exchange: 'binance',
      syncedAt: 0,
      spot: [],
      futures: { balances: [], positions: [] },
    };
    all.push(found);
  }
  return found;
}

// Each account's spot balances by coin, so a plan of hundreds of steps does not search them each time.
const spotIndex = new WeakMap<AccountHoldings, Map<string, AccountHoldings['spot'][number]>>();

function addSpot(account: AccountHoldings, coin: string, delta: number): void {
  let index = spotIndex.get(account);
  if (!index) {
    index = new Map(account.spot.map((b) => [b.asset, b]));
    spotIndex.set(account, index);
  }
  let balance = index.get(coin);
  if (!balance) {
    balance = { asset: coin, free: 0, used: 0, total: 0 };
    account.spot.push(balance);
    index.set(coin, balance);
  }
  balance.free += delta;
  balance.total += delta;
}

function addFutures(account: AccountHoldings, coin: string, delta: number): void {
  let balance = account.futures.balances.find((b) => b.asset === coin);
  if (!balance) {
    balance = { asset: coin, wallet: 0, unrealizedPnl: 0, margin: 0, available: 0 };
    account.futures.balances.push(balance);
  }
  balance.wallet += delta;
  balance.margin += delta;
  balance.available += delta;
}

function resize(position: FuturesPosition, quantity: number): void {
  const perContract = position.contractSize * position.multiplier;
  position.quantity = Math.max(0, quantity);
  position.contracts = position.quantity / perContract;
  position.notional = position.quantity * position.markPrice;
}

function applyShort(account: AccountHoldings, step: OrderStep, expiry: number | null): void {
  const positions = account.futures.positions;
  const open = positions.find((p) => p.symbol === step.symbol && p.side === 'short');
  if (step.reduceOnly) {
    if (!open) return;
    resize(open, open.quantity - step.amount);
    if (open.quantity <= DUST) positions.splice(positions.indexOf(open), 1);
    return;
  }
  if (open) {
    resize(open, open.quantity + step.amount);
    return;
  }
  positions.push({
    symbol: step.symbol,
    asset: step.asset,
    kind: step.market === 'future' ? 'future' : 'perp',
    expiry,
    side: 'short',
    contracts: step.contracts ?? step.amount,
    contractSize: step.contracts ? step.amount / step.contracts : 1,
    multiplier: 1,
    quantity: step.amount,
    entryPrice: step.price,
    markPrice: step.price,
    unrealizedPnl: 0,
    leverage: step.leverage,
    marginMode: step.marginMode ?? 'isolated',
    isolatedMargin: null,
    liquidationPrice: null,
    notional: step.notional,
    settle: 'USDT',
  });
}

/** The holdings after `steps`; `expiryOf` gives a dated future's delivery by symbol. */
export function holdingsAfter(
  holdings: readonly AccountHoldings[],
  steps: readonly PlanStep[],
  marginCoin: string,
  expiryOf: (symbol: string) => number | null,
): AccountHoldings[] {
  const after = copy(holdings);
  for (const step of steps) {
    const account = accountOf(after, step.account);
    if (step.kind === 'transfer') {
      const sign = step.from === 'spot' ? -1 : 1;
      addSpot(account, step.asset, sign * step.amount);
      addFutures(account, step.asset, -sign * step.amount);
      continue;
    }
    if (step.market === 'spot') {
      const sign = step.side === 'buy' ? 1 : -1;
      addSpot(account, step.asset, sign * step.amount);
      addSpot(account, marginCoin, -sign * step.notional - step.fee);
      continue;
    }
    applyShort(account, step, expiryOf(step.symbol));
    addFutures(account, marginCoin, -step.fee);
  }
  return after;
}
