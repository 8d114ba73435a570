// The portfolio services: what the composition root uses of src/services/portfolio.
export { createPortfolioService } from './portfolio-service';
export type { PortfolioService, PortfolioServiceOptions } from './portfolio-service';
export type { HoldingsSource, SyncOutcome, SyncTimers } from './holdings-sync';
export { historyValueHistory, PORTFOLIO_VALUE_SERIES } from './value-history';
export type { ValueHistory } from './value-history';
export { HOLDINGS_FILE } from './holdings-store';
export { MANUAL_HOLDINGS_FILE } from './manual-holdings-store';
export type { CountedHoldings } from './portfolio-view';
