// For tests: a services process and its parent joined in memory, and services that answer what a
// test gives them. Each message is cloned, as crossing
// processes would, and delivered on a later microtask; the "process" can exit or be killed.
import { vi } from 'vitest';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { fakeApi } from '../shared/fake-api';
import type { MainChannel, RunningServices } from './services-process';

type Listener = (message: unknown) => void;
type ExitListener = (code: number) => void;

export interface LinkedProcess {
  /** Main's view: shaped like Electron's UtilityProcess. */
  child: {
    postMessage(message: unknown): void;
    on(event: 'message', listener: Listener): unknown;
    on(event: 'exit', listener: ExitListener): unknown;
    kill(): boolean;
  };
  /** The services' view: what process.parentPort gives the entry. */
  channel: MainChannel;
  /** Every message main sent and every message the services sent, in order. */
  readonly toServices: unknown[];
  readonly toMain: unknown[];
  /** Ends the process as a crash would. */
  exit(code: number): void;
  readonly killed: boolean;
}

/** What `kill()` reports as the exit code: SIGTERM's, as on POSIX. */
export const KILLED_EXIT_CODE = 143;

export function linkedProcess(): LinkedProcess {
  const servicesListeners = new Set<Listener>();
  const mainListeners = new Set<Listener>();
  const exitListeners = new Set<ExitListener>();
  const toServices: unknown[] = [];
  const toMain: unknown[] = [];
  let alive = true;
  let killed = false;

  const deliver = (listeners: Set<Listener>, message: unknown): void => {
    const copy = structuredClone(message);
    queueMicrotask(() => {
      if (alive) for (const listener of [...listeners]) listener(copy);
    });
  };

  const exit = (code: number): void => {
    if (!alive) return;
    alive = false;
    queueMicrotask(() => {
      for (const listener of [...exitListeners]) listener(code);
    });
  };

  return {
    child: {
      postMessage(message) {
        if (!alive) throw new Error('the services process has exited');
        toServices.push(message);
        deliver(servicesListeners, message);
      },
      on(event: 'message' | 'exit', listener: Listener | ExitListener) {
        if (event === 'message') mainListeners.add(listener as Listener);
        else exitListeners.add(listener as ExitListener);
        return undefined;
      },
      kill() {
        killed = true;
        exit(KILLED_EXIT_CODE);
        return true;
      },
    },
    channel: {
      post(message) {
        if (!alive) return;
        toMain.push(message);
        deliver(mainListeners, message);
      },
      onMessage(listener) {
        servicesListeners.add(listener);
      },
    },
    toServices,
    toMain,
    exit,
    get killed() {
      return killed;
    },
  };
}

/** Lets every message already posted be delivered and answered. */
export function delivered(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Running services on `api`, whose events the test emits and whose close it watches. */
export function fakeServices(api: PremiaApi = fakeApi()) {
  const listeners = new Set<(event: PremiaEvent) => void>();
  const close = vi.fn(async (): Promise<void> => undefined);
  const services: RunningServices = {
    api,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close,
  };
  return { services, close, emit: (event: PremiaEvent) => listeners.forEach((l) => l(event)) };
}
