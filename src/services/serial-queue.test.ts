import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

/** A promise the test settles by hand. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('SerialQueue', () => {
  it('starts each task only once the one before has settled, in the order they were queued', async () => {
    const queue = new SerialQueue();
    const first = gate();
    const log: string[] = [];
    const a = queue.run(async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
      return 'a';
    });
    const b = queue.run(async () => {
      log.push('b starts');
      return 'b';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    expect(await a).toBe('a');
    expect(await b).toBe('b');
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it("gives a failed task's error to its caller and still runs the next task", async () => {
    const heard: unknown[] = [];
    const queue = new SerialQueue((error) => heard.push(error));
    const broken = new Error('disk full');
    const failed = queue.run(async () => {
      throw broken;
    });
    const next = queue.run(async () => 'next');
    await expect(failed).rejects.toBe(broken);
    expect(await next).toBe('next');
    expect(heard).toEqual([broken]);
  });

  it('treats a task that throws before it awaits like one that fails', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => {
      throw new RangeError('bad key');
    });
    await expect(failed).rejects.toThrow('bad key');
    expect(await queue.run(async () => 1)).toBe(1);
  });

  it('says when everything queued so far has settled, failures included', async () => {
    const queue = new SerialQueue();
    const held = gate();
    let done = false;
    void queue.run(() => held.promise);
    void queue
      .run(async () => {
        throw new Error('refused');
      })
      .catch(() => undefined);
    const idle = queue.idle().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    held.open();
    await idle;
    expect(done).toBe(true);
  });
});
