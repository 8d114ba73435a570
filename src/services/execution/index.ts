// The execution journal: every order and transfer state change, written before it is acted on.
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
