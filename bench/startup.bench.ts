// Start-up figures, each from a fresh process on a fresh data folder:
// - stages: the app services opened as a host opens them (market start `auto`), each stage of the
//   path to the first live snapshot on the process's clock (ms since the process started), the
//   longest the event loop was blocked meanwhile (how long a UI call could have waited), and how
//   late the cycles that follow come while the new assets' history is backfilled;
// - memory of a main process (the app services in demo mode, run through tsx's loader) before
//   market data starts, once ccxt is loaded and once the first snapshot is in; and what ccxt alone
//   adds to a plain Node process, the venue's class module against the whole package;
// - in a real browser on `premia serve`, opened as soon as the host prints its address: the first
//   contentful paint, the time until the Strategy page shows the settings, until the first snapshot
//   reaches the page and until the Markets table shows live (not stale) figures; then, restarted on
//   the same data folder, until the saved snapshot shows (stale) and until live figures replace it.
//   Browser times are from the page's navigation start; the host's own stages come from its log.
//   The host is the built one (`out/main/cli.js` run by plain Node, as `npm run web` runs it); the
//   two probes above import the services from the TypeScript sources through tsx's loader.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = resolve(HERE, '..');
const BUILT_CLI = join(PROJECT_DIR, 'out', 'main', 'cli.js');
const RENDERER_INDEX = join(PROJECT_DIR, 'out', 'renderer', 'index.html');
const CHROMIUM = '/usr/bin/chromium';
const CHILD_FLAG = '--startup-child';
const MB = 1024 * 1024;
const TIMEOUT_MS = 60_000;
/** The shortest refresh interval the settings allow: cycles then follow each other closely. */
const FAST_INTERVAL_MS = 2_000;
const CYCLES_WATCHED = 4;
/** The line the market service logs once its first live snapshot is out. */
const TIMELINE_LINE = /first live market data (\{.*\})\s*$/;

interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

function memory(): MemoryFigures {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
  };
}

const round = (ms: number | null | undefined): number | null =>
  typeof ms === 'number' ? Math.round(ms) : null;

/** Every number in `timeline` rounded to whole milliseconds. */
function rounded(timeline: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(timeline).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]),
  );
}

/** In the spawned process: the services opened as a host opens them, timed stage by stage. */
async function stagesChild(dataDir: string): Promise<Record<string, unknown>> {
  const blocked = monitorEventLoopDelay({ resolution: 10 });
  blocked.enable();
  const { createAppServices } = await import('../src/services/app-services');
  const { silentLogger } = await import('../src/services/logger');
  const importedAt = performance.now();
  const services = await createAppServices({
    dataDir,
    host: 'web',
    version: 'bench',
    logger: silentLogger,
  });
  const openAt = performance.now();
  try {
    const snapshots: number[] = [];
    let firstReceived: () => void = () => undefined;
    const first = new Promise<void>((done) => (firstReceived = done));
    services.onEvent((event) => {
      if (event.type !== 'snapshot' || event.snapshot.assets.every((a) => a.stale)) return;
      snapshots.push(performance.now());
      if (snapshots.length === 1) firstReceived();
    });
    const timer = setTimeout(() => firstReceived(), TIMEOUT_MS);
    await first;
    clearTimeout(timer);
    blocked.disable();
    const blockedLater = monitorEventLoopDelay({ resolution: 10 });
    blockedLater.enable();

    // The cycles right after the first, at the shortest interval, while the backfill pages through
    // the new assets' history: how much later than due they come.
    let backfilling = true;
    void services.diagnostics.backfillIdle().then(() => (backfilling = false));
    await services.api.updateSettings({ market: { refreshIntervalMs: FAST_INTERVAL_MS } });
    const watchedFrom = snapshots.length;
    const watchUntil = performance.now() + (CYCLES_WATCHED + 2) * FAST_INTERVAL_MS * 2;
    while (snapshots.length < watchedFrom + CYCLES_WATCHED + 1 && performance.now() < watchUntil) {
      await new Promise((done) => setTimeout(done, 50));
    }
    blockedLater.disable();
    const timeline = services.diagnostics.startupTimeline();
    const gaps = snapshots
      .slice(watchedFrom)
      .map((t, i, all) => (i === 0 ? null : t - all[i - 1]!));
    return {
      servicesImportedAt: round(importedAt),
      servicesOpenAt: round(openAt),
      ...rounded(timeline),
      firstSnapshotEventAt: round(snapshots[0]),
      longestEventLoopBlockMs: Math.round(blocked.max / 1e6),
      cyclesDuringBackfill: {
        intervalMs: FAST_INTERVAL_MS,
        lateMs: gaps.flatMap((g) => (g === null ? [] : [Math.round(g - FAST_INTERVAL_MS)])),
        backfillStillRunning: backfilling,
        longestEventLoopBlockMs: Math.round(blockedLater.max / 1e6),
      },
    };
  } finally {
    await services.close();
  }
}

