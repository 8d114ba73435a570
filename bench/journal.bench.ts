// The execution journal on a real folder: what one record costs to append (written and flushed to the
// disk before the append resolves), and how long a journal of many records takes to open. Flushing
// is only measured for real on a disk: on a memory file system (tmpfs) it costs nothing, so the
// figures say which they were taken on. PREMIA_BENCH_DIR chooses the folder to run in.
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JOURNAL_FILE, openJournal } from '../src/services/execution/journal';
import { orderChange, record } from '../src/services/execution/journal-testing';

const APPENDS = 300;
const OPEN_RECORDS = 20_000;
const TMPFS_MAGIC = 0x01021994;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export default async function journalBench(): Promise<Record<string, number | boolean>> {
  const dataDir = await mkdtemp(
    join(process.env.PREMIA_BENCH_DIR ?? tmpdir(), 'premia-bench-journal-'),
  );
  try {
    const onTmpfs = (await statfs(dataDir)).type === TMPFS_MAGIC;
    const journal = await openJournal({ dataDir, now: Date.now });
    const appends: number[] = [];
    for (let i = 0; i < APPENDS; i += 1) {
      const started = performance.now();
      await journal.append(
        orderChange({ clientOrderId: `pm-bench-${i}-0`, planId: 'bench', step: i }),
      );
      appends.push(performance.now() - started);
    }
    // Appends asked all at once still go one at a time, each flushed: the cost per record of a burst.
    const burstStarted = performance.now();
    await Promise.all(
      Array.from({ length: APPENDS }, (_, i) =>
        journal.append(
          orderChange({
            clientOrderId: `pm-bench-${i}-0`,
            planId: 'bench',
            step: i,
            status: 'sent',
          }),
        ),
      ),
    );
    const burstMs = performance.now() - burstStarted;
    await journal.close();

    // A long history written straight to a file: one intent and one fill for each of many orders.
    const bigDir = await mkdtemp(join(dataDir, 'big-'));
    const lines: string[] = [];
    for (let i = 0; i < OPEN_RECORDS / 2; i += 1) {
      const change = orderChange({
        clientOrderId: `pm-big${i % 1000}-${i % 40}-${i % 7}`,
        step: i % 40,
        attempt: i % 7,
      });
      lines.push(JSON.stringify(record(change, 1_700_000_000_000 + i)));
      const fill = {
        ...change,
        status: 'filled' as const,
        filled: change.amount,
        price: 100,
        live: false,
      };
      lines.push(JSON.stringify(record(fill, 1_700_000_000_000 + i)));
    }
    await writeFile(join(bigDir, JOURNAL_FILE), `${lines.join('\n')}\n`);
    const started = performance.now();
    const reopened = await openJournal({ dataDir: bigDir, now: Date.now });
    const openedEntries = reopened.entries().length;
    const openMs = performance.now() - started;
    await reopened.close();

    appends.sort((a, b) => a - b);
    return {
      onTmpfs,
      appends: APPENDS,
      appendMedianMs: round(percentile(appends, 0.5)),
      appendP95Ms: round(percentile(appends, 0.95)),
      burstPerRecordMs: round(burstMs / APPENDS),
      openRecords: OPEN_RECORDS,
      openMs: round(openMs),
      openedEntries,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
