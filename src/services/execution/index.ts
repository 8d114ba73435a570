// Execution: the service that carries plans out, the journal of every order and transfer state change
// (written before it is acted on), and following one journaled order to its end.
export { journalCsv, JOURNAL_CSV_HEADER } from './journal-csv';
export {
  JOURNAL_FILE,
  JournalError,
  openJournal,
  type AppendResult,
  type Journal,
  type JournalOptions,
} from './journal';
export {
  FINAL_STATUSES,
  isFinal,
  JOURNAL_STATUSES,
  type JournalChange,
  type JournalEntry,
  type JournalRecord,
  type JournalStatus,
} from './journal-record';
export {
  createExecutionService,
  type ExecutionService,
  type ExecutionServiceOptions,
} from './execution-service';
export type { ExecutionGateway } from './execution-gateway';
export {
  followOrder,
  settleJournaledOrder,
  type Followed,
  type FollowOptions,
} from './order-follow';
export { unhedgedCauseKey } from './exposures';
export { DEFAULT_IN_FLIGHT_MS, type ReconcileReport } from './reconcile';
export {
  HANDLED_EXPOSURES_FILE,
  openHandledExposures,
  type HandledExposures,
} from './handled-exposures';
