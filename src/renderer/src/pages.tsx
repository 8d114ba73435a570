// The pages the navbar offers, in order; the first is where the app opens. A page is one entry here.
import type { ComponentType, Ref } from 'react';
import { AccountsPage } from './accounts/AccountsPage';
import { AlertsPage } from './alerts/AlertsPage';
import { BacktestPage } from './backtest/BacktestPage';
import { CalculatorPage } from './calculator/CalculatorPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { HoldingsPage } from './holdings/HoldingsPage';
import { JournalPage } from './journal/JournalPage';
import { MarketsPage } from './markets/MarketsPage';
import { RebalancePage } from './rebalance/RebalancePage';
import { ScannerPage } from './scanner/ScannerPage';
import { StrategyPage } from './strategy/StrategyPage';

export interface PageProps {
  /** The page's h1, which takes focus when the user navigates to the page. */
  headingRef?: Ref<HTMLHeadingElement>;
}

export interface PageEntry<Id extends string = string> {
  id: Id;
  label: string;
  description: string;
  Component: ComponentType<PageProps>;
}

export const PAGES = [
  {
    id: 'dashboard',
    label: 'Dashboard',
    description: 'Your portfolio, its buckets and warnings',
    Component: DashboardPage,
  },
  {
    id: 'rebalance',
    label: 'Rebalance',
    description: 'The plan that moves you to target',
    Component: RebalancePage,
  },
  {
    id: 'journal',
    label: 'Journal',
    description: 'Orders and transfers sent, and open orders',
    Component: JournalPage,
  },
  {
    id: 'holdings',
    label: 'Holdings',
    description: 'Wallets, positions and manual holdings',
    Component: HoldingsPage,
  },
  {
    id: 'accounts',
    label: 'Accounts',
    description: 'Exchange keys and the key vault',
    Component: AccountsPage,
  },
  {
    id: 'alerts',
    label: 'Alerts',
    description: 'What needs your attention, and what has cleared',
    Component: AlertsPage,
  },
  {
    id: 'markets',
    label: 'Markets',
    description: 'Live premiums, regimes and history',
    Component: MarketsPage,
  },
  {
    id: 'scanner',
    label: 'Carry scanner',
    description: 'Every perpetual’s funding, basis and carry',
    Component: ScannerPage,
  },
  {
    id: 'strategy',
    label: 'Strategy',
    description: 'Thresholds, policy and every setting',
    Component: StrategyPage,
  },
  {
    id: 'backtest',
    label: 'Backtest',
    description: 'What your policy would have done on years of history',
    Component: BacktestPage,
  },
  {
    id: 'calculator',
    label: 'Premium calculator',
    description: 'Annualize one quote by hand',
    Component: CalculatorPage,
  },
] as const satisfies readonly PageEntry[];

export type PageId = (typeof PAGES)[number]['id'];
export const PAGE_IDS: readonly PageId[] = PAGES.map((p) => p.id);
