import { describe, expect, it, vi } from 'vitest';
import { NoticeBoard } from './notices';

describe('NoticeBoard', () => {
  it('gives every notice its own id and lists them oldest first', () => {
    const board = new NoticeBoard();
    const a = board.add({ level: 'warning', message: 'first', at: 1 });
    const b = board.add({ level: 'info', message: 'second', at: 2 });
    expect(a.id).not.toBe(b.id);
    expect(board.list()).toEqual([a, b]);
  });

  it('removes a dismissed notice and reports whether it existed', () => {
    const board = new NoticeBoard();
    const a = board.add({ level: 'warning', message: 'first', at: 1 });
    const b = board.add({ level: 'error', message: 'second', at: 2 });
    expect(board.dismiss(a.id)).toBe(true);
    expect(board.list()).toEqual([b]);
    expect(board.dismiss(a.id)).toBe(false);
    expect(board.list()).toEqual([b]);
  });

  it('hands out copies, so changing a listed notice changes nothing on the board', () => {
    const board = new NoticeBoard();
    board.add({ level: 'info', message: 'original', at: 1 });
    const listed = board.list();
    listed[0]!.message = 'changed';
    listed.pop();
    expect(board.list()).toHaveLength(1);
    expect(board.list()[0]!.message).toBe('original');
  });

  it('tells listeners about additions and dismissals until they unsubscribe', () => {
    const board = new NoticeBoard();
    const listener = vi.fn();
    const stop = board.subscribe(listener);
    const a = board.add({ level: 'info', message: 'hello', at: 5 });
    board.dismiss(a.id);
    stop();
    board.add({ level: 'info', message: 'unheard', at: 6 });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenNthCalledWith(1, { kind: 'added', notice: a }, [a]);
    expect(listener).toHaveBeenNthCalledWith(2, { kind: 'dismissed', notice: a }, []);
  });

  it('still tells later listeners when an earlier one throws, then rethrows that failure', () => {
    const board = new NoticeBoard();
    const later = vi.fn();
    board.subscribe(() => {
      throw new Error('listener broke');
    });
    board.subscribe(later);
    expect(() => board.add({ level: 'info', message: 'x', at: 1 })).toThrow('listener broke');
    expect(later).toHaveBeenCalledTimes(1);
    expect(board.list()).toHaveLength(1);
  });
});
