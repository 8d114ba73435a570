// Futures margin: the leverage brackets, each position's margin, mark and liquidation price, what
// the wallet has available, and the leverage and margin type set per symbol.
import type { Instrument } from './market';
import { venueErrors } from './venue-error';
import type { Ledger, PositionRecord } from './account-state';
import { FUTURES_TAKER_FEE, DEFAULT_LEVERAGE, isOpen, sum } from './account-state';

export interface PositionRisk {
  position: PositionRecord;
  instrument: Instrument;
  mark: number;
  notional: number;
  unrealizedPnl: number;
  leverage: number;
  isolated: boolean;
  initialMargin: number;
  maintMargin: number;
  maintMarginRatio: number;
  liquidationPrice: number;
  breakEvenPrice: number;
}

export interface FuturesRisk {
  positions: PositionRisk[];
  wallet: number;
  crossUnrealizedPnl: number;
  unrealizedPnl: number;
  positionInitialMargin: number;
  openOrderInitialMargin: number;
  maintMargin: number;
  marginBalance: number;
  available: number;
  maxWithdraw: number;
}

interface Bracket {
  bracket: number;
  initialLeverage: number;
  notionalCap: number;
  notionalFloor: number;
  maintMarginRatio: number;
  cum: number;
}

export const LEVERAGE_BRACKETS: readonly Bracket[] = [
  {
    bracket: 1,
    initialLeverage: 125,
    notionalCap: 50_000,
    notionalFloor: 0,
    maintMarginRatio: 0.004,
    cum: 0,
  },
  {
    bracket: 2,
    initialLeverage: 100,
    notionalCap: 500_000,
    notionalFloor: 50_000,
    maintMarginRatio: 0.005,
    cum: 50,
  },
  {
    bracket: 3,
    initialLeverage: 50,
    notionalCap: 10_000_000,
    notionalFloor: 500_000,
    maintMarginRatio: 0.01,
    cum: 2_550,
  },
  {
    bracket: 4,
    initialLeverage: 20,
    notionalCap: 50_000_000,
    notionalFloor: 10_000_000,
    maintMarginRatio: 0.025,
    cum: 152_550,
  },
  {
    bracket: 5,
    initialLeverage: 10,
    notionalCap: 9e15,
    notionalFloor: 50_000_000,
    maintMarginRatio: 0.05,
    cum: 1_402_550,
  },
];

export function bracketFor(notional: number): Bracket {
  return LEVERAGE_BRACKETS.find((b) => notional < b.notionalCap) ?? LEVERAGE_BRACKETS.at(-1)!;
}

export function leverageOf(ledger: Ledger, symbol: string): number {
  return ledger.state.leverage[symbol] ?? DEFAULT_LEVERAGE;
}

export function futuresRisk(ledger: Ledger, at: number): FuturesRisk {
  const positions: PositionRisk[] = [];
  for (const position of Object.values(ledger.state.positions)) {
    if (position.amount === 0) continue;
    const instrument =
      position.expiry === null
        ? ledger.market.instrument(position.symbol, at, 'futures')
        : ledger.market.futureByExpiry(position.asset, position.expiry);
    if (!instrument) continue;
    const mark = ledger.market.price(instrument, at);
    const notional = position.amount * mark;
    const bracket = bracketFor(Math.abs(notional));
    const leverage = leverageOf(ledger, position.symbol);
    positions.push({
      position,
      instrument,
      mark,
      notional,
      unrealizedPnl: position.amount * (mark - position.entryPrice),
      leverage,
      isolated: ledger.state.marginType[position.symbol] === 'ISOLATED',
      initialMargin: Math.abs(notional) / leverage,
      maintMargin: Math.max(0, Math.abs(notional) * bracket.maintMarginRatio - bracket.cum),
      maintMarginRatio: bracket.maintMarginRatio,
      liquidationPrice: 0,
      breakEvenPrice: position.entryPrice * (1 + Math.sign(position.amount) * FUTURES_TAKER_FEE),
    });
  }
  const wallet = ledger.state.futuresWallet;
  const cross = positions.filter((p) => !p.isolated);
  const crossUpnl = sum(cross.map((p) => p.unrealizedPnl));
  for (const p of positions) {
    const bracket = bracketFor(Math.abs(p.notional));
    const others = p.isolated ? [] : cross.filter((q) => q !== p);
    const balance = p.isolated ? p.position.isolatedWallet : wallet;
    const a = p.position.amount;
    const numerator =
      balance -
      sum(others.map((q) => q.maintMargin)) +
      sum(others.map((q) => q.unrealizedPnl)) +
      bracket.cum -
      a * p.position.entryPrice;
    const denominator = Math.abs(a) * bracket.maintMarginRatio - a;
    const lp = numerator / denominator;
    p.liquidationPrice = Number.isFinite(lp) && lp > 0 ? lp : 0;
  }
  const openOrderIm = sum(
    ledger.state.orders
      .filter((o) => o.venue === 'futures' && isOpen(o))
      .map((o) => ((o.origQty - o.executedQty) * o.price) / leverageOf(ledger, o.symbol)),
  );
  const positionIm = sum(positions.map((p) => p.initialMargin));
  const crossIm = sum(cross.map((p) => p.initialMargin));
  const available = wallet + crossUpnl - crossIm - openOrderIm;
  return {
    positions,
    wallet,
    crossUnrealizedPnl: crossUpnl,
    unrealizedPnl: sum(positions.map((p) => p.unrealizedPnl)),
    positionInitialMargin: positionIm,
    openOrderInitialMargin: openOrderIm,
    maintMargin: sum(positions.map((p) => p.maintMargin)),
    marginBalance: wallet + sum(positions.map((p) => p.unrealizedPnl + p.position.isolatedWallet)),
    available: Math.max(0, available),
    maxWithdraw: Math.max(0, Math.min(available, wallet)),
  };
}

export function setLeverage(
  ledger: Ledger,
  symbol: string,
  leverage: number,
  at: number,
): { leverage: number; maxNotionalValue: number } {
  if (!ledger.market.instrument(symbol, at, 'futures')) throw venueErrors.invalidSymbol();
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > 125) {
    throw venueErrors.invalidLeverage(String(leverage));
  }
  ledger.state.leverage[symbol] = leverage;
  const cap = LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= leverage).at(-1)!;
  return { leverage, maxNotionalValue: cap.notionalCap };
}

export function setMarginType(
  ledger: Ledger,
  symbol: string,
  type: 'CROSSED' | 'ISOLATED',
  at: number,
): void {
  if (!ledger.market.instrument(symbol, at, 'futures')) throw venueErrors.invalidSymbol();
  const current = ledger.state.marginType[symbol] ?? 'CROSSED';
  if (current === type) throw venueErrors.marginTypeUnchanged();
  if ((ledger.state.positions[symbol]?.amount ?? 0) !== 0)
    throw venueErrors.marginTypeWithPosition();
  ledger.state.marginType[symbol] = type;
}
