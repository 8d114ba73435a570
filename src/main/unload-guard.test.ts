import { describe, expect, it, vi } from 'vitest';
import { guardUnload, LEAVE_PROMPT, type UnloadGuarded } from './unload-guard';

function contentsRefusingUnload() {
  let listener: ((event: { preventDefault(): void }) => void) | null = null;
  const contents: UnloadGuarded = {
    on: (_event, next) => {
      listener = next;
    },
  };
  /** The page refuses an unload; true when the unload goes on after all. */
  const refuseUnload = (): boolean => {
    const event = { preventDefault: vi.fn() };
    listener?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, refuseUnload };
}

describe('guardUnload', () => {
  it('lets the close go on when the user chooses to leave without saving', () => {
    const { contents, refuseUnload } = contentsRefusingUnload();
    const ask = vi.fn(() => LEAVE_PROMPT.buttons!.indexOf('Leave without saving'));
    guardUnload(contents, ask);
    expect(refuseUnload()).toBe(true);
    expect(ask).toHaveBeenCalledWith(LEAVE_PROMPT);
  });

  it('keeps the page, edits and all, when the user stays or dismisses the question', () => {
    const { contents, refuseUnload } = contentsRefusingUnload();
    guardUnload(contents, () => LEAVE_PROMPT.cancelId!);
    expect(refuseUnload()).toBe(false);
    expect(LEAVE_PROMPT.buttons![LEAVE_PROMPT.cancelId!]).toBe('Stay');
    expect(LEAVE_PROMPT.defaultId).toBe(LEAVE_PROMPT.cancelId);
  });
});
