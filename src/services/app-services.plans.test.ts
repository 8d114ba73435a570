// The composition root's plans on the demo market, with a small planner in place of the core's: what
// the planner is given (the demo account's markets with its own fees and the contracts' brackets,
// the books of only the instruments its first pass trades), and the plan saved, served and heard.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookKey, type PlannerInput } from '../core/planner-types';
import type { PremiaEvent } from '../shared/api';
import { orderStep, rebalancePlan } from '../shared/plan-testing';
import type { PlanProposal } from '../shared/plan';
import type { AppServices } from './app-services';
import { servicesFolder, startSyncedDemo } from './app-services-testing';
import { PLANS_FILE } from './plans';

const dataFolder = servicesFolder();

/** A planner that sells the BTC perpetual on the first account it is given, and notes its inputs. */
function perpSeller(seen: PlannerInput[]) {
  return (input: PlannerInput): PlanProposal => {
    seen.push(input);
    const { id, ...proposal } = rebalancePlan({ checks: [], steps: [] });
    void id;
    const account = input.accounts[0]!.id;
    return {
      ...proposal,
      steps: [
        orderStep({
          step: 0,
          account,
          market: 'perp',
          symbol: 'BTC/USDT:USDT',
          side: 'sell',
          purpose: 'open-short',
        }),
      ],
      checks: [{ code: 'balance', ok: true, message: 'Every wallet holds what its steps spend.' }],
    };
  };
}

function startDemo(seen: PlannerInput[]): Promise<AppServices> {
  return startSyncedDemo(dataFolder, { planner: perpSeller(seen) });
}

describe('plans in the composition root', () => {
  it('plans with the demo account’s own fees and brackets, and reads only the books the plan trades', async () => {
    const seen: PlannerInput[] = [];
    const s = await startDemo(seen);
    const plan = await s.api.createPlan({});

    expect(seen).toHaveLength(2);
    const [first, second] = seen as [PlannerInput, PlannerInput];
    expect(first.books).toEqual({});
    const account = first.accounts[0]!;
    expect(account.canTrade).toBe(true);
    const btc = account.markets.find((m) => m.asset === 'BTC')!;
    expect(btc.spot).toMatchObject({ symbol: 'BTC/USDT', takerFee: 0.001, feeSource: 'account' });
    expect(btc.perp).toMatchObject({ takerFee: 0.0005, feeSource: 'account' });
    expect(btc.perp!.brackets[0]).toEqual({ notionalCap: 50_000, rate: 0.004, amount: 0 });
    expect(btc.perp!.annualizedFunding).not.toBeNull();
    expect(first.buckets.holdings.length).toBeGreaterThan(0);
    expect(Object.keys(second.books)).toEqual([bookKey(account.id, 'BTC/USDT:USDT')]);
    expect(second.books[bookKey(account.id, 'BTC/USDT:USDT')]!.asks.length).toBeGreaterThan(0);

    expect(plan.id).toMatch(/^[a-z0-9]{16}$/);
    expect(plan.expiresAt - plan.at).toBe(120_000);
    expect(plan.demo).toBe(true);
    expect(plan.checks.map((c) => c.code)).toEqual([
      'stale-quotes',
      'stale-holdings',
      'vault',
      'expired',
      'balance',
    ]);
    expect(plan.ready).toBe(plan.checks.every((c) => c.ok));
  });

  it('saves each plan by id in plans.json, serves it again and tells every window', async () => {
    const s = await startDemo([]);
    const heard: PremiaEvent[] = [];
    s.onEvent((event) => heard.push(event));
    const older = await s.api.createPlan({});
    const newer = await s.api.createPlan({ action: { asset: 'BTC', kind: 'hedge' } });
    expect(newer.id).not.toBe(older.id);
    expect(await s.api.getPlan(older.id)).toEqual(older);
    expect((await s.api.listPlans()).map((p) => p.id)).toEqual([newer.id, older.id]);
    expect(
      heard.filter((e) => e.type === 'plan').map((e) => e.type === 'plan' && e.plan.id),
    ).toEqual([older.id, newer.id]);
    const file = JSON.parse(await readFile(join(dataFolder.dir, PLANS_FILE), 'utf8')) as {
      version: number;
      body: { plans: { id: string }[] };
    };
    expect(file.version).toBe(1);
    expect(file.body.plans.map((p) => p.id)).toEqual([newer.id, older.id]);
  });
});
