// A page with unsaved edits (the Strategy form) refuses to unload. A browser then asks the user;
// Electron does not: it cancels the close, the reload or the quit without a word. This asks instead.
import type { MessageBoxSyncOptions } from 'electron';

/** What the guard needs of a window's web contents. */
export interface UnloadGuarded {
  on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown;
}

const STAY = 0;
const LEAVE = 1;

export const LEAVE_PROMPT: MessageBoxSyncOptions = {
  type: 'question',
  buttons: ['Stay', 'Leave without saving'],
  defaultId: STAY,
  cancelId: STAY,
  title: 'Unsaved changes',
  message: 'Your Strategy settings have changes that are not saved.',
  detail: 'Stay to save them first, or leave and lose them.',
};

/**
 * Asks with `ask` (which shows `LEAVE_PROMPT` and gives the index of the button chosen) whenever the
 * page refuses to unload; leaving lets the close, reload or quit go on, staying keeps the page.
 */
export function guardUnload(
  contents: UnloadGuarded,
  ask: (prompt: MessageBoxSyncOptions) => number,
): void {
  contents.on('will-prevent-unload', (event) => {
    if (ask(LEAVE_PROMPT) === LEAVE) event.preventDefault();
  });
}
