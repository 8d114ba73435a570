// Runs asynchronous tasks one after another, in the order they were queued: each starts once the one
// before has settled, whether it succeeded or failed, so two writes to one file never interleave.
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();
  readonly #onFailure: (error: unknown) => void;

  /** `onFailure` hears each task's failure besides its caller (for a log); by default nothing does. */
  constructor(onFailure: (error: unknown) => void = () => undefined) {
    this.#onFailure = onFailure;
  }

  /** Queues `task`; the answer is the task's own, failure included. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.then(
      () => undefined,
      (error: unknown) => this.#onFailure(error),
    );
    return run;
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
