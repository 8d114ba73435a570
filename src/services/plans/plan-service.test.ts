// The plan service's own rules with nothing to trade on: a plan's lifetime (its `expired` check
// failing once it is past, the plan dropped when the file is opened again), ids it does not know,
// and how many plans are kept.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import type { PlannerInput } from '../../core/planner-types';
import type { PlanProposal } from '../../shared/plan';
import { PremiaError } from '../../shared/errors';
import { rebalancePlan } from '../../shared/plan-testing';
import { accountMeta, vaultStatus } from '../../shared/portfolio-testing';
import { silentLogger } from '../logger';
import type { CountedHoldings } from '../portfolio';
import { createPlanService, type PlanService, type PlanServiceOptions } from './plan-service';
import { MAX_PLANS_KEPT, PLANS_FILE, PLANS_VERSION } from './plan-store';

let dir = '';
let t = 1_800_000_000_000;
const opened: PlanService[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'premia-plans-'));
  t = 1_800_000_000_000;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

/** Nothing held and no account: the planner proposes nothing. */
function idle(_input: PlannerInput): PlanProposal {
  const { id, at, expiresAt, demo, basedOn, ready, ...proposal } = rebalancePlan();
  void [id, at, expiresAt, demo, basedOn, ready];
  return { ...proposal, steps: [], checks: [] };
}

/** Holdings with nothing in them, counted over the accounts given (none by default). */
function nothingHeld(change: Partial<CountedHoldings> = {}): CountedHoldings {
  return {
    input: {
      holdings: [],
      manual: [],
      prices: {},
      tracked: [],
      regimes: {},
      policy: defaultSettings().policy,
      driftBand: 0.05,
      stablecoins: ['USDT'],
    },
    counted: [],
    demo: true,
    stalePrices: [],
    oldestSync: null,
    holdingsStale: false,
    ...change,
  };
}

let counter = 0;
async function open(change: Partial<PlanServiceOptions> = {}): Promise<PlanService> {
  const service = await createPlanService({
    dataDir: dir,
    now: () => t,
    logger: silentLogger,
    tell: () => undefined,
    settings: defaultSettings,
    snapshot: () => null,
    holdings: () => nothingHeld(),
    gateway: async () => {
      throw new Error('no account to trade on');
    },
    vault: () => vaultStatus({ state: 'absent' }),
    fundingHistory: async (asset) => ({ asset, series: 'funding', t: [], v: [] }),
    emit: () => undefined,
    planner: idle,
    newId: () => `plan${(counter++).toString().padStart(4, '0')}`,
    ...change,
  });
  opened.push(service);
  return service;
}

describe('the plan service', () => {
  it('fails a plan’s expired check once its lifetime has passed, and drops it on the next opening', async () => {
    const service = await open();
    const plan = await service.createPlan({});
    expect(plan.expiresAt - plan.at).toBe(defaultSettings().rebalance.planTtlSeconds * 1_000);
    expect(plan.checks.find((c) => c.code === 'expired')).toMatchObject({ ok: true });

    t = plan.expiresAt + 1;
    const late = await service.getPlan(plan.id);
    expect(late.checks.find((c) => c.code === 'expired')).toMatchObject({ ok: false });
    expect(late.ready).toBe(false);

    await service.close();
    opened.length = 0;
    const reopened = await open();
    await expect(reopened.getPlan(plan.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await reopened.listPlans()).toEqual([]);
  });

  it('makes the plan without an account whose keys the locked vault holds, and fails the vault check naming it', async () => {
    const seen: PlannerInput[] = [];
    const service = await open({
      holdings: () =>
        nothingHeld({ counted: [accountMeta({ id: 'acc-1', label: 'Main' })], demo: false }),
      gateway: async () => {
        throw new PremiaError(
          'locked',
          'The key vault is locked: unlock it with your passphrase first.',
        );
      },
      vault: () => vaultStatus({ state: 'locked' }),
      planner: (input) => {
        seen.push(input);
        return idle(input);
      },
    });
    const plan = await service.createPlan({});
    expect(seen[0]?.accounts).toEqual([
      { id: 'acc-1', exchange: 'binance', canTrade: false, markets: [] },
    ]);
    const vault = plan.checks.find((c) => c.code === 'vault');
    expect(vault).toMatchObject({ ok: false });
    expect(vault?.message).toMatch(/locked, so Main could not be read/);
    expect(plan.ready).toBe(false);
  });

  it('asks the planner for a flatten and saves it with the fresh-books check in place of the quotes check', async () => {
    const seen: PlannerInput[] = [];
    const service = await open({
      planner: (input) => {
        seen.push(input);
        return { ...idle(input), flatten: true };
      },
    });
    const plan = await service.createPlan({ flatten: true });
    expect(seen.map((input) => input.flatten)).toEqual([true, true]);
    expect(plan.flatten).toBe(true);
    const codes = plan.checks.map((c) => c.code);
    expect(codes).toContain('fresh-books');
    expect(codes).not.toContain('stale-quotes');
    expect(plan.checks.find((c) => c.code === 'fresh-books')).toMatchObject({ ok: true });
    expect(await service.getPlan(plan.id)).toMatchObject({ id: plan.id, flatten: true });
  });

  it('refuses a planner answer that is not the kind of plan asked for, and saves nothing', async () => {
    const service = await open();
    await expect(service.createPlan({ flatten: true })).rejects.toMatchObject({
      code: 'internal',
    });
    expect(await service.listPlans()).toEqual([]);
  });

  it('reads a plan saved before flattens existed as a rebalance', async () => {
    const { flatten, ...saved } = rebalancePlan({ at: t, expiresAt: t + 120_000 });
    void flatten;
    await writeFile(
      join(dir, PLANS_FILE),
      JSON.stringify({ version: PLANS_VERSION, body: { plans: [saved] } }),
    );
    const service = await open();
    expect(await service.getPlan(saved.id)).toMatchObject({ id: saved.id, flatten: false });
  });

  it('says a plan it does not know is not found', async () => {
    const service = await open();
    await expect(service.getPlan('nosuchplan')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('fails the quotes and holdings checks when there are none, so the plan is not ready', async () => {
    const service = await open();
    const plan = await service.createPlan({});
    expect(plan.checks.filter((c) => !c.ok).map((c) => c.code)).toEqual([
      'stale-quotes',
      'stale-holdings',
    ]);
    expect(plan.ready).toBe(false);
  });

  it(`keeps the newest ${MAX_PLANS_KEPT} plans`, async () => {
    const service = await open();
    const made: string[] = [];
    for (let i = 0; i < MAX_PLANS_KEPT + 2; i++) {
      t += 1_000;
      made.push((await service.createPlan({})).id);
    }
    const kept = (await service.listPlans()).map((p) => p.id);
    expect(kept).toEqual(made.slice(2).reverse());
  });
});
