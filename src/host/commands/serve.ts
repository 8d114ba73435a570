// `premia serve`: the app's services in plain Node, carried to a browser by the local server.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppServices } from '../../services/app-services';
import { defaultDataDir } from '../../services/data-dir';
import { createLogger, logLevelFromEnv } from '../../services/logger';
import { CliError, UsageError } from '../cli-errors';
import { startServer } from '../server';
import { readVersion } from '../project-version';
import { rendererIndexPath } from '../static-files';
import { tokenFromEnv } from '../token';
import type { Command, CommandContext } from './command';
import { parseFlags } from './command';

export const DEFAULT_PORT = 4780;
/** How long the host waits for a page before loading market data anyway. */
export const MARKET_START_WITHOUT_PAGE_MS = 1_000;

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `premia serve: --port must be a whole number from 0 to 65535 (got "${value}")`,
    );
  }
  return port;
}

function listenFailure(error: unknown, port: number): unknown {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') {
    return new CliError(
      `Port ${port} on 127.0.0.1 is already in use: choose another with --port N, or --port 0 for any free port.`,
    );
  }
  if (code === 'EACCES')
    return new CliError(`Not allowed to listen on port ${port}: choose another with --port N.`);
  return error;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the app to a browser on this machine (127.0.0.1 only).',
  usage: 'premia serve [--port N] [--data-dir DIR] [--renderer-dir DIR]',

  async run(args: string[], context: CommandContext): Promise<number> {
    const flags = parseFlags(serveCommand, args, {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    });
    const port = parsePort(flags.port);
    const token = tokenFromEnv(process.env);
    const rendererDir = resolve(
      flags['renderer-dir'] ?? join(context.projectDir, 'out', 'renderer'),
    );
    if (!existsSync(rendererIndexPath(rendererDir))) {
      throw new CliError(
        `The app's pages are not built (${rendererIndexPath(rendererDir)} is missing): run npm run build first, or npm run web, which builds and serves.`,
      );
    }
    const dataDir = resolve(flags['data-dir'] ?? defaultDataDir());
    const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn') });

    logger.debug(`opening the data folder ${dataDir}`);
    // ccxt's import holds this process's only thread, which also serves the page: market data
    // starts once a page has loaded and opened its API socket, or after a short wait when none
    // has, so it is ready before a page opened later asks for it.
    const services = await createAppServices({
      dataDir,
      host: 'web',
      version: readVersion(context.projectDir),
      logger,
      market: { start: 'manual' },
    });
    let marketTimer: NodeJS.Timeout | null = null;
    let marketStarted = false;
    const startMarket = (): void => {
      if (marketStarted) return;
      marketStarted = true;
      if (marketTimer !== null) clearTimeout(marketTimer);
      services.startMarket().catch((error: unknown) => {
        logger.child('host').warn('market data did not start', error);
      });
    };
    let server;
    try {
      server = await startServer({
        services,
        rendererDir,
        port,
        token,
        log: (message, error) => logger.child('host').error(message, error),
        onClientConnected: startMarket,
      });
    } catch (error) {
      await services.close();
      throw listenFailure(error, port);
    }
    if (!marketStarted) {
      marketTimer = setTimeout(startMarket, MARKET_START_WITHOUT_PAGE_MS);
      marketTimer.unref();
    }

    context.stdout(`Premia is serving at ${server.url}`);
    // A signal during start-up has already settled this: the host then stops as soon as it is up,
    // and the services' close copes with the market wherever its own start has got to.
    const signal = await context.untilStopped();
    if (marketTimer !== null) clearTimeout(marketTimer);
    context.stderr(`Premia is stopping (${signal}).`);
    try {
      await server.close();
    } finally {
      await services.close();
    }
    return 0;
  },
};
