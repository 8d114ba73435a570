// The desktop app's services process: started by Electron's main process as a utilityProcess, so
// polling, ccxt, the history store and the demo market never hold the window's event loop. Node's
// child_process.fork can start it too (tests and the bench), speaking the same messages over
// Node's IPC channel. src/services has no Electron: the parent port is typed here, narrowly.
import { createAppServices } from './app-services';
import { createLogger, logLevelFromEnv } from './logger';
import type { MainChannel } from './services-process';
import { serveServices } from './services-process';
import { keyKeeperFor } from './vault';
import { mainNotifier } from './alerts';

/** The part of Electron's `process.parentPort` this process uses. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function parentPortChannel(port: ParentPort): MainChannel {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', (event) => listener(event.data)),
  };
}

function nodeIpcChannel(send: (message: unknown) => boolean): MainChannel {
  return {
    post: (message) => void send(message),
    onMessage: (listener) => void process.on('message', (message) => listener(message)),
  };
}

const logger = createLogger({ level: logLevelFromEnv(process.env, 'warn'), scope: 'services' });
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
const send = process.send?.bind(process);

if (parentPort === undefined && send === undefined) {
  process.stderr.write(
    "This is Premia's services process: the desktop app starts it. Run `npm start`, or `npm run web`.\n",
  );
  process.exit(2);
}

const served = serveServices({
  channel: parentPort ? parentPortChannel(parentPort) : nodeIpcChannel(send!),
  logger,
  open: (params, askMain) =>
    createAppServices({
      dataDir: params.dataDir,
      host: 'electron',
      version: params.version,
      logger,
      market: { start: params.market ?? 'auto' },
      keyKeeper: keyKeeperFor({ host: 'desktop', dataDir: params.dataDir, askMain }),
      notifier: mainNotifier(askMain),
    }),
});

// Under Node, a parent that goes away closes the channel: close as main would have asked, then end.
// (Electron ends a utility process together with its app.)
if (parentPort === undefined) {
  process.once('disconnect', () => {
    served
      .close()
      .catch((error: unknown) => logger.error('the services did not close cleanly', error))
      .finally(() => process.exit(0));
  });
}
