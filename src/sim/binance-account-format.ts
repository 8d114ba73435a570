// Binance's account answers, field for field: the spot account, the futures account and balance,
// position risk (v2 and v3), leverage brackets and income.
import type { AccountState, FuturesRisk, PositionRisk } from './account';
import { LEVERAGE_BRACKETS } from './account';
import { decimalsOf, QUOTE } from './asset-catalog';
import type { Json } from './binance-json';
import { fmt } from './binance-json';
import { type Instrument } from './market';

export function spotAccount(state: AccountState, now: number, omitZero: boolean): Json {
  const balances = Object.entries(state.spot)
    .filter(([asset, b]) => !omitZero || b.free > 0 || b.locked > 0 || asset === QUOTE)
    .map(([asset, b]) => ({ asset, free: fmt(b.free, 8), locked: fmt(b.locked, 8) }));
  return {
    makerCommission: 10,
    takerCommission: 10,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: {
      maker: '0.00100000',
      taker: '0.00100000',
      buyer: '0.00000000',
      seller: '0.00000000',
    },
    canTrade: true,
    canWithdraw: false,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: now,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
    uid: 354937868,
  };
}

function money(x: number): string {
  return fmt(x, 8);
}

export function futuresAccount(risk: FuturesRisk, now: number, version: 2 | 3): Json {
  const asset: { [key: string]: Json } = {
    asset: QUOTE,
    walletBalance: money(risk.wallet),
    unrealizedProfit: money(risk.unrealizedPnl),
    marginBalance: money(risk.marginBalance),
    maintMargin: money(risk.maintMargin),
    initialMargin: money(risk.positionInitialMargin + risk.openOrderInitialMargin),
    positionInitialMargin: money(risk.positionInitialMargin),
    openOrderInitialMargin: money(risk.openOrderInitialMargin),
    crossWalletBalance: money(risk.wallet),
    crossUnPnl: money(risk.crossUnrealizedPnl),
    availableBalance: money(risk.available),
    maxWithdrawAmount: money(risk.maxWithdraw),
    updateTime: now,
  };
  if (version === 2) asset.marginAvailable = true;
  const totals = {
    totalInitialMargin: money(risk.positionInitialMargin + risk.openOrderInitialMargin),
    totalMaintMargin: money(risk.maintMargin),
    totalWalletBalance: money(risk.wallet),
    totalUnrealizedProfit: money(risk.unrealizedPnl),
    totalMarginBalance: money(risk.marginBalance),
    totalPositionInitialMargin: money(risk.positionInitialMargin),
    totalOpenOrderInitialMargin: money(risk.openOrderInitialMargin),
    totalCrossWalletBalance: money(risk.wallet),
    totalCrossUnPnl: money(risk.crossUnrealizedPnl),
    availableBalance: money(risk.available),
    maxWithdrawAmount: money(risk.maxWithdraw),
  };
  const positions = risk.positions.map((p): Json =>
    version === 3
      ? {
          symbol: p.position.symbol,
          positionSide: 'BOTH',
          positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
          unrealizedProfit: money(p.unrealizedPnl),
          isolatedMargin: money(p.isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
          notional: money(p.notional),
          isolatedWallet: money(p.position.isolatedWallet),
          initialMargin: money(p.initialMargin),
          maintMargin: money(p.maintMargin),
          updateTime: p.position.updateTime,
        }
      : {
          symbol: p.position.symbol,
          initialMargin: money(p.initialMargin),
          maintMargin: money(p.maintMargin),
          unrealizedProfit: money(p.unrealizedPnl),
          positionInitialMargin: money(p.initialMargin),
          openOrderInitialMargin: '0',
          leverage: String(p.leverage),
          isolated: p.isolated,
          entryPrice: fmt(p.position.entryPrice, 8),
          breakEvenPrice: fmt(p.breakEvenPrice, 8),
          maxNotional: String(
            LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= p.leverage).at(-1)!.notionalCap,
          ),
          bidNotional: '0',
          askNotional: '0',
          positionSide: 'BOTH',
          positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
          updateTime: p.position.updateTime,
        },
  );
  const head: { [key: string]: Json } =
    version === 2
      ? {
          feeTier: 0,
          feeBurn: false,
          canTrade: true,
          canDeposit: true,
          canWithdraw: false,
          updateTime: 0,
          multiAssetsMargin: false,
          tradeGroupId: -1,
        }
      : {};
  return { ...head, ...totals, assets: [asset], positions };
}

