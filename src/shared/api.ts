// The one API the UI talks to, whichever host carries it (Electron IPC or the loopback WebSocket).
import { z } from 'zod';
import type {
  BackfillProgress,
  Calibration,
  CalibrationQuery,
  HistoryQuery,
  HistorySeries,
  MarketHealth,
  MarketSnapshot,
  PastTermStructure,
  TermCurveQuery,
} from './market';
import { calibrationQuerySchema, historyQuerySchema, termCurveQuerySchema } from './market';
import type {
  AccountMeta,
  AccountTestResult,
  NewAccount,
  VaultChange,
  VaultCreate,
  VaultReset,
  VaultStatus,
  VaultUnlock,
} from './accounts';
import {
  accountIdSchema,
  newAccountSchema,
  vaultChangeSchema,
  vaultCreateSchema,
  vaultResetSchema,
  vaultUnlockSchema,
} from './accounts';
import type {
  ManualHolding,
  ManualHoldingInput,
  ManualHoldingUpdate,
  PortfolioHistory,
  PortfolioHistoryQuery,
  PortfolioView,
} from './portfolio';
import {
  manualHoldingInputSchema,
  manualHoldingsCsvSchema,
  manualHoldingUpdateSchema,
  portfolioHistoryQuerySchema,
} from './portfolio';
import type { Alert, AlertsView } from './alerts';
import { alertIdSchema } from './alerts';
import type {
  CancelOrderInput,
  ExecutePlanInput,
  Execution,
  JournalQuery,
  JournalView,
  OpenOrder,
} from './execution';
import { cancelOrderSchema, executePlanSchema, journalQuerySchema } from './execution';
import type {
  BacktestHistoryDownloaded,
  BacktestHistoryProgress,
  BacktestHistoryRequest,
  BacktestRequestInput,
  BacktestResult,
} from './backtest';
import { backtestHistoryRequestSchema, backtestRequestSchema } from './backtest';
import type {
  BacktestSweepProgress,
  BacktestSweepRequestInput,
  BacktestSweepResult,
} from './backtest-sweep';
import { backtestSweepRequestSchema } from './backtest-sweep';
import type { PlanRequest, RebalancePlan } from './plan';
import { planIdSchema, planRequestSchema } from './plan';
import type { CarryScannerView } from './scanner';
import type { Settings, SettingsPatch } from './settings';
import { settingsPatchSchema } from './settings';
import type { BasisMethod, Regime, Thresholds, Weights } from './strategy';
import { basisMethodSchema, regimeSchema } from './strategy';

const positive = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .refine(Number.isFinite, `${what} must be a finite number`)
    .refine((v) => v > 0, `${what} must be above 0`);

/** A quote typed in by hand: a dated future against spot, or a perpetual's funding rate. */
export const quoteInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('future'),
    spot: positive('Spot price'),
    futures: positive('Futures price'),
    daysToExpiry: positive('Days to expiry'),
    method: basisMethodSchema.optional(),
    previousRegime: regimeSchema.nullable().optional(),
  }),
  z.object({
    kind: z.literal('funding'),
    rate: z.number().refine(Number.isFinite, 'Funding rate must be a finite number'),
    intervalHours: positive('Funding interval'),
    previousRegime: regimeSchema.nullable().optional(),
  }),
]);
export type QuoteInput = z.infer<typeof quoteInputSchema>;

export interface QuoteEvaluation {
  premium: number;
  /** How the premium was annualized: a basis method, or funding. */
  method: BasisMethod | 'funding';
  regime: Regime;
  heldByHysteresis: boolean;
  weights: Weights;
  thresholds: Thresholds;
  /** Set when the contract is too close to expiry to feed the regime signal. */
  warning: string | null;
}

export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.number(),
});
export type Notice = z.infer<typeof noticeSchema>;

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  /** True while no exchange account is configured and the built-in simulator is the market. */
  demo: boolean;
  notices: Notice[];
}

export type PremiaEvent =
  | { type: 'snapshot'; snapshot: MarketSnapshot }
  | { type: 'notice'; notice: Notice }
  | { type: 'notice-dismissed'; id: string }
  | { type: 'settings'; settings: Settings }
  | { type: 'backfill'; progress: BackfillProgress }
  /** How the market data stands changed (null: no market runs). */
  | { type: 'market-health'; health: MarketHealth | null }
  /** Holdings, prices, accounts or the vault changed: the portfolio as it now stands. */
  | { type: 'portfolio'; portfolio: PortfolioView }
  | { type: 'vault'; status: VaultStatus }
  /** Alerts changed: raised, cleared or acknowledged. */
  | { type: 'alerts'; alerts: AlertsView }
  /** An alert was raised just now (once per cause): what a notification shows. */
  | { type: 'alert-raised'; alert: Alert }
  /** A plan was saved (by this window, another one or the command line). */
  | { type: 'plan'; plan: RebalancePlan }
  /** An execution moved on: a step started, filled, failed or was unwound, or it ended. */
  | { type: 'execution'; execution: Execution }
  /** A download of years of history for backtests moved on. */
  | { type: 'history-download'; progress: BacktestHistoryProgress }
  /** A sweep of the policy over two parameters ran another cell. */
  | { type: 'backtest-sweep'; progress: BacktestSweepProgress };