/** In the spawned process: the services as the desktop app starts them, and their memory. */
async function memoryChild(dataDir: string): Promise<Record<string, unknown>> {
  const { createAppServices } = await import('../src/services/app-services');
  const { silentLogger } = await import('../src/services/logger');
  const { binanceAdapter } = await import('../src/services/gateway/binance');
  const { loadVenueCcxt } = await import('../src/services/gateway/ccxt-loader');
  const services = await createAppServices({
    dataDir,
    host: 'electron',
    version: 'bench',
    logger: silentLogger,
    market: { start: 'manual' },
  });
  try {
    globalThis.gc?.();
    const beforeMarket = memory();
    // Loaded as the gateway loads it (the gateway then finds it loaded).
    const ccxt = await loadVenueCcxt(binanceAdapter.ccxtClass);
    globalThis.gc?.();
    const afterCcxt = memory();
    const first = services.waitForMarketSnapshot(TIMEOUT_MS);
    await services.startMarket();
    await first;
    globalThis.gc?.();
    const afterFirstSnapshot = memory();
    return {
      runtime: `node ${process.version} with tsx's loader (the desktop app's main process runs bundled JS)`,
      ccxtSource: ccxt.source,
      ccxtImportMs: Math.round(ccxt.importMs),
      beforeMarket,
      afterCcxt,
      afterFirstSnapshot,
      ccxtRssMb: Math.round((afterCcxt.rssMb - beforeMarket.rssMb) * 10) / 10,
      ccxtHeapUsedMb: Math.round((afterCcxt.heapUsedMb - beforeMarket.heapUsedMb) * 10) / 10,
    };
  } finally {
    await services.close();
  }
}

/**
 * ccxt's own weight, without tsx's loader: a plain Node process imports the venue's class module
 * (as the app loads it) or the package entry, and reports what that added to its memory.
 */
async function ccxtInPlainNode(what: 'venue-module' | 'package'): Promise<Record<string, unknown>> {
  const { ccxtPackageDir } = await import('../src/services/gateway/ccxt-loader');
  const dir = await ccxtPackageDir();
  if (dir === null) return { skipped: 'ccxt is not installed' };
  const files =
    what === 'package'
      ? [join(dir, 'js', 'ccxt.js')]
      : [join(dir, 'js', 'src', 'binance.js'), join(dir, 'js', 'src', 'base', 'errors.js')];
  const urls = JSON.stringify(files.map((f) => pathToFileURL(f).href));
  const script = `
    const mb = (b) => Math.round((b / ${MB}) * 10) / 10;
    globalThis.gc();
    const before = process.memoryUsage();
    const started = performance.now();
    await Promise.all(${urls}.map((url) => import(url)));
    const importMs = Math.round(performance.now() - started);
    globalThis.gc();
    const after = process.memoryUsage();
    console.log(JSON.stringify({ importMs, rssMb: mb(after.rss - before.rss), heapUsedMb: mb(after.heapUsed - before.heapUsed) }));
  `;
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`the plain ccxt probe failed (${code}): ${output.stderr()}`);
  return JSON.parse(output.stdout().trim()) as Record<string, unknown>;
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout: () => out, stderr: () => err };
}

