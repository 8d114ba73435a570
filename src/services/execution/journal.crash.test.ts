import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal } from './journal';
import { orderChange } from './journal-testing';

const WRITER = join(import.meta.dirname, 'journal.crash-writer.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-journal-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a writer until it has confirmed `count` appends, kills it, and returns every id it confirmed. */
async function writeUntilKilled(round: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, round], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const confirmed: string[] = [];
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const lines = createInterface({ input: child.stdout });
  const drained = new Promise((resolve) => lines.once('close', resolve));
  lines.on('line', (id) => {
    confirmed.push(id);
    // Killed mid-burst: the writer is already in its next append.
    if (confirmed.length === count) child.kill('SIGKILL');
  });
  const signal = await exited;
  await drained;
  expect(signal, stderr).toBe('SIGKILL');
  return confirmed;
}

describe('the journal after its process is killed', () => {
  it('holds every record whose append resolved before the kill, and takes new ones after', async () => {
    const confirmed: string[] = [];
    for (const [round, count] of [
      ['ra', 40],
      ['rb', 25],
      ['rc', 60],
    ] as const) {
      confirmed.push(...(await writeUntilKilled(round, count)));

      const journal = await openJournal({ dataDir: dir, now: Date.now });
      expect(journal.notice).toBeNull();
      const ids = new Set(journal.entries().map((e) => e.clientOrderId));
      expect(confirmed.filter((id) => !ids.has(id))).toEqual([]);
      await journal.close();
    }
    expect(confirmed.length).toBeGreaterThanOrEqual(125);

    const journal = await openJournal({ dataDir: dir, now: Date.now });
    const after = await journal.append(
      orderChange({ clientOrderId: 'pm-after-0-0', planId: 'after' }),
    );
    expect(after.applied).toBe(true);
    await journal.close();
    const text = await readFile(join(dir, JOURNAL_FILE), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
