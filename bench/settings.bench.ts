// The settings store on a real temporary folder: time per saved update, and time to open.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSettingsStore } from '../src/services/settings-store';

const UPDATES = 200;
const OPENS = 20;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export default async function settingsBench(): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-settings-'));
  try {
    let started = performance.now();
    const store = await openSettingsStore({ dataDir });
    const firstOpenMs = performance.now() - started;

    const writes: number[] = [];
    for (let i = 0; i < UPDATES; i += 1) {
      started = performance.now();
      await store.update({ rebalance: { driftBand: 0.01 + (i % 40) / 1000 } });
      writes.push(performance.now() - started);
    }
    await store.close();

    const opens: number[] = [];
    for (let i = 0; i < OPENS; i += 1) {
      started = performance.now();
      const reopened = await openSettingsStore({ dataDir });
      opens.push(performance.now() - started);
      await reopened.close();
    }

    writes.sort((a, b) => a - b);
    opens.sort((a, b) => a - b);
    return {
      updates: UPDATES,
      writeMedianMs: round(percentile(writes, 0.5)),
      writeP95Ms: round(percentile(writes, 0.95)),
      openMedianMs: round(percentile(opens, 0.5)),
      firstOpenMs: round(firstOpenMs),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
