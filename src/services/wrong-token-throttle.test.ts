import { describe, expect, it } from 'vitest';
import { WrongTokenThrottle } from './wrong-token-throttle';

describe('WrongTokenThrottle', () => {
  it('lets a burst of wrong tokens through, then says how long the next try must wait', () => {
    let now = 0;
    const throttle = new WrongTokenThrottle(2, 1_000, () => now);
    throttle.wrongToken();
    expect(throttle.waitMs()).toBe(0);
    throttle.wrongToken();
    expect(throttle.waitMs()).toBe(1_000);
    now += 400;
    expect(throttle.waitMs()).toBe(600);
    now += 600;
    expect(throttle.waitMs()).toBe(0);
  });

  it('never holds more than the burst, however long it waits, nor gains from a clock set back', () => {
    let now = 10_000;
    const throttle = new WrongTokenThrottle(2, 1_000, () => now);
    now += 3_600_000;
    throttle.wrongToken();
    throttle.wrongToken();
    expect(throttle.waitMs()).toBe(1_000);
    now -= 5_000;
    expect(throttle.waitMs()).toBe(1_000);
    now += 1_000;
    expect(throttle.waitMs()).toBe(0);
  });
});
