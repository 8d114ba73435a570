// The crash test: the simulator runs in a process of its own (`premia sim`), and the "app"
// (execution.crash-child.ts: journal, saved plans, gateway, execution service) in another, which is
// killed with SIGKILL at seeded-random points while it executes basis trades — after its k-th
// journal append, or after a random delay, with the simulator's latency keeping requests in flight —
// then started again. After each start's reconciliation, what the simulator's own order log saw is
// held against the journal: every Premia order known to it with the venue's fill, none left open,
// no client id taken twice, no step filled above its plan, and no pair left one-legged.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlToken } from '../../sim/control-token';
import { Prng } from '../../sim/prng';
import { isFinal, type JournalEntry } from './journal-record';
import type { ReconcileReport } from './reconcile';

const CHILD = join(import.meta.dirname, 'execution.crash-child.ts');
const CLI = join(import.meta.dirname, '../../host/cli.ts');
const AMOUNT = 0.003;
/** The perpetual's amount step: a difference below it cannot be hedged by any order. */
const PERP_STEP = 0.001;
const KILLS = 50;
const SEED = 20_250_110;

interface SimOrder {
  venue: 'spot' | 'futures';
  side: string | null;
  type: string | null;
  timeInForce: string | null;
  clientOrderId: string | null;
  outcome: 'accepted' | 'refused';
  status: string | null;
  filled: number;
  changes: { status: string }[];
}

let sim: ChildProcessWithoutNullStreams;
let url = '';
const token = createControlToken();
let key = { apiKey: '', secret: '' };
let dir = '';

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/__control/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-exec-crash-'));
  sim = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'sim', '--port', '0', '--seed', '11', '--speed', '0'],
    { env: { ...process.env, PREMIA_SIM_CONTROL_TOKEN: token }, stdio: 'pipe' },
  );
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: sim.stdout });
    lines.once('line', resolve);
    sim.once('exit', (code) => reject(new Error(`premia sim ended (${code})`)));
  });
  url = /http:\/\/127\.0\.0\.1:\d+/.exec(first)![0];
  key = await control('POST', 'keys', { account: 'main' });
}, 60_000);

afterAll(async () => {
  sim?.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

interface Reconciled {
  report: ReconcileReport;
  entries: JournalEntry[];
  exposures: unknown[];
}

interface Run {
  reconciled: Promise<Reconciled>;
  /** Resolves with the signal that ended the child (null when it ended by itself). */
  exited: Promise<NodeJS.Signals | null>;
  go(kill: { afterAppends: number; thenMs: number } | { afterMs: number } | null): void;
}

function start(round: number, secondLegSeconds: number): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir, url, `r${round}`, String(AMOUNT), String(secondLegSeconds)],
    {
      env: {
        ...process.env,
        PREMIA_CRASH_API_KEY: key.apiKey,
        PREMIA_CRASH_API_SECRET: key.secret,
      },
      stdio: 'pipe',
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) =>
    child.once('exit', (code, signal) =>
      signal !== null || code === 0
        ? resolve(signal)
        : reject(new Error(`round ${round} ended with ${code}: ${stderr}`)),
    ),
  );
  let going = false;
  let appends = 0;
  let killAfter = Number.POSITIVE_INFINITY;
  let thenMs = 0;
  let resolveReconciled!: (r: Reconciled) => void;
  const reconciled = new Promise<Reconciled>((resolve, reject) => {
    resolveReconciled = resolve;
    void exited.then(
      () => reject(new Error(`round ${round} ended before reconciling: ${stderr}`)),
      reject,
    );
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line.startsWith('reconciled ')) {
      resolveReconciled(JSON.parse(line.slice('reconciled '.length)) as Reconciled);
    } else if (going && line.startsWith('append ')) {
      appends += 1;
      // Killed once this record is on the disk, a moment later: the child is acting on it, its
      // request on the way or waiting at the simulator.
      if (appends === killAfter) setTimeout(() => child.kill('SIGKILL'), thenMs);
    }
  });
  return {
    reconciled,
    exited,
    go(kill) {
      going = true;
      if (kill && 'afterAppends' in kill) [killAfter, thenMs] = [kill.afterAppends, kill.thenMs];
      if (kill && 'afterMs' in kill) setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      child.stdin.write('go\n');
    },
  };
}