/** Runs one of the probes above in a fresh process on a fresh data folder. */
async function inFreshProcess(probe: 'stages' | 'memory'): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), `premia-bench-${probe}-`));
  try {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        CHILD_FLAG,
        probe,
        dataDir,
      ],
      {
        cwd: PROJECT_DIR,
        env: { ...process.env, PREMIA_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = collect(child);
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    if (code !== 0) throw new Error(`the ${probe} probe failed (${code}): ${output.stderr()}`);
    return JSON.parse(output.stdout().trim()) as Record<string, unknown>;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Host {
  url: string;
  readyMs: number;
  /** The market service's start-up timeline, once it has logged it (ms since the host started). */
  timeline(): Record<string, unknown> | null;
  stop(): Promise<void>;
}

async function startHost(dataDir: string, env: Record<string, string> = {}): Promise<Host> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BUILT_CLI, 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, PREMIA_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = collect(child);
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error('premia serve printed no address')), TIMEOUT_MS);
    lines.on('line', (line) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      done(match[0]);
    });
    child.once('exit', (code) =>
      fail(new Error(`premia serve exited (${code}): ${output.stderr()}`)),
    );
  });
  const readyMs = Math.round(performance.now() - started);
  return {
    url,
    readyMs,
    timeline() {
      for (const line of output.stderr().split('\n')) {
        const match = TIMELINE_LINE.exec(line);
        if (match) return rounded(JSON.parse(match[1]!) as object);
      }
      return null;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// What "shows data" means on each page: the settings form's first threshold field; a Markets row
// whose signal premium is a figure, with or without the Stale badge (live: without).
const STRATEGY_SHOWN = `[...document.querySelectorAll('label')].some((l) => l.textContent.trim() === 'Moderate contango from')`;
const ROWS_WITH_FIGURES = `[...document.querySelectorAll('tr[data-asset]')].filter((r) => /\\d%/.test(r.querySelector('[data-testid="signal-premium"]')?.textContent ?? ''))`;
const MARKETS_ANY = `${ROWS_WITH_FIGURES}.length > 0`;
// The row's Stale badge: an element of its own whose whole text is the word.
const STALE_BADGE = `[...r.querySelectorAll('*')].some((e) => e.childElementCount === 0 && e.textContent.trim() === 'Stale')`;
const MARKETS_LIVE = `${ROWS_WITH_FIGURES}.some((r) => !(${STALE_BADGE}))`;
const MARKETS_STALE = `${ROWS_WITH_FIGURES}.some((r) => ${STALE_BADGE})`;

// The Dashboard: its total value drawn at all, and drawn with prices and holdings both current.
const DASHBOARD_PAGE = `document.querySelector('[data-testid="total-value"]')`;
const DASHBOARD_ANY = `/\\d/.test(${DASHBOARD_PAGE}?.textContent ?? '')`;
const DASHBOARD_LIVE = `${DASHBOARD_ANY} && !!document.querySelector('[data-testid="prices-freshness"]') && !!document.querySelector('[data-testid="holdings-freshness"]') && !document.querySelector('[data-testid="prices-freshness"] [data-testid="not-current"], [data-testid="holdings-freshness"] [data-testid="not-current"]')`;

/**
 * A page script that checks every condition on each frame from the document's creation and notes
 * when each first held (performance.now(), from navigation start) in `window.__shown`.
 */
function recorderScript(conditions: Record<string, string>): string {
  const tests = Object.entries(conditions)
    .map(([name, test]) => `${JSON.stringify(name)}: () => (${test})`)
    .join(', ');
  return `(() => {
    const tests = { ${tests} };
    const shown = (window.__shown = {});
    const check = () => {
      const now = performance.now();
      for (const [name, test] of Object.entries(tests)) {
        try {
          if (!(name in shown) && test()) shown[name] = now;
        } catch {}
      }
      if (Object.keys(shown).length < Object.keys(tests).length) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;
}

interface PageFigures {
  hostReadyMs: number;
  firstContentfulPaintMs: number | null;
  /** When each condition first held, from navigation start. */
  shownMs: Record<string, number>;
  /** When the first snapshot event reached the page (its WebSocket frame), from navigation start. */
  firstSnapshotFrameMs: number | null;
  hostStages: Record<string, unknown> | null;
}

/** Opens the page as soon as the host prints its address, and times each condition. */
async function pageLoad(
  browser: Browser,
  dataDir: string,
  page: 'strategy' | 'markets' | 'dashboard',
  conditions: Record<string, string>,
  env: Record<string, string> = {},
): Promise<PageFigures> {
  const host = await startHost(dataDir, env);
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: recorderScript(conditions) });
    const tab = await context.newPage();
    const frames: number[] = [];
    tab.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"type":"snapshot"')) frames.push(Date.now());
      }),
    );
    await tab.goto(`${host.url}&page=${page}`, { waitUntil: 'commit' });
    const names = JSON.stringify(Object.keys(conditions));
    // Asked from here: the page's content security policy forbids evaluating strings inside it.
    const waitUntil = performance.now() + TIMEOUT_MS;
    while (!(await tab.evaluate<boolean>(`${names}.every((n) => n in (window.__shown ?? {}))`))) {
      if (performance.now() > waitUntil) throw new Error(`the ${page} page never showed ${names}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    const shown = await tab.evaluate<Record<string, number>>('window.__shown');
    // Evaluated in the page, whose Performance API has paint entries (Node's types do not).
    const fcp = await tab.evaluate<number | null>(
      "performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? null",
    );
    const origin = await tab.evaluate<number>('performance.timeOrigin');
    // The host logs its timeline right after sending the first snapshot; give the log a moment.
    let hostStages = host.timeline();
    for (let i = 0; hostStages === null && 'live' in conditions && i < 40; i++) {
      await new Promise((done) => setTimeout(done, 50));
      hostStages = host.timeline();
    }
    return {
      hostReadyMs: host.readyMs,
      firstContentfulPaintMs: round(fcp),
      shownMs: Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, Math.round(v)])),
      firstSnapshotFrameMs: frames.length > 0 ? Math.round(frames[0]! - origin) : null,
      hostStages,
    };
  } finally {
    await context.close();
    await host.stop();
  }
}

