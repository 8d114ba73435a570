import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/api';
import type { NoticesAction } from './use-app-info';
import { mergeNotices, NO_NOTICES, noticesReducer, shownNotices } from './use-app-info';

const notice = (id: string, at: number): Notice => ({ id, level: 'info', message: id, at });

describe('mergeNotices', () => {
  it('adds new notices in time order', () => {
    const merged = mergeNotices([notice('b', 2)], [notice('a', 1), notice('c', 3)]);
    expect(merged.map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });

  it('shows a notice heard twice only once', () => {
    const current = [notice('a', 1)];
    expect(mergeNotices(current, [notice('a', 1)])).toBe(current);
  });
});

describe('noticesReducer', () => {
  const apply = (...actions: NoticesAction[]) => actions.reduce(noticesReducer, NO_NOTICES);

  it('shows the listed notices and those pushed since, in time order', () => {
    const state = apply(
      { type: 'listed', notices: [notice('b', 2)] },
      { type: 'pushed', notice: notice('c', 3) },
      { type: 'pushed', notice: notice('a', 1) },
    );
    expect(shownNotices(state).map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });

  it('drops a notice dismissed here or announced as dismissed by the host', () => {
    const state = apply(
      { type: 'listed', notices: [notice('a', 1), notice('b', 2)] },
      { type: 'pushed', notice: notice('c', 3) },
      { type: 'dismissed', id: 'a' },
      { type: 'dismissed', id: 'c' },
    );
    expect(shownNotices(state).map((n) => n.id)).toEqual(['b']);
  });

  it('takes a list read again after a reconnect as the whole truth, forgetting what was pushed before it', () => {
    const state = apply(
      { type: 'listed', notices: [notice('a', 1)] },
      { type: 'pushed', notice: notice('gone-meanwhile', 2) },
      { type: 'listed', notices: [notice('a', 1), notice('new', 3)] },
    );
    expect(shownNotices(state).map((n) => n.id)).toEqual(['a', 'new']);
  });

  it('keeps a notice dismissed here hidden even if a later list still has it', () => {
    const state = apply(
      { type: 'listed', notices: [notice('a', 1)] },
      { type: 'dismissed', id: 'a' },
      { type: 'listed', notices: [notice('a', 1)] },
    );
    expect(shownNotices(state)).toEqual([]);
  });
});
