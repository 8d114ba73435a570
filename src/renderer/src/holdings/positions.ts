// Open futures positions as the Holdings view lists them, every figure worded.
import { formatPrice, MISSING } from '../../../core/format';
import type { MarginMode, PortfolioView, PositionSide } from '../../../shared/portfolio';
import { formatDate } from '../markets/time-text';
import { formatQuantity, formatUsdtChange } from '../portfolio/value-text';
import { accountLabel } from './holdings-rows';

export interface PositionRow {
  key: string;
  account: string;
  symbol: string;
  /** 'Perpetual' or the delivery date. */
  contract: string;
  side: PositionSide;
  sideText: string;
  contracts: string;
  /** Base quantity in the asset, when the contract stands for other than one unit. */
  quantity: string;
  entry: string;
  mark: string;
  unrealizedPnl: string;
  pnlSign: -1 | 0 | 1;
  leverage: string;
  marginMode: string;
  liquidation: string;
}

const MARGIN_MODES: Record<MarginMode, string> = { cross: 'Cross', isolated: 'Isolated' };

export function positionRows(view: PortfolioView, timeZone?: string): PositionRow[] {
  return view.holdings.flatMap((h) =>
    h.futures.positions.map((p) => ({
      key: `${h.accountId}:${p.symbol}:${p.side}`,
      account: accountLabel(view, h.accountId),
      symbol: p.symbol,
      contract: p.expiry === null ? 'Perpetual' : `Delivers ${formatDate(p.expiry, timeZone)}`,
      side: p.side,
      sideText: p.side === 'long' ? 'Long' : 'Short',
      contracts: formatQuantity(p.contracts),
      quantity: `${formatQuantity(p.quantity)} ${p.asset}`,
      entry: formatPrice(p.entryPrice),
      mark: formatPrice(p.markPrice),
      unrealizedPnl: formatUsdtChange(p.unrealizedPnl),
      pnlSign: p.unrealizedPnl > 0 ? 1 : p.unrealizedPnl < 0 ? -1 : 0,
      leverage: p.leverage === null ? MISSING : `${formatQuantity(p.leverage)}×`,
      marginMode: MARGIN_MODES[p.marginMode],
      liquidation: p.liquidationPrice === null ? 'none reported' : formatPrice(p.liquidationPrice),
    })),
  );
}
