import { describe, expect, it } from 'vitest';
import { drive, manualTimers } from './manual-timers';

describe('manualTimers', () => {
  it('fires nothing until the clock is advanced, then each due timer in order', () => {
    const clock = manualTimers(1_000);
    const fired: string[] = [];
    clock.timers.setTimeout(() => fired.push(`b at ${clock.now()}`), 200);
    clock.timers.setTimeout(() => fired.push(`a at ${clock.now()}`), 100);
    clock.timers.setTimeout(() => fired.push('late'), 500);
    expect(clock.waiting()).toEqual([100, 200, 500]);
    clock.advance(250);
    expect(fired).toEqual(['a at 1100', 'b at 1200']);
    expect(clock.now()).toBe(1_250);
    expect(clock.waiting()).toEqual([250]);
  });

  it('never fires a cleared timer', () => {
    const clock = manualTimers();
    let fired = false;
    const handle = clock.timers.setTimeout(() => (fired = true), 10);
    clock.timers.clearTimeout(handle);
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.waiting()).toEqual([]);
  });

  it('tells a waiting test when a timer of the wait it names is set', async () => {
    const clock = manualTimers();
    let heard = false;
    const seen = clock.whenWaiting(150).then(() => (heard = true));
    clock.timers.setTimeout(() => undefined, 100);
    await Promise.resolve();
    expect(heard).toBe(false);
    clock.timers.setTimeout(() => undefined, 150);
    await seen;
    expect(heard).toBe(true);
    await expect(clock.whenWaiting(100)).resolves.toBeUndefined();
  });
});

describe('drive', () => {
  it('fires each timer as soon as it is set, a chain of them included, until the outcome settles', async () => {
    const clock = manualTimers(0);
    const steps: number[] = [];
    // Three waits, each set only once the one before has fired, then an hour nobody needs.
    const outcome = new Promise<string>((resolve) => {
      const step = (n: number) => {
        steps.push(clock.now());
        if (n === 3) resolve('done');
        else clock.timers.setTimeout(() => step(n + 1), 1_000 * (n + 1));
      };
      clock.timers.setTimeout(() => step(1), 500);
    });
    clock.timers.setTimeout(() => steps.push(-1), 3_600_000);
    await expect(drive(clock, outcome)).resolves.toBe('done');
    expect(steps).toEqual([500, 2_500, 5_500]);
    expect(clock.waiting()).toEqual([3_600_000 - 5_500]);
  });

  it('hands back the failure of an outcome that fails', async () => {
    const clock = manualTimers(0);
    const outcome = new Promise((_, reject) => {
      clock.timers.setTimeout(() => reject(new Error('gave up')), 100);
    });
    await expect(drive(clock, outcome)).rejects.toThrow('gave up');
  });
});