/** What the venue saw, held against the journal as a reconciliation left it. */
function expectSound({ report, entries, exposures }: Reconciled, orders: SimOrder[]): void {
  const journal = new Map(entries.map((e) => [e.clientOrderId, e]));
  expect(report.pending).toEqual([]);
  expect(entries.filter((e) => !isFinal(e))).toEqual([]);
  expect(exposures).toEqual([]);
  const ours = orders.filter((o) => o.clientOrderId?.startsWith('pm'));
  const accepted = ours.filter((o) => o.outcome === 'accepted');
  expect(new Set(accepted.map((o) => o.clientOrderId)).size).toBe(accepted.length);
  for (const o of ours) {
    const entry = journal.get(o.clientOrderId!);
    expect(entry, `${o.clientOrderId} reached the venue but is not in the journal`).toBeDefined();
    // Immediate-or-cancel, never resting: no two orders of a step were ever live at once.
    expect([o.type, o.timeInForce]).toEqual(['LIMIT', 'IOC']);
    if (o.outcome === 'accepted') {
      expect(['NEW', 'PARTIALLY_FILLED']).not.toContain(o.changes[0]!.status);
      expect(entry!.filled, o.clientOrderId!).toBeCloseTo(o.filled, 9);
    }
  }
  const plans = new Set(ours.map((o) => /^pm([a-z0-9]+)-/.exec(o.clientOrderId!)![1]!));
  for (const plan of plans) {
    const of = (pattern: RegExp) =>
      accepted.filter((o) => pattern.test(o.clientOrderId!)).reduce((sum, o) => sum + o.filled, 0);
    const [spotOwn, perpOwn] = [
      of(new RegExp(`^pm${plan}-0-\\d+$`)),
      of(new RegExp(`^pm${plan}-1-\\d+$`)),
    ];
    expect(spotOwn).toBeLessThanOrEqual(AMOUNT * (1 + 1e-9));
    expect(perpOwn).toBeLessThanOrEqual(AMOUNT * (1 + 1e-9));
    const spot = spotOwn - of(new RegExp(`^pm${plan}-0-u\\d+$`));
    const short = perpOwn - of(new RegExp(`^pm${plan}-1-u\\d+$`));
    // Hedged, or the first leg undone: what is left unhedged is below any order the venue takes.
    expect(Math.abs(spot - short), `plan ${plan} is one-legged`).toBeLessThan(PERP_STEP);
  }
}

describe('execution killed at random points and started again', () => {
  it('never loses an order nor sends one twice, and never leaves a pair one-legged after reconciling', async () => {
    const rng = new Prng(SEED);
    let kills = 0;
    let reconciledAny = 0;
    const outcomes = { settled: 0, abandoned: 0, pairs: 0 };
    for (let round = 1; ; round++) {
      await control('POST', 'faults', { latencyMs: Math.floor(rng.next() * 120) });
      const run = start(round, rng.next() < 0.3 ? 1 : 10);
      const reconciled = await run.reconciled;
      await control('POST', 'faults', { latencyMs: 0 });
      expectSound(reconciled, (await control<{ orders: SimOrder[] }>('GET', 'orders')).orders);
      reconciledAny += 1;
      outcomes.settled += reconciled.report.settled.length;
      outcomes.abandoned += reconciled.report.abandoned.length;
      outcomes.pairs += reconciled.report.pairs.length;
      if (kills >= KILLS) {
        run.go(null);
        expect(await run.exited).toBeNull();
        break;
      }
      // Requests of the run wait at the simulator, so a kill finds some in flight.
      await control('POST', 'faults', { latencyMs: 50 + Math.floor(rng.next() * 200) });
      run.go(
        rng.next() < 0.6
          ? {
              afterAppends: 1 + Math.floor(rng.next() * 3),
              thenMs: 5 + Math.floor(rng.next() * 40),
            }
          : { afterMs: Math.floor(rng.next() * 500) },
      );
      if ((await run.exited) === 'SIGKILL') kills += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(reconciledAny).toBeGreaterThan(KILLS);
    // The kills landed where there was something to reconcile.
    expect(outcomes.settled + outcomes.abandoned).toBeGreaterThan(10);
    expect(outcomes.pairs).toBeGreaterThan(5);
  }, 240_000);
});
