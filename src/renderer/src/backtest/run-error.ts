// A failed download or backtest in words the user can act on.
import { shownError } from '../ui/shown-error';

/** The message to show; a backtest without stored history says to download it first. */
export function backtestErrorText(error: unknown): string {
  const shown = shownError(error);
  if (shown.code === 'not-found') {
    return `${shown.message} Use “Download history” above, then run the backtest again.`;
  }
  return shown.message;
}
