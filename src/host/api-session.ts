// How a CLI command reaches the app: through the running Premia's app link when one holds the data
// folder, so the command and the app share one truth, or by opening the services itself when none
// does, and closing them after.
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { PremiaError } from '../shared/errors';
import type { MarketSnapshot } from '../shared/market';
import type { MarketOptions } from '../services/app-services';
import { createAppServices } from '../services/app-services';
import { connectAppLink } from '../services/app-link-client';
import { dataLockHolder } from '../services/data-lock';
import { createLogger, logLevelFromEnv } from '../services/logger';
import { CliError } from './cli-errors';

/** The services a command opens itself, as far as the commands use them. */
export interface LocalServices {
  api: PremiaApi;
  startMarket(): Promise<void>;
  waitForMarketSnapshot(timeoutMs: number): Promise<MarketSnapshot>;
  /**
   * Hears what the services announce (an execution moving on, say); returns the function that stops
   * listening. The app link carries no events, so only services opened here can be heard.
   */
  onEvent?(listener: (event: PremiaEvent) => void): () => void;
  close(): Promise<void>;
}

export interface OpenServicesRequest {
  dataDir: string;
  version: string;
  /** Whether the command reads market data (prices); when not, the market stays off. */
  market: boolean;
}

export type OpenServices = (request: OpenServicesRequest) => Promise<LocalServices>;

export type ApiSession =
  | {
      via: 'link';
      api: PremiaApi;
      onEvent(listener: (event: PremiaEvent) => void): () => void;
      close(): Promise<void>;
    }
  | { via: 'services'; api: PremiaApi; services: LocalServices; close(): Promise<void> };

export interface AppServicesOpenerOptions {
  /** Market settings for tests (gateway timeouts, say). */
  market?: MarketOptions;
  env?: Record<string, string | undefined>;
}

/** Opens the app's own services: what a command runs on when no Premia holds the folder. */
export function appServicesOpener(options: AppServicesOpenerOptions = {}): OpenServices {
  return ({ dataDir, version, market }) =>
    createAppServices({
      dataDir,
      host: 'web',
      version,
      logger: createLogger({ level: logLevelFromEnv(process.env, 'warn') }),
      env: options.env,
      // A command reads one cycle at most: no history is fetched for it.
      market: market
        ? { backfill: false, ...options.market, start: 'manual' }
        : { ...options.market, start: 'off' },
    });
}

export interface SessionOptions {
  /** The command's name, which its errors start with. */
  command: string;
  dataDir: string;
  version: string;
  market: boolean;
  open: OpenServices;
}

/** The API of the Premia holding `dataDir`, or of services opened here when none holds it. */
export async function openApiSession(options: SessionOptions): Promise<ApiSession> {
  const fail = (error: unknown): never => {
    if (error instanceof PremiaError)
      throw new CliError(`premia ${options.command}: ${error.message}`);
    throw error;
  };
  const holder = await dataLockHolder(options.dataDir);
  if (holder !== null) {
    const link = await connectAppLink(options.dataDir, { holderPid: holder.pid }).catch(fail);
    return {
      via: 'link',
      api: link.api,
      onEvent: (listener) => link.onEvent(listener),
      close: () => link.close(),
    };
  }
  const services = await options
    .open({ dataDir: options.dataDir, version: options.version, market: options.market })
    .catch(fail);
  return { via: 'services', api: services.api, services, close: () => services.close() };
}

/** The first snapshot of services opened here, or a CliError saying why there is none. */
export async function firstSnapshot(
  command: string,
  services: LocalServices,
  timeoutMs: number,
): Promise<MarketSnapshot> {
  const first = services.waitForMarketSnapshot(timeoutMs);
  // Whatever happens to the start, the wait is the one answer awaited.
  first.catch(() => undefined);
  try {
    await services.startMarket();
    return await first;
  } catch (error) {
    if (!(error instanceof PremiaError)) throw error;
    const { notices } = await services.api.getAppInfo();
    const why = notices.filter((n) => n.level === 'error').map((n) => ` ${n.message}`);
    throw new CliError(`premia ${command}: ${error.message}${why.join('')}`);
  }
}
