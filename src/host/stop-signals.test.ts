import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ECHO_WINDOW_MS, listenForStop } from './stop-signals';

/** A process stand-in: signals are raised by hand, at times the test sets. */
function fakeProcess() {
  const emitter = new EventEmitter();
  let clock = 0;
  const exits: number[] = [];
  const said: string[] = [];
  const stopped = listenForStop(
    { on: (signal, listener) => emitter.on(signal, listener) },
    {
      exit: (code) => void exits.push(code),
      say: (line) => void said.push(line),
      now: () => clock,
    },
  );
  return {
    stopped,
    exits,
    said,
    raise(signal: NodeJS.Signals, atMs: number) {
      clock = atMs;
      emitter.emit(signal, signal);
    },
  };
}

describe('listenForStop', () => {
  it('answers the first signal with the name of the signal', async () => {
    const proc = fakeProcess();
    proc.raise('SIGINT', 0);
    await expect(proc.stopped).resolves.toBe('SIGINT');
    expect(proc.exits).toEqual([]);
  });

  it('takes the same stop delivered again by a wrapper or the process group as one stop', async () => {
    const proc = fakeProcess();
    proc.raise('SIGTERM', 0);
    // tsx relays the signal 30 ms later when the host was too busy to tell it that it got it.
    proc.raise('SIGTERM', 35);
    proc.raise('SIGINT', ECHO_WINDOW_MS - 1);
    await expect(proc.stopped).resolves.toBe('SIGTERM');
    expect(proc.exits).toEqual([]);
    expect(proc.said).toEqual([]);
  });

  it('ends the process with exit code 1 at a second signal once the first has had its moment', () => {
    const proc = fakeProcess();
    proc.raise('SIGINT', 0);
    proc.raise('SIGINT', ECHO_WINDOW_MS);
    expect(proc.said).toEqual(['Premia is stopping now.']);
    expect(proc.exits).toEqual([1]);
  });
});
