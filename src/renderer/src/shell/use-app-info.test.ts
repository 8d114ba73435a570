import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/api';
import { mergeNotices } from './use-app-info';

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