export function futuresBalance(risk: FuturesRisk, now: number): Json {
  return [
    {
      accountAlias: 'SgsR',
      asset: QUOTE,
      balance: money(risk.wallet),
      crossWalletBalance: money(risk.wallet),
      crossUnPnl: money(risk.crossUnrealizedPnl),
      availableBalance: money(risk.available),
      maxWithdrawAmount: money(risk.maxWithdraw),
      marginAvailable: true,
      updateTime: now,
    },
  ];
}

export function positionRiskV2(
  p: PositionRisk | null,
  i: Instrument,
  leverage: number,
  isolated: boolean,
): Json {
  const q = decimalsOf(i.step);
  const maxNotional = LEVERAGE_BRACKETS.filter((b) => b.initialLeverage >= leverage).at(
    -1,
  )!.notionalCap;
  return {
    symbol: i.symbol,
    positionAmt: fmt(p?.position.amount ?? 0, q),
    entryPrice: fmt(p?.position.entryPrice ?? 0, 8),
    breakEvenPrice: fmt(p?.breakEvenPrice ?? 0, 8),
    markPrice: fmt(p?.mark ?? 0, 8),
    unRealizedProfit: money(p?.unrealizedPnl ?? 0),
    liquidationPrice: fmt(p?.liquidationPrice ?? 0, 8),
    leverage: String(leverage),
    maxNotionalValue: String(maxNotional),
    marginType: isolated ? 'isolated' : 'cross',
    isolatedMargin: money(p && isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
    isAutoAddMargin: 'false',
    positionSide: 'BOTH',
    notional: money(p?.notional ?? 0),
    isolatedWallet: money(p?.position.isolatedWallet ?? 0),
    updateTime: p?.position.updateTime ?? 0,
  };
}

export function positionRiskV3(p: PositionRisk): Json {
  return {
    symbol: p.position.symbol,
    positionSide: 'BOTH',
    positionAmt: fmt(p.position.amount, decimalsOf(p.instrument.step)),
    entryPrice: fmt(p.position.entryPrice, 8),
    breakEvenPrice: fmt(p.breakEvenPrice, 8),
    markPrice: fmt(p.mark, 8),
    unRealizedProfit: money(p.unrealizedPnl),
    liquidationPrice: fmt(p.liquidationPrice, 8),
    isolatedMargin: money(p.isolated ? p.position.isolatedWallet + p.unrealizedPnl : 0),
    notional: money(p.notional),
    marginAsset: QUOTE,
    isolatedWallet: money(p.position.isolatedWallet),
    initialMargin: money(p.initialMargin),
    maintMargin: money(p.maintMargin),
    positionInitialMargin: money(p.initialMargin),
    openOrderInitialMargin: '0',
    adl: 1,
    bidNotional: '0',
    askNotional: '0',
    updateTime: p.position.updateTime,
  };
}

export function leverageBrackets(symbols: string[]): Json {
  return symbols.map((symbol) => ({
    symbol,
    notionalCoef: 1,
    brackets: LEVERAGE_BRACKETS.map((b) => ({
      bracket: b.bracket,
      initialLeverage: b.initialLeverage,
      notionalCap: b.notionalCap,
      notionalFloor: b.notionalFloor,
      maintMarginRatio: b.maintMarginRatio,
      cum: b.cum,
    })),
  }));
}

export function incomeRecords(state: AccountState): Json {
  return state.income.map((r) => ({
    symbol: r.symbol,
    incomeType: r.incomeType,
    income: money(r.income),
    asset: r.asset,
    info: r.incomeType,
    time: r.time,
    tranId: r.tranId,
    tradeId: '',
  }));
}
