// The services' side of the desktop app's services process: opens the app services when main asks,
// answers the API with the same dispatch the headless host uses, sends every event to main, closes
// the stores and releases the data folder when main asks, and asks main for what only it can do.
import type { PremiaApi, PremiaEvent } from '../shared/api';
import { PremiaError, invalidInput, toErrorPayload } from '../shared/errors';
import type { RpcReply, RpcRequest } from '../shared/rpc';
import { RPC_ERRORS, rpcFailure } from '../shared/rpc';
import { answerRpcRequest } from '../shared/rpc-answer';
import { createRpcPeer } from '../shared/rpc-peer';
import type {
  MainMethod,
  MainParams,
  MainResult,
  ServicesOpenParams,
} from '../shared/services-protocol';
import {
  EVENT_NOTIFICATION,
  SERVICES_CLOSE,
  SERVICES_OPEN,
  mainMethodName,
  mainRequestSchemas,
  servicesOpenSchema,
} from '../shared/services-protocol';
import type { Logger } from './logger';

/** The channel to main: Electron's parentPort, or Node's IPC channel in tests and the bench. */
export interface MainChannel {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The parts of the app services this process carries. */
export interface RunningServices {
  api: PremiaApi;
  onEvent(listener: (event: PremiaEvent) => void): () => void;
  close(): Promise<void>;
}

/** Opens the services; `askMain` reaches what only main can do (safeStorage for the key vault). */
export type OpenServices = (
  params: ServicesOpenParams,
  askMain: AskMain,
) => Promise<RunningServices>;

/** Asks main for something only it can do; the answer is checked against the method's schema. */
export type AskMain = <M extends MainMethod>(
  method: M,
  ...params: MainParams<M> extends undefined ? [] : [MainParams<M>]
) => Promise<MainResult<M>>;

export interface ServicesProcess {
  readonly askMain: AskMain;
  /** Closes the services as main's request would (main is gone); safe to call more than once. */
  close(): Promise<void>;
}

export interface ServicesProcessOptions {
  channel: MainChannel;
  open: OpenServices;
  logger: Logger;
}

const NOT_OPEN = new PremiaError('unavailable', 'Premia is still starting; try again in a moment.');
const NOT_STARTED = new PremiaError(
  'unavailable',
  "Premia's services could not start; restart Premia, and see the log if this persists.",
);
const SHUTTING_DOWN = new PremiaError('unavailable', 'Premia is shutting down.');

function refuse(request: RpcRequest, error: PremiaError): RpcReply {
  return rpcFailure(request.id, RPC_ERRORS.app, error.message, error.toPayload());
}

export function serveServices(options: ServicesProcessOptions): ServicesProcess {
  const { logger } = options;
  let opening: Promise<RunningServices> | null = null;
  let closing: Promise<void> | null = null;
  let stopEvents: () => void = () => undefined;

  const log = (message: string, detail?: unknown) => logger.error(message, detail);

  const open = async (params: unknown): Promise<null> => {
    const parsed = servicesOpenSchema.safeParse(params);
    if (!parsed.success) throw invalidInput(parsed.error, SERVICES_OPEN);
    if (opening !== null || closing !== null) {
      throw new PremiaError('invalid-input', 'The services have already been opened.');
    }
    opening = options.open(parsed.data, askMain);
    const services = await opening;
    // Main may have asked to close while the services opened: then no event is wanted.
    if (closing !== null) return null;
    stopEvents = services.onEvent((event) => peer.notify(EVENT_NOTIFICATION, event));
    askMain('safeStorageStatus').then(
      (status) => logger.debug('how exchange keys could be encrypted at rest:', status),
      (error: unknown) => logger.debug('main did not say how keys could be stored', error),
    );
    return null;
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopEvents();
      const services = await opening?.catch(() => null);
      await services?.close();
    })();
    return closing;
  };

  /** Runs a control request, answering its PremiaError as it is and anything else as internal. */
  const control = async (request: RpcRequest, run: () => Promise<null>): Promise<RpcReply> => {
    try {
      return { jsonrpc: '2.0', id: request.id, result: await run() };
    } catch (error) {
      if (!(error instanceof PremiaError)) logger.error(`${request.method} failed`, error);
      const payload = toErrorPayload(error);
      return rpcFailure(request.id, RPC_ERRORS.app, payload.message, payload);
    }
  };

  const answer = async (request: RpcRequest): Promise<RpcReply> => {
    if (request.method === SERVICES_OPEN) return control(request, () => open(request.params));
    if (request.method === SERVICES_CLOSE) return control(request, () => close().then(() => null));
    if (closing !== null) return refuse(request, SHUTTING_DOWN);
    if (opening === null) return refuse(request, NOT_OPEN);
    // A call that comes while the services open waits for them.
    const services = await opening.catch(() => null);
    if (services === null) return refuse(request, NOT_STARTED);
    return answerRpcRequest(services.api, request, { log });
  };

  const peer = createRpcPeer({
    post: (message) => options.channel.post(message),
    answer,
    notified: (method) => logger.warn(`an unknown notification from main was ignored: ${method}`),
    log: (message, detail) => logger.warn(message, detail),
  });
  options.channel.onMessage((message) => peer.receive(message));

  const askMain = (async (method: MainMethod, params?: unknown) => {
    const result = await peer.request(mainMethodName(method), params);
    return mainRequestSchemas[method].result.parse(result);
  }) as AskMain;

  return { askMain, close };
}
