// What the user is told when the services process does not end as it should: it stops while the app
// runs, or quitting could not wait for it to close its stores. Decided apart from Electron.
import type { ServicesStop } from './services-client';

export interface UserMessage {
  title: string;
  message: string;
}

/** Settings are written before a change is confirmed; history files repair a torn end on opening. */
const WHAT_IS_KEPT =
  'Saved settings are kept. Market history recorded in the last moments may be missing; Premia checks and repairs its history files when it next starts.';

/** Null when the services closed cleanly; otherwise what went wrong, in words for people. */
export function describeServicesStop(stop: ServicesStop): UserMessage | null {
  const title = 'Premia did not close cleanly';
  switch (stop.kind) {
    case 'closed':
      return null;
    case 'timed-out':
      return {
        title,
        message: `Premia's background services did not finish saving within ${Math.round(stop.afterMs / 1000)} seconds, so they were stopped. ${WHAT_IS_KEPT}`,
      };
    case 'exited':
      return {
        title,
        message: `Premia's background services stopped (exit code ${stop.code}) before they finished saving. ${WHAT_IS_KEPT}`,
      };
    case 'failed':
      return {
        title,
        message: `Premia's background services could not close cleanly: ${stop.error.message} ${WHAT_IS_KEPT}`,
      };
  }
}

export const RESTART_BUTTONS = ['Restart Premia', 'Quit'] as const;

/** Told when the services process ends while the app runs: nothing works without it. */
export function describeServicesCrash(code: number): UserMessage {
  return {
    title: "Premia's services stopped",
    message: `Premia's background services stopped unexpectedly (exit code ${code}), so prices, history and settings cannot be reached. Restart Premia to continue; the log has the details.`,
  };
}
