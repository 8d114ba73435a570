// How the CLI hears that it should stop: the first SIGINT or SIGTERM asks for an orderly stop, a later
// one ends the process at once. `process-signals.ts` puts this on the real process.

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * One signal often arrives more than once: sent to the whole process group (Ctrl-C in a terminal, a
 * service manager stopping a control group), it reaches the host and its wrappers (npm, tsx), and
 * tsx passes it on again when the host has not told it within 30 ms that it got it (a busy event loop:
 * ccxt loading, markets being parsed). Repeats within this long of the first are that echo.
 */
export const ECHO_WINDOW_MS = 1_000;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StopSignalOptions {
  /** Ends the process at once: a second signal means the user will not wait. */
  exit: (code: number) => void;
  /** One line for the user. */
  say: (line: string) => void;
  now?: () => number;
  echoWindowMs?: number;
}

/**
 * Resolves at the first SIGINT or SIGTERM. A later one, past the echo window, ends the process at once
 * with exit code 1.
 */
export function listenForStop(
  source: SignalSource,
  options: StopSignalOptions,
): Promise<NodeJS.Signals> {
  const now = options.now ?? Date.now;
  const echoWindowMs = options.echoWindowMs ?? ECHO_WINDOW_MS;
  let firstAt: number | null = null;
  return new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (firstAt === null) {
        firstAt = now();
        resolve(signal);
        return;
      }
      if (now() - firstAt < echoWindowMs) return;
      options.say('Premia is stopping now.');
      options.exit(1);
    };
    for (const signal of STOP_SIGNALS) source.on(signal, onSignal);
  });
}
