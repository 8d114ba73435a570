// Start-up figures, each from a fresh process on a fresh data folder:
// - memory of a main process (the app services in demo mode) once ccxt is loaded and the first
//   snapshot is in, beside the same process before market data started;
// - in a real browser on `premia serve`: the first contentful paint (market data, and so ccxt, start
//   only after the UI's first answers), the time until the Strategy page shows the settings, and the
//   time until the Markets view shows live figures. Times are from the page's navigation start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = resolve(HERE, '..');
const CLI = join(PROJECT_DIR, 'src', 'host', 'cli.ts');
const RENDERER_INDEX = join(PROJECT_DIR, 'out', 'renderer', 'index.html');
const CHROMIUM = '/usr/bin/chromium';
const MEMORY_CHILD_FLAG = '--memory-child';
const MB = 1024 * 1024;
const TIMEOUT_MS = 60_000;

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

/** Runs in the spawned process: the services as the desktop app starts them, then its memory. */
async function memoryChild(dataDir: string): Promise<void> {
  const { createAppServices } = await import('../src/services/app-services');
  const { silentLogger } = await import('../src/services/logger');
  const started = performance.now();
  const services = await createAppServices({
    dataDir,
    host: 'electron',
    version: 'bench',
    logger: silentLogger,
    market: { start: 'manual' },
  });
  const beforeMarket = memory();
  const first = services.waitForMarketSnapshot(TIMEOUT_MS);
  await services.startMarket();
  await first;
  const firstSnapshotMs = Math.round(performance.now() - started);
  globalThis.gc?.();
  const afterFirstSnapshot = memory();
  await services.close();
  process.stdout.write(
    `${JSON.stringify({ beforeMarket, afterFirstSnapshot, firstSnapshotMs })}\n`,
  );
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout: () => out, stderr: () => err };
}

async function measureMemory(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-memory-'));
  try {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        MEMORY_CHILD_FLAG,
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
    if (code !== 0) throw new Error(`the memory probe failed (${code}): ${output.stderr()}`);
    return JSON.parse(output.stdout().trim()) as Record<string, unknown>;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Host {
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

async function startHost(dataDir: string): Promise<Host> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, PREMIA_LOG_LEVEL: 'silent' },
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One cold page load: a fresh host and data folder, a fresh browser context. */
async function pageLoad(
  page: 'strategy' | 'markets',
  ready: string,
): Promise<{ hostReadyMs: number; firstContentfulPaintMs: number | null; shownMs: number }> {
  const { chromium } = await import('playwright-core');
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-paint-'));
  const host = await startHost(dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const tab = await (await browser.newContext()).newPage();
    await tab.goto(`${host.url}&page=${page}`);
    const shown = await tab.waitForFunction(
      new Function(`return (${ready}) ? performance.now() : false;`) as () => number | false,
      undefined,
      { polling: 'raf', timeout: TIMEOUT_MS },
    );
    const shownMs = Math.round((await shown.jsonValue()) as number);
    // Evaluated in the page, whose Performance API has paint entries (Node's types do not).
    const fcp = await tab.evaluate<number | null>(
      "performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? null",
    );
    return {
      hostReadyMs: host.readyMs,
      firstContentfulPaintMs: fcp === null ? null : Math.round(fcp),
      shownMs,
    };
  } finally {
    await browser.close();
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// What "shows data" means on each page: the settings form's first threshold field; a Markets row
// whose signal premium is a figure (a fresh data folder has no saved snapshot, so it is live).
const STRATEGY_SHOWN = `[...document.querySelectorAll('label')].some((l) => l.textContent.trim() === 'Moderate contango from')`;
const MARKETS_LIVE = `[...document.querySelectorAll('[data-testid="signal-premium"]')].some((c) => /\\d%/.test(c.textContent))`;

export default async function startupBench(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = { mainProcess: await measureMemory() };
  if (!existsSync(RENDERER_INDEX)) {
    results.browser = {
      skipped: `${RENDERER_INDEX} is missing: run npx electron-vite build first`,
    };
    return results;
  }
  if (!existsSync(CHROMIUM)) {
    results.browser = { skipped: `no Chromium at ${CHROMIUM}` };
    return results;
  }
  const strategy = await pageLoad('strategy', STRATEGY_SHOWN);
  const markets = await pageLoad('markets', MARKETS_LIVE);
  results.browser = {
    hostReadyMs: strategy.hostReadyMs,
    firstContentfulPaintMs: strategy.firstContentfulPaintMs,
    strategyShowsSettingsMs: strategy.shownMs,
    marketsFirstContentfulPaintMs: markets.firstContentfulPaintMs,
    marketsShowsLiveDataMs: markets.shownMs,
  };
  return results;
}

if (
  process.argv[2] === MEMORY_CHILD_FLAG &&
  resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)
) {
  await memoryChild(process.argv[3] ?? '');
}
