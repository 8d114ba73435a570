// For the CLI commands' tests: services a command opens itself over a fake API, and a running
// Premia (a fake API behind a real app link, holding the folder's lock) for it to reach instead.
import { startAppLink } from '../services/app-link';
import { acquireDataLock } from '../services/data-lock';
import { silentLogger } from '../services/logger';
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { fakeApi } from '../shared/fake-api';
import type { MarketSnapshot } from '../shared/market';
import type { LocalServices, OpenServices } from './api-session';

/** For a command that must reach the running Premia and never open services of its own. */
export const refuseToOpen: OpenServices = () => Promise.reject(new Error('services opened'));

/** Services the command opens itself, over `api`, with no market; `state.closed` counts closings. */
export function servicesOver(api: Partial<PremiaApi>, state = { closed: 0 }): OpenServices {
  return async () => ({
    api: fakeApi(api),
    startMarket: async () => undefined,
    waitForMarketSnapshot: () => Promise.reject(new Error('no market in this test')),
    close: async () => void state.closed++,
  });
}

/** Events as services announce them: the test emits, the command listens. */
export interface EventHub {
  emit(event: PremiaEvent): void;
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  /** How many listeners are still listening. */
  listening(): number;
}

export function eventHub(): EventHub {
  const listeners = new Set<(event: PremiaEvent) => void>();
  return {
    emit: (event) => {
      for (const listener of [...listeners]) listener(event);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    listening: () => listeners.size,
  };
}

/**
 * Services the command opens itself over `api`, with a market that answers at once, each step the
 * command takes (opening, starting the market, waiting for quotes, closing) noted in `calls`; what
 * `events` emits is heard by the command when given.
 */
export function servicesNoting(
  api: Partial<PremiaApi>,
  calls: string[],
  events?: EventHub,
): OpenServices {
  return async (request) => {
    calls.push(`open ${request.market ? 'with' : 'without'} market`);
    const services: LocalServices = {
      api: fakeApi(api),
      startMarket: async () => void calls.push('startMarket'),
      waitForMarketSnapshot: async () => {
        calls.push('waitForMarketSnapshot');
        return { at: 1, source: 'demo', offline: false, assets: [] } as MarketSnapshot;
      },
      close: async () => void calls.push('close'),
      ...(events !== undefined ? { onEvent: events.onEvent } : {}),
    };
    return services;
  };
}

/** Runs `run` while a Premia answering with `api` holds `dataDir` and its link. */
export async function againstRunningApp(
  dataDir: string,
  api: Partial<PremiaApi>,
  run: () => Promise<void>,
  /** What the running app's services emit, sent down its link as the app's are. */
  events?: EventHub,
): Promise<void> {
  const lock = await acquireDataLock(dataDir);
  const link = await startAppLink({
    dataDir,
    api: fakeApi(api),
    logger: silentLogger,
    version: '0.0.1',
    onEvent: events?.onEvent,
  });
  try {
    await run();
  } finally {
    await link.close();
    await lock.release();
  }
}