/** A port something else already listens on: the demo market cannot start there. */
async function occupiedPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return {
    port: address.port,
    release: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function measureBrowser(): Promise<Record<string, unknown>> {
  const { chromium } = await import('playwright-core');
  // Launched first, so each page opens the moment its host prints the address (as in the e2e
  // tests), not a browser's start-up later.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  const strategyDir = await mkdtemp(join(tmpdir(), 'premia-bench-strategy-'));
  const marketsDir = await mkdtemp(join(tmpdir(), 'premia-bench-markets-'));
  const blocked = await occupiedPort();
  try {
    const strategy = await pageLoad(browser, strategyDir, 'strategy', { settings: STRATEGY_SHOWN });
    // A fresh folder has no saved snapshot: its first figures are live.
    const markets = await pageLoad(browser, marketsDir, 'markets', { live: MARKETS_LIVE });
    // The same folder again: the snapshot saved at the last stop, stale, until live figures come
    // (which may come before the table is first drawn).
    const again = await pageLoad(browser, marketsDir, 'markets', {
      any: MARKETS_ANY,
      live: MARKETS_LIVE,
    });
    // The Dashboard on the same folder: the saved portfolio at once, then live prices and holdings.
    const dashboard = await pageLoad(browser, marketsDir, 'dashboard', {
      any: DASHBOARD_ANY,
      live: DASHBOARD_LIVE,
    });
    // Once more with the demo market unable to start: the saved figures must show all the same.
    const offline = await pageLoad(
      browser,
      marketsDir,
      'markets',
      { stale: MARKETS_STALE },
      { PREMIA_SIM_PORT: String(blocked.port) },
    );
    return {
      hostReadyMs: strategy.hostReadyMs,
      firstContentfulPaintMs: strategy.firstContentfulPaintMs,
      strategyShowsSettingsMs: strategy.shownMs.settings,
      marketsFirstContentfulPaintMs: markets.firstContentfulPaintMs,
      marketsFirstSnapshotReachesPageMs: markets.firstSnapshotFrameMs,
      marketsShowsLiveDataMs: markets.shownMs.live,
      marketsHostStages: markets.hostStages,
      restarted: {
        showsFiguresMs: again.shownMs.any,
        firstFiguresWereSaved: again.shownMs.any! < again.shownMs.live!,
        showsLiveDataMs: again.shownMs.live,
      },
      dashboardRestarted: {
        showsValueMs: dashboard.shownMs.any,
        showsLiveValueMs: dashboard.shownMs.live,
      },
      restartedWithoutMarket: { showsSavedDataStaleMs: offline.shownMs.stale },
    };
  } finally {
    await browser.close();
    await blocked.release();
    await rm(strategyDir, { recursive: true, force: true });
    await rm(marketsDir, { recursive: true, force: true });
  }
}

export default async function startupBench(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {
    stages: await inFreshProcess('stages'),
    mainProcess: await inFreshProcess('memory'),
    ccxtInPlainNode: {
      venueModule: await ccxtInPlainNode('venue-module'),
      package: await ccxtInPlainNode('package'),
    },
  };
  const unbuilt = [BUILT_CLI, RENDERER_INDEX].find((file) => !existsSync(file));
  if (unbuilt !== undefined) {
    results.browser = { skipped: `${unbuilt} is missing: run npm run build first` };
  } else if (!existsSync(CHROMIUM)) {
    results.browser = { skipped: `no Chromium at ${CHROMIUM}` };
  } else {
    results.browser = await measureBrowser();
  }
  return results;
}

if (
  process.argv[2] === CHILD_FLAG &&
  resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)
) {
  const [probe, dataDir = ''] = process.argv.slice(3);
  const figures = probe === 'stages' ? await stagesChild(dataDir) : await memoryChild(dataDir);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