/** Everything the UI can ask. One argument at most, validated by `apiInputSchemas`. */
export interface PremiaApi {
  getAppInfo(): Promise<AppInfo>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  resetSettings(): Promise<Settings>;
  dismissNotice(id: string): Promise<void>;
  evaluateQuote(input: QuoteInput): Promise<QuoteEvaluation>;
  getSnapshot(): Promise<MarketSnapshot | null>;
  /** How the market data stands: the venue's state, why it last failed, the next attempt. */
  getMarketHealth(): Promise<MarketHealth | null>;
  /**
   * Asks the market again at once instead of waiting out the pause after failures (or after the
   * venue refused this region); answers with the health once the attempt is under way.
   */
  retryMarket(): Promise<MarketHealth | null>;
  /**
   * Pauses polling the market (true) or resumes it (false, with a cycle at once); answers with the
   * health, whose state is `paused` meanwhile. Until Premia restarts.
   */
  setMarketPaused(paused: boolean): Promise<MarketHealth | null>;
  getHistory(query: HistoryQuery): Promise<HistorySeries>;
  getCalibration(query: CalibrationQuery): Promise<Calibration>;

  getVaultStatus(): Promise<VaultStatus>;
  createVault(input: VaultCreate): Promise<VaultStatus>;
  /** A wrong passphrase is an `auth` error; a damaged file an `internal` one that says so. */
  unlockVault(input: VaultUnlock): Promise<VaultStatus>;
  lockVault(): Promise<VaultStatus>;
  /** Re-encrypts every secret under the new passphrase, all or nothing. */
  changeVaultPassphrase(input: VaultChange): Promise<VaultStatus>;
  /** Deletes every secret (a forgotten passphrase's way out); every other file is kept. */
  resetVault(input: VaultReset): Promise<VaultStatus>;

  listAccounts(): Promise<AccountMeta[]>;
  /** Saves the account (its secrets in the vault, which must be unlocked) and tests its key. */
  addAccount(input: NewAccount): Promise<AccountTestResult>;
  testAccount(id: string): Promise<AccountTestResult>;
  /** Removes the account and its secrets; answers with the accounts left. */
  removeAccount(id: string): Promise<AccountMeta[]>;

  /** The portfolio from the last synced holdings at the latest prices. */
  getPortfolio(): Promise<PortfolioView>;
  /** Syncs every account's holdings now. */
  syncHoldings(): Promise<PortfolioView>;
  getPortfolioHistory(query: PortfolioHistoryQuery): Promise<PortfolioHistory>;
  addManualHolding(input: ManualHoldingInput): Promise<ManualHolding[]>;
  updateManualHolding(input: ManualHoldingUpdate): Promise<ManualHolding[]>;
  removeManualHolding(id: string): Promise<ManualHolding[]>;
  /** Imports a CSV file of manual holdings, every row or none; a bad row is named by line and column. */
  importManualHoldings(csv: string): Promise<ManualHolding[]>;
  exportManualHoldings(): Promise<string>;

  /**
   * Plans a full rebalance (or one action on one asset) on the live holdings, quotes and books, runs
   * the pre-trade checks and saves the plan under a new id until it expires.
   */
  createPlan(request: PlanRequest): Promise<RebalancePlan>;
  /** A saved plan; `not-found` once it has expired and been dropped, or never existed. */
  getPlan(id: string): Promise<RebalancePlan>;
  /** Saved plans not yet expired, newest first. */
  listPlans(): Promise<RebalancePlan[]>;

  /**
   * Executes a saved plan by id once its checks pass again on fresh quotes, balances and books;
   * answers when it has ended (its progress comes as `execution` events). Refused, saying which check
   * and why, once the plan has expired or a check fails; one execution at a time per account.
   */
  executePlan(input: ExecutePlanInput): Promise<Execution>;
  /** The execution of a plan, running or ended; `not-found` when the plan was never executed. */
  getExecution(planId: string): Promise<Execution>;
  /** Orders open on every account's venue. */
  listOpenOrders(): Promise<OpenOrder[]>;
  /** Cancels one open order; answers with the orders still open. */
  cancelOrder(input: CancelOrderInput): Promise<OpenOrder[]>;
  /** The journal: one entry per order or transfer, in its latest state. */
  getJournal(query: JournalQuery): Promise<JournalView>;
  /** Every fill as CSV for taxes: time, venue, symbol, side, amount, price, fee, fee currency, plan. */
  exportJournalCsv(): Promise<string>;

