// The pure domain engine: premium math, regimes, allocation policy, signal premium and calibration.
export {
  annualizeBasis,
  annualizeFunding,
  annualizeSettledFunding,
  deannualizeBasis,
  deannualizeFunding,
} from './premium';
export type { SettledFunding } from './premium';
export { inferSettlementIntervals, MAX_FUNDING_INTERVAL_HOURS } from './settlement-intervals';
export type { IntervalInference } from './settlement-intervals';
export type { RegimeClassification } from './regime';
export {
  assertThresholds,
  classifyRegime,
  classifyRegimeDetailed,
  DEFAULT_THRESHOLDS,
} from './regime';
export type { AssetMix, PortfolioTargets, SliceInput, SliceTarget } from './allocation';
export { DEFAULT_POLICY, portfolioTargets, resolveAssetMix, targetWeights } from './allocation';
export type { BucketsInput } from './buckets';
export { portfolioBuckets } from './buckets';
export { positionQuantity } from './buckets-quantities';
export type {
  DatedFuture,
  FundingPoint,
  PerpFunding,
  SignalOptions,
  SignalPremium,
  SignalQuotes,
} from './signal';
export { DEFAULT_SIGNAL_OPTIONS, signalPremium, termStructure } from './signal';
export type { PremiumStats } from './calibration';
export {
  DEFAULT_HISTORY_K,
  MIN_HISTORY_POINTS,
  premiumStats,
  thresholdsFromHistory,
  trailingWindow,
  trailingYear,
} from './calibration';
export { defaultSettings } from './defaults';
export { evaluateQuote } from './quote';
export { finiteOrNull, positiveOrNull } from './numbers';
export { formatDuration, formatPercent, formatPrice, MINUS_SIGN, MISSING } from './format';
export type { CsvCell, CsvField, CsvRecord } from './csv';
export { CsvSyntaxError, formatCsv, guardFormula, parseCsv, unguardFormula } from './csv';
export type { ParsedManualHolding } from './csv-holdings';
export {
  formatManualHoldingsCsv,
  ManualHoldingsCsvError,
  parseManualHoldingsCsv,
} from './csv-holdings';
export type { BookLevel, BookWalk } from './book-walk';
export { walkBook } from './book-walk';
export type { LiquidationInput } from './liquidation';
export { liquidationPrice } from './liquidation';
export type { BasisCarryInput, CarryResult, PerpCarryInput } from './carry';
export { basisCarry, perpCarry } from './carry';
export type { AlertRulesInput, AlertRulesResult, RegimeMemory } from './alert-rules';
export { alertCauses } from './alert-rules';
export type { AlertState, Reconciled } from './alerts';
export {
  acknowledgeAlert,
  ALERT_HISTORY_LIMIT,
  alertsView,
  EMPTY_ALERT_STATE,
  reconcileAlerts,
} from './alerts';
export type {
  InstrumentRules,
  MaintenanceBracket,
  PlanAccount,
  PlanAssetMarkets,
  PlanBook,
  PlanInstrument,
  PlannerInput,
  PlannerSettings,
} from './planner-types';
export { bookKey } from './planner-types';
export { planRebalance } from './planner';
export type { ClientOrderIdParts } from './client-order-id';
export {
  CLIENT_ORDER_ID_MAX_LENGTH,
  CLIENT_ORDER_ID_PATTERN,
  clientOrderIdFor,
  parseClientOrderId,
} from './client-order-id';
export { firstIndexAtOrAfter, minMaxBucketIndices } from './min-max-buckets';
