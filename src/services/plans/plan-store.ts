// The saved plans, in `plans.json` in the data folder (versioned, written atomically, a damaged file
// moved aside and the user told). A plan is kept until it expires, so an executor can take it by id
// while it is valid; expired plans are dropped when the file is opened and whenever it is saved,
// and no more than MAX_PLANS_KEPT are kept (the oldest go first).
import { z } from 'zod';
import { PLAN_CHECK_CODES, planIdSchema, type RebalancePlan } from '../../shared/plan';
import { openVersionedFile, type VersionedFile } from '../portfolio/versioned-file';

export const PLANS_FILE = 'plans.json';
export const PLANS_VERSION = 1;
export const MAX_PLANS_KEPT = 50;

// The fields the store and an executor rely on are checked; the rest of a plan is the planner's
// answer saved as it was made, and travels as it is.
const savedPlanSchema = z.looseObject({
  id: planIdSchema,
  at: z.number(),
  expiresAt: z.number(),
  demo: z.boolean(),
  ready: z.boolean(),
  // A plan saved before flattens existed is a rebalance.
  flatten: z.boolean().default(false),
  steps: z.array(z.looseObject({ step: z.number().int(), kind: z.enum(['transfer', 'order']) })),
  checks: z.array(
    z.object({ code: z.enum(PLAN_CHECK_CODES), ok: z.boolean(), message: z.string() }),
  ),
});

const bodySchema = z.object({ plans: z.array(savedPlanSchema) });
type Body = { plans: RebalancePlan[] };

export interface PlanStore {
  /** Every plan kept, newest first (expired ones too, until the next save drops them). */
  list(): RebalancePlan[];
  get(id: string): RebalancePlan | null;
  save(plan: RebalancePlan): Promise<void>;
  close(): Promise<void>;
}

function kept(plans: readonly RebalancePlan[], now: number): RebalancePlan[] {
  return plans
    .filter((p) => p.expiresAt > now)
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_PLANS_KEPT);
}

export async function openPlanStore(options: {
  dataDir: string;
  now: () => number;
  tell: (message: string) => void;
}): Promise<PlanStore> {
  const file: VersionedFile<Body> = await openVersionedFile<Body>({
    dataDir: options.dataDir,
    name: PLANS_FILE,
    what: 'the saved rebalance plans',
    version: PLANS_VERSION,
    schema: bodySchema as unknown as z.ZodType<Body>,
    empty: () => ({ plans: [] }),
    now: options.now,
    tell: options.tell,
  });
  // Expired plans are dropped on opening (in memory at once; on disk with the next save).
  let plans = kept(file.current().plans, options.now());
  return {
    list: () => structuredClone(plans),
    get: (id) => structuredClone(plans.find((p) => p.id === id) ?? null),
    async save(plan) {
      const saved = await file.update((body) => ({
        plans: kept([plan, ...body.plans.filter((p) => p.id !== plan.id)], options.now()),
      }));
      plans = saved.plans;
    },
    close: () => file.close(),
  };
}
