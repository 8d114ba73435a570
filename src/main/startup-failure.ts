// What the desktop app says when it cannot start, decided apart from Electron: the error box's words,
// the exit code, and whether the log needs the error's details.
import { PremiaError, toErrorPayload } from '../shared/errors';

export interface StartupFailure {
  title: string;
  message: string;
  exitCode: number;
  /**
   * A refusal the user can act on (another Premia holds the data folder): logged as one line. Anything
   * else is a fault, logged with its details for a bug report.
   */
  expected: boolean;
}

/** The parts of Electron a failed start touches. */
export interface StartupFailureShell {
  showErrorBox(title: string, message: string): void;
  exit(code: number): void;
}

export interface StartupFailureLog {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const STARTUP_FAILURE_EXIT_CODE = 1;

export function describeStartupFailure(error: unknown): StartupFailure {
  // At start-up the one thing that is `unavailable` is the data folder: its lock is held by another
  // Premia (most often `premia serve`; a second desktop window is stopped earlier by Electron's own
  // single-instance lock). Its message names the process and the lock file; it is shown as it is.
  if (error instanceof PremiaError && error.code === 'unavailable') {
    return {
      title: 'Premia is already running',
      message: error.message,
      exitCode: STARTUP_FAILURE_EXIT_CODE,
      expected: true,
    };
  }
  return {
    title: 'Premia could not start',
    // A PremiaError's message is written for people; anything else is replaced by a pointer to the log.
    message: toErrorPayload(error).message,
    exitCode: STARTUP_FAILURE_EXIT_CODE,
    expected: false,
  };
}

/** Logs the failure, shows it in an error box (there is no window to show it in), then quits. */
export function reportStartupFailure(
  error: unknown,
  shell: StartupFailureShell,
  log: StartupFailureLog,
): void {
  const failure = describeStartupFailure(error);
  if (failure.expected) log.warn(`Premia did not start: ${failure.message}`);
  else log.error('Premia could not start', error);
  try {
    shell.showErrorBox(failure.title, failure.message);
  } finally {
    // Quit even if the box could not be shown: a Premia without its services must not linger.
    shell.exit(failure.exitCode);
  }
}
