// What making a rebalance plan costs on the demo market: the app services opened in demo mode on a
// fresh data folder, the first snapshot in and the demo holdings synced, then createPlan timed
// (median of several): the account's markets, fees and brackets (cached after the first plan), the
// books of what the plan trades, both planner passes, the checks and the save. `planFirstMs` is the
// first plan, which reads fees and brackets; `planLiveMs` a later one. `steps` says how many steps
// the plan had, so a figure from an empty plan is not mistaken for a full one. `confirmToFilledMs`
// is an executed plan's time from the confirmation to its last order filled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices } from '../src/services/app-services';
import { createAppServices } from '../src/services/app-services';
import { silentLogger } from '../src/services/logger';

const PLANS = 9;
const EXECUTIONS = 6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function open(dataDir: string): Promise<AppServices> {
  const services = await createAppServices({
    dataDir,
    host: 'web',
    version: 'bench',
    logger: silentLogger,
    market: { start: 'manual', backfill: false },
    appLink: false,
  });
  const first = services.waitForMarketSnapshot(60_000);
  await services.startMarket();
  await first;
  await services.api.syncHoldings();
  return services;
}

export default async function planBench(): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'premia-bench-plan-'));
  const services = await open(dataDir);
  try {
    let started = performance.now();
    const plan = await services.api.createPlan({});
    const planFirstMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < PLANS; i++) {
      started = performance.now();
      await services.api.createPlan({});
      times.push(performance.now() - started);
    }
    // From the confirmation to the last step filled: executePlan syncs the holdings, judges the
    // plan again on books and balances read again, then sends each step. A hedge of ETH (margin moved,
    // a short opened) and its close, in turns, so every round has work to do.
    const executions: number[] = [];
    for (let i = 0; i < EXECUTIONS; i++) {
      const kind = i % 2 === 0 ? 'hedge' : 'close-hedge';
      const action = await services.api.createPlan({ action: { asset: 'ETH', kind } });
      started = performance.now();
      const execution = await services.api.executePlan({ planId: action.id });
      executions.push(performance.now() - started);
      if (execution.state !== 'done') {
        throw new Error(`the ${kind} plan was not carried out: ${execution.problem}`);
      }
    }
    return {
      steps: plan.steps.length,
      planFirstMs: Math.round(planFirstMs * 10) / 10,
      planLiveMs: Math.round(median(times) * 10) / 10,
      confirmToFilledMs: Math.round(median(executions) * 10) / 10,
    };
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