  /**
   * Downloads what is missing of each asset's daily closes and funding settlements since the venue
   * began, into the history store; answers when done (`history-download` events meanwhile). Asked
   * again for the same assets while it runs, it joins that download.
   */
  downloadBacktestHistory(input: BacktestHistoryRequest): Promise<BacktestHistoryDownloaded>;
  /** Stops every download under way; what was stored stays. */
  cancelBacktestHistory(): Promise<void>;
  /**
   * Runs the four strategies on the history stored for the assets (daily bars, funding summed per
   * day), from the first day every asset has funding unless `from` says otherwise.
   */
  runBacktest(request: BacktestRequestInput): Promise<BacktestResult>;
  /**
   * Runs the policy of `request` on the same stored history for every pair of the two parameters'
   * values (`backtest-sweep` events after each cell). A newer sweep stops this one.
   */
  runBacktestSweep(input: BacktestSweepRequestInput): Promise<BacktestSweepResult>;
  /** Stops the sweep under way; it answers that it was stopped. */
  cancelBacktestSweep(): Promise<void>;

  listAlerts(): Promise<AlertsView>;
  /**
   * Marks an alert seen; it stays active until its cause goes. An `unhedged` alert acknowledged is an
   * exposure the user dealt with by hand: it clears, and its pair is never traded on Premia's own again.
   */
  acknowledgeAlert(id: string): Promise<AlertsView>;

  /**
   * Every asset the market's venue lists with a perpetual: funding now and its 7, 14 and 30-day
   * averages, the nearest dated basis, the regime, the best carry net of fees and the funding day by
   * day. It changes with every snapshot (no event of its own); `unavailable` while no market runs.
   */
  getCarryScanner(): Promise<CarryScannerView>;
  /** The asset's term structure about 1 and 7 days ago, as recorded (`at` null: not recorded yet). */
  getPastTermStructures(query: TermCurveQuery): Promise<PastTermStructure>;
}

export type ApiMethod = keyof PremiaApi;

const noInput = z.undefined();

export const apiInputSchemas = {
  getAppInfo: noInput,
  getSettings: noInput,
  updateSettings: settingsPatchSchema,
  resetSettings: noInput,
  dismissNotice: z.string().min(1).max(200),
  evaluateQuote: quoteInputSchema,
  getSnapshot: noInput,
  getMarketHealth: noInput,
  retryMarket: noInput,
  setMarketPaused: z.boolean(),
  getHistory: historyQuerySchema,
  getCalibration: calibrationQuerySchema,
  getVaultStatus: noInput,
  createVault: vaultCreateSchema,
  unlockVault: vaultUnlockSchema,
  lockVault: noInput,
  changeVaultPassphrase: vaultChangeSchema,
  resetVault: vaultResetSchema,
  listAccounts: noInput,
  addAccount: newAccountSchema,
  testAccount: accountIdSchema,
  removeAccount: accountIdSchema,
  getPortfolio: noInput,
  syncHoldings: noInput,
  getPortfolioHistory: portfolioHistoryQuerySchema,
  addManualHolding: manualHoldingInputSchema,
  updateManualHolding: manualHoldingUpdateSchema,
  removeManualHolding: z.string().min(1).max(100),
  importManualHoldings: manualHoldingsCsvSchema,
  exportManualHoldings: noInput,
  createPlan: planRequestSchema,
  getPlan: planIdSchema,
  listPlans: noInput,
  executePlan: executePlanSchema,
  getExecution: planIdSchema,
  listOpenOrders: noInput,
  cancelOrder: cancelOrderSchema,
  getJournal: journalQuerySchema,
  exportJournalCsv: noInput,
  downloadBacktestHistory: backtestHistoryRequestSchema,
  cancelBacktestHistory: noInput,
  runBacktest: backtestRequestSchema,
  runBacktestSweep: backtestSweepRequestSchema,
  cancelBacktestSweep: noInput,
  listAlerts: noInput,
  acknowledgeAlert: alertIdSchema,
  getCarryScanner: noInput,
  getPastTermStructures: termCurveQuerySchema,
} satisfies Record<ApiMethod, z.ZodType>;

export const API_METHODS = Object.keys(apiInputSchemas) as ApiMethod[];

export type ApiInput<M extends ApiMethod> = Parameters<PremiaApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<PremiaApi[M]>>;

/** What the renderer holds: the API plus a way to hear events. */
export interface PremiaClient extends PremiaApi {
  onEvent(listener: (event: PremiaEvent) => void): () => void;
}

export const IPC_INVOKE_PREFIX = 'premia:';
export const IPC_EVENT_CHANNEL = 'premia:event';
