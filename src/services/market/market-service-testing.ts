// For the market service's tests: a fresh data folder per test, settings refreshing every 40 ms that a
// test may change, the events the service emitted, a connector reading the demo market and "live"
// binance from simulators the test file runs, and services opened on all that, closed after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { defaultSettings } from '../../core';
import type { PremiaEvent } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { createExchangeGateway } from '../gateway';
import { NoticeBoard } from '../notices';
import type { ConnectMarket, MarketConnection } from './market-run';
import type { MarketServiceOptions, OpenedMarketService } from './market-service';
import { createMarketService } from './market-service';

/** Where the markets of a test file answer: the demo market, and the one standing in for a venue. */
export interface MarketUrls {
  demo: string;
  live?: string;
}

export interface MarketFixture {
  /** The data folder of the test running. */
  readonly dir: string;
  /** What the services read as their settings; a test may set others. */
  settings: Settings;
  /** Every event the services opened by `open` emitted, in order. */
  readonly events: PremiaEvent[];
  /** The labels of the connections closed, in order. */
  readonly closedConnections: string[];
  /** Demo mode reads the demo URL; "live" binance reads the live one, standing in for the venue. */
  readonly connect: ConnectMarket;
  /** Opens the service (backfill off unless asked), closed after the test. */
  open(extra?: Partial<MarketServiceOptions>): Promise<OpenedMarketService>;
}

/** One turn of the event loop: what is ready to run has run. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A gateway on `url` for a connection labelled `label`, failing fast. */
export function simConnection(
  label: string,
  url: string,
  close: () => Promise<void>,
  demoMarketUrl: string | null,
): MarketConnection {
  const { gateway, diagnostics } = createExchangeGateway({
    exchange: 'binance',
    redirectTo: url,
    rateLimitMs: 1,
    retry: { retries: 0 },
  });
  return { label, gateway, close, diagnostics: { gateway: diagnostics, demoMarketUrl } };
}

export function marketFixture(urls: () => MarketUrls): MarketFixture {
  let dir = '';
  let settings: Settings = defaultSettings();
  let events: PremiaEvent[] = [];
  let closedConnections: string[] = [];
  let opened: OpenedMarketService[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'premia-market-'));
    const s = defaultSettings();
    settings = { ...s, market: { ...s.market, refreshIntervalMs: 40 } };
    events = [];
    closedConnections = [];
    opened = [];
  });

  afterEach(async () => {
    await Promise.all(opened.map((o) => o.market.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const connect: ConnectMarket = async (market) => {
    const { demo, live } = urls();
    const label = market.source === 'demo' ? 'demo' : market.exchange;
    const url = market.source === 'demo' ? demo : live;
    if (url === undefined) throw new Error('this test file runs no market standing in for a venue');
    const close = async () => {
      closedConnections.push(label);
    };
    return simConnection(label, url, close, market.source === 'demo' ? url : null);
  };

  return {
    get dir() {
      return dir;
    },
    get settings() {
      return settings;
    },
    set settings(next) {
      settings = next;
    },
    get events() {
      return events;
    },
    get closedConnections() {
      return closedConnections;
    },
    connect,
    async open(extra = {}) {
      const service = await createMarketService({
        dataDir: dir,
        settings: () => settings,
        connect,
        notices: new NoticeBoard(),
        emit: (event) => events.push(event),
        backfill: false,
        history: { flushIntervalMs: 0, compactionIntervalMs: 0 },
        ...extra,
      });
      opened.push(service);
      return service;
    },
  };
}
