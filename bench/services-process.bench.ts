// The desktop app's services process, measured without Electron: the built services entry
// (out/main/services.js) run by plain Node as a child process, spoken to through main's own client
// code (src/main/services-client.ts) over Node's IPC channel. Electron's utility process carries
// messages by structured clone rather than Node's JSON, so the per-message figures are of the same
// kind, not identical. Figures:
// - openAnsweredMs / firstAnswerMs: from spawning the process to the open answered (data folder
//   locked, stores open) and to the first API answer (getAppInfo);
// - firstLiveSnapshotMs: to the first live snapshot event in demo mode;
// - callsDuringBackfill: round trips of getSnapshot while the new assets' history is backfilled
//   (the services' own loop is busy then; main's is not);
// - mainSide: the longest block of this process's event loop (main's stand-in) over the whole run,
//   and the time its client spent handling each message from the services;
// - closeAnsweredMs: the shutdown handshake, from asking to the answer (stores closed, lock freed).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { PremiaEvent } from '../src/shared/api';
import type { UtilityProcessLike } from '../src/main/services-client';
import { fakeSafeStorage, withoutNotifications } from '../src/main/fake-safe-storage';
import { safeStorageHandlers } from '../src/main/main-requests';
import { connectServices } from '../src/main/services-client';

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(PROJECT_DIR, 'out', 'main', 'services.js');
const TIMEOUT_MS = 60_000;
const CALLS_DURING_BACKFILL = 20;

const round = (ms: number): number => Math.round(ms * 10) / 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export default async function servicesProcessBench(): Promise<Record<string, unknown>> {
  if (!existsSync(ENTRY))
    return { skipped: `${ENTRY} is missing: run npx electron-vite build first` };
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-services-'));
  const blocked = monitorEventLoopDelay({ resolution: 10 });
  blocked.enable();
  const started = performance.now();
  const child = fork(ENTRY, [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, PREMIA_LOG_LEVEL: 'silent' },
  });
  let handlingMs = 0;
  let messages = 0;
  // Main's client listens to 'message' through this shim, which times each message's handling.
  const process_: UtilityProcessLike = {
    postMessage: (message) => void child.send(message as object),
    on(
      event: 'message' | 'exit',
      listener: ((message: unknown) => void) | ((code: number) => void),
    ) {
      if (event === 'message') {
        const onMessage = listener as (message: unknown) => void;
        child.on('message', (message) => {
          const at = performance.now();
          onMessage(message);
          handlingMs += performance.now() - at;
          messages += 1;
        });
      } else {
        child.on('exit', (code) => (listener as (code: number) => void)(code ?? -1));
      }
      return undefined;
    },
    kill: () => child.kill(),
  };
  const client = connectServices({
    child: process_,
    handlers: withoutNotifications(
      safeStorageHandlers(fakeSafeStorage({ backend: 'basic_text' }), 'linux'),
    ),
  });
  try {
    let firstLive: () => void = () => undefined;
    const live = new Promise<void>((done) => (firstLive = done));
    let backfillEvents = 0;
    client.onEvent((event: PremiaEvent) => {
      if (event.type === 'snapshot' && event.snapshot.assets.some((asset) => !asset.stale))
        firstLive();
      if (event.type === 'backfill') backfillEvents += 1;
    });
    await client.open({ dataDir, version: 'bench' });
    const openAnsweredMs = performance.now() - started;
    await client.api.getAppInfo();
    const firstAnswerMs = performance.now() - started;
    const timer = setTimeout(() => firstLive(), TIMEOUT_MS);
    await live;
    clearTimeout(timer);
    const firstLiveSnapshotMs = performance.now() - started;

    const backfillEventsBefore = backfillEvents;
    const roundTrips: number[] = [];
    for (let i = 0; i < CALLS_DURING_BACKFILL; i++) {
      const at = performance.now();
      await client.api.getSnapshot();
      roundTrips.push(performance.now() - at);
      await new Promise((done) => setTimeout(done, 100));
    }
    const history = await client.api.getHistory({ asset: 'BTC', series: 'funding' });
    const askedToClose = performance.now();
    const stop = await client.close(10_000);
    const closeAnsweredMs = performance.now() - askedToClose;
    blocked.disable();
    return {
      runtime: `node ${process.version}, the built bundle, Node's IPC (JSON) in place of Electron's port`,
      openAnsweredMs: round(openAnsweredMs),
      firstAnswerMs: round(firstAnswerMs),
      firstLiveSnapshotMs: round(firstLiveSnapshotMs),
      callsDuringBackfill: {
        backfillProgressEventsMeanwhile: backfillEvents - backfillEventsBefore,
        count: roundTrips.length,
        medianMs: round(percentile(roundTrips, 50)),
        maxMs: round(Math.max(...roundTrips)),
      },
      historyPointsFetched: history.t.length,
      mainSide: {
        longestEventLoopBlockMs: Math.round(blocked.max / 1e6),
        messagesHandled: messages,
        handlingMsPerMessage: round((handlingMs / Math.max(1, messages)) * 1000) / 1000,
        handlingMsTotal: round(handlingMs),
      },
      closeAnsweredMs: round(closeAnsweredMs),
      closeOutcome: stop.kind,
    };
  } finally {
    if (child.exitCode === null) child.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}
