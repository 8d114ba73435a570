import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleWithin } from './settle-within';

afterEach(() => {
  vi.useRealTimers();
});

describe('settleWithin', () => {
  it('says true as soon as the work is done, without waiting out the limit', async () => {
    vi.useFakeTimers();
    const settled = settleWithin(Promise.resolve('done'), 60_000);
    await expect(settled).resolves.toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says true for work that failed in time, and does not pass the failure on', async () => {
    await expect(settleWithin(Promise.reject(new Error('refused')), 1_000)).resolves.toBe(true);
  });

  it('says false once the limit passes with the work still running', async () => {
    vi.useFakeTimers();
    let finished = false;
    const settled = settleWithin(new Promise(() => undefined), 2_000).then((inTime) => {
      finished = true;
      return inTime;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(finished).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(settled).resolves.toBe(false);
  });
});
