// Rebalance plans: made from the holdings, the snapshot and each account's markets, saved by id.
export { createPlanService, newPlanId } from './plan-service';
export type { Planner, PlanService, PlanServiceOptions } from './plan-service';
export { MAX_PLANS_KEPT, PLANS_FILE, PLANS_VERSION } from './plan-store';
export { TradingCostCache, TRADING_COSTS_TTL_MS } from './plan-markets';
export type { PlanGateway } from './plan-markets';
