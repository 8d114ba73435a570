// Binance's account reads, each one bulk request whatever the number of assets held: the spot wallet
// (zero balances left out), the USDⓈ-M account's per-coin wallets, every open position with its
// leverage, margin type and liquidation price (/fapi/v2/positionRisk, the one answer that carries
// them all), the key's API restrictions, and the futures account's position and margin modes.
import type { Exchange } from 'ccxt';
import type { AccountModes, KeyPermissions } from '../../shared/accounts';
import { finiteOrNull, positiveOrNull } from '../../core';
import { GatewayError } from './errors';
import type { VenueAccountSnapshot, VenueFuturesBalanceRow, VenuePositionRow } from './venue';

type Row = Record<string, unknown>;

function rows(value: unknown, what: string): Row[] {
  if (!Array.isArray(value))
    throw new GatewayError('bad-response', `Binance answered the ${what} request with no list.`);
  return value.filter((r): r is Row => typeof r === 'object' && r !== null);
}

const num = (value: unknown): number | null => finiteOrNull(Number(value));

function futuresBalances(account: unknown): VenueFuturesBalanceRow[] {
  const assets = rows((account as Row | null)?.assets, 'futures account');
  const out: VenueFuturesBalanceRow[] = [];
  for (const a of assets) {
    const wallet = num(a.walletBalance) ?? 0;
    const unrealizedPnl = num(a.unrealizedProfit) ?? 0;
    if (typeof a.asset !== 'string' || (wallet === 0 && unrealizedPnl === 0)) continue;
    out.push({ asset: a.asset, wallet, unrealizedPnl, available: num(a.availableBalance) ?? 0 });
  }
  return out;
}

function positions(answer: unknown): VenuePositionRow[] {
  const out: VenuePositionRow[] = [];
  for (const p of rows(answer, 'position')) {
    const amount = num(p.positionAmt) ?? 0;
    if (amount === 0 || typeof p.symbol !== 'string') continue;
    const isolated = String(p.marginType).toLowerCase() === 'isolated';
    out.push({
      id: p.symbol,
      amount,
      entryPrice: num(p.entryPrice) ?? 0,
      markPrice: num(p.markPrice) ?? 0,
      unrealizedPnl: num(p.unRealizedProfit) ?? 0,
      leverage: positiveOrNull(num(p.leverage)),
      marginMode: isolated ? 'isolated' : 'cross',
      isolatedWallet: isolated ? (num(p.isolatedWallet) ?? 0) : null,
      // Binance writes 0 when there is none (a position its wallet fully covers).
      liquidationPrice: positiveOrNull(num(p.liquidationPrice)),
    });
  }
  return out;
}

export async function binanceAccountSnapshot(exchange: Exchange): Promise<VenueAccountSnapshot> {
  const [spot, account, risk] = await Promise.all([
    exchange.fetchBalance({ omitZeroBalances: true }),
    exchange.fapiPrivateV3GetAccount(),
    exchange.fapiPrivateV2GetPositionRisk(),
  ]);
  return { spot, futures: futuresBalances(account), positions: positions(risk) };
}

export async function binanceKeyPermissions(
  exchange: Exchange,
  now: number,
): Promise<KeyPermissions> {
  const r = (await exchange.sapiGetAccountApiRestrictions()) as Row;
  const expiry = num(r.tradingAuthorityExpirationTime);
  // Binance lets spot trading lapse at this time unless the user renews it.
  const spotLapsed = expiry !== null && expiry > 0 && expiry <= now;
  return {
    read: r.enableReading === true,
    spotTrading: r.enableSpotAndMarginTrading === true && !spotLapsed,
    futuresTrading: r.enableFutures === true,
    universalTransfer: r.permitsUniversalTransfer === true,
    withdrawals: r.enableWithdrawals === true,
    ipRestricted: r.ipRestrict === true,
  };
}

export async function binanceAccountModes(exchange: Exchange): Promise<AccountModes> {
  const [dual, multi] = (await Promise.all([
    exchange.fapiPrivateGetPositionSideDual(),
    exchange.fapiPrivateGetMultiAssetsMargin(),
  ])) as [Row, Row];
  const flag = (v: unknown) => v === true || v === 'true';
  return {
    positionMode: flag(dual.dualSidePosition) ? 'hedge' : 'one-way',
    multiAssetsMargin: flag(multi.multiAssetsMargin),
  };
}
