// The rebalance planner: from the holdings, the targets of the current regimes, each account's
// markets and books and the settings, the exact steps that would move the portfolio to its targets,
// in execution order, with their costs, risks, carry, checks and notes (see docs/strategy.md).
import type {
  OrderStep,
  PlanAssetRow,
  PlanNoteCode,
  PlanProposal,
  PlanStep,
  TransferStep,
} from '../shared/plan';
import type { Weights } from '../shared/strategy';
import { portfolioBuckets } from './buckets';
import { planFlatten } from './flatten';
import { plannerChecks } from './planner-checks';
import type { PlannerContext } from './planner-context';
import type { Pricing } from './planner-sizing';
import { instrumentOf, note, plannerContext } from './planner-context';
import { holdingsAfter } from './planner-after';
import { planGrowth } from './planner-grow';
import { planReductions } from './planner-reduce';
import type { AssetGoal } from './planner-targets';
import { assetGoals } from './planner-targets';
import type { PlannerInput } from './planner-types';
import { fundingTransfers, replay, Wallets } from './planner-wallets';

const NO_WEIGHTS: Weights = { spot: 0, hedged: 0, stable: 0 };
// Drift within this of the band is the band: the same allowance the buckets give.
const DRIFT_EPSILON = 1e-9;

const NOT_REASONS: ReadonlySet<PlanNoteCode> = new Set(['roll', 'existing-position']);

const percent = (v: number): string => `${(v * 100).toFixed(2)}%`;

interface Ordered {
  steps: PlanStep[];
  /** Each numbered order's pricing and, for a close, the margin it gives back. */
  pricing: Map<OrderStep, Pricing>;
  releases: Map<PlanStep, number>;
}

/** Numbers the steps in execution order, carrying each order's pricing and release to its copy. */
function numberSteps(ctx: PlannerContext, groups: readonly (readonly PlanStep[])[]): Ordered {
  const steps: PlanStep[] = [];
  const pricing = new Map<OrderStep, Pricing>();
  const releases = new Map<PlanStep, number>();
  for (const group of groups) {
    for (const original of group) {
      const step = { ...original, step: steps.length };
      steps.push(step);
      if (original.kind !== 'order') continue;
      pricing.set(step as OrderStep, ctx.pricing.get(original)!);
      releases.set(step, ctx.releases.get(original) ?? 0);
    }
  }
  return { steps, pricing, releases };
}

/** Finds the instrument an order was built on, in its account's markets. */
function instrumentFinder(ctx: PlannerContext) {
  const accounts = new Map(ctx.input.accounts.map((a) => [a.id, a]));
  return (step: OrderStep) => {
    const account = accounts.get(step.account);
    return account ? instrumentOf(account, step.asset, step.symbol) : null;
  };
}

function expiryFinder(ctx: PlannerContext) {
  const expiries = new Map<string, number | null>();
  for (const account of ctx.input.accounts) {
    for (const m of account.markets) for (const f of m.futures) expiries.set(f.symbol, f.expiry);
  }
  return (symbol: string): number | null => expiries.get(symbol) ?? null;
}

/** Notes, for every asset still outside the band after the plan, why the plan could not do better. */
function explainDrift(
  ctx: PlannerContext,
  rows: readonly PlanAssetRow[],
  after: Weights,
  target: Weights,
  band: number,
): void {
  const out = (a: number, b: number): boolean => Math.abs(a - b) > band + DRIFT_EPSILON;
  // A roll or an open position's terms say what the plan did, not why it fell short.
  const explained = new Set(ctx.notes.filter((n) => !NOT_REASONS.has(n.code)).map((n) => n.asset));
  for (const row of rows) {
    if (!out(row.after.spot, row.target.spot) && !out(row.after.hedged, row.target.hedged))
      continue;
    if (explained.has(row.asset)) continue;
    note(
      ctx,
      'below-minimum',
      row.asset,
      `${row.asset} stays off its target (spot ${percent(row.after.spot)} against ` +
        `${percent(row.target.spot)}, hedged ${percent(row.after.hedged)} against ` +
        `${percent(row.target.hedged)}): the venue's order steps and minimums leave the rest.`,
    );
  }
  const portfolioOut = (['spot', 'hedged', 'stable'] as const).some((b) =>
    out(after[b], target[b]),
  );
  if (portfolioOut && ctx.notes.length === 0) {
    note(
      ctx,
      'below-minimum',
      null,
      "The portfolio stays off its targets by what the venues' order steps and minimums leave.",
    );
  }
}

/**
 * The plan that moves the portfolio to its targets, carries out one action on one asset, or (asked
 * for a flatten) closes every short. Pure:
 * nothing is read from a clock or the outside world; `input.now` dates the expiries.
 */
export function planRebalance(input: PlannerInput): PlanProposal {
  if (input.flatten) return planFlatten(input);
  const { settings } = input;
  const action = input.action ?? null;
  const bucketsInput = { ...input.buckets, driftBand: settings.driftBand };
  const before = portfolioBuckets(bucketsInput);
  const ctx = plannerContext(input);
  const mc = settings.marginCoin;

  const rows = (goals: readonly AssetGoal[], after: typeof before | null): PlanAssetRow[] => {
    const goalOf = new Map(goals.map((g) => [g.asset, g]));
    const afterOf = new Map((after?.assets ?? []).map((b) => [b.asset, b.current]));
    return before.assets.map((a) => {
      const goal = goalOf.get(a.asset);
      const later = afterOf.get(a.asset);
      return {
        asset: a.asset,
        regime: a.regime,
        current: a.current ?? { spot: 0, hedged: 0 },
        target: goal?.target ?? a.target,
        after: later ?? a.current ?? { spot: 0, hedged: 0 },
      };
    });
  };
  const empty = (goals: readonly AssetGoal[]): PlanProposal => ({
    action,
    flatten: false,
    value: before.value,
    current: before.current ?? NO_WEIGHTS,
    target: before.current ? before.target : NO_WEIGHTS,
    after: before.current ?? NO_WEIGHTS,
    assets: rows(goals, before),
    steps: [],
    shorts: [],
    carry: [],
    costs: { fees: 0, slippage: 0 },
    checks: plannerChecks({
      steps: [],
      pricing: ctx.pricing,
      instrumentOf: instrumentFinder(ctx),
      shorts: [],
      notes: ctx.notes,
      lowest: new Wallets(),
      slippageLimit: settings.slippageLimit,
      leverageCap: settings.leverageCap,
      unkeptModes: [],
    }),
    notes: ctx.notes,
  });

  for (const row of before.assets) {
    if (row.price !== null || (action && action.asset !== row.asset)) continue;
    note(
      ctx,
      'no-price',
      row.asset,
      `${row.asset} has no price yet, so the plan leaves it as it is.`,
    );
  }
  if (!(before.value > 0)) {
    note(
      ctx,
      'insufficient-balance',
      null,
      before.value === 0
        ? 'Nothing is held yet, so there is nothing to rebalance.'
        : 'The portfolio is worth less than nothing (long futures cost more than the margin behind them): nothing is planned.',
    );
    return empty([]);
  }
  if (!action && !before.rebalanceDue) return empty([]);

  const goals = assetGoals(before, action, input.buckets.policy);
  const reduced = planReductions(ctx, goals);
  const releaseOf = (step: PlanStep): number =>
    step.kind === 'order' ? (ctx.releases.get(step) ?? 0) : 0;
  const opening = Wallets.opening(input.buckets.holdings, mc);
  const reducedEnd = replay(opening, [...reduced.closes, ...reduced.sells], mc, releaseOf).end;
  const cash = new Map(
    input.accounts.map((a) => [
      a.id,
      Math.max(0, reducedEnd.get(a.id, 'spot', mc)) +
        Math.max(0, reducedEnd.get(a.id, 'futures', mc)),
    ]),
  );
  const grown = planGrowth(ctx, goals, reduced, cash);
  const sells = [...reduced.sells, ...grown.conversions];
  const phaseA = replay(opening, [...reduced.closes, ...sells], mc, releaseOf);
  const upFront: TransferStep[] = [];
  const afterProceeds: TransferStep[] = [];
  for (const [account, needs] of grown.needs) {
    const side = (w: Wallets) => ({
      spot: w.get(account, 'spot', mc),
      futures: w.get(account, 'futures', mc),
    });
    const t = fundingTransfers(account, mc, needs, side(phaseA.end), side(phaseA.lowest));
    upFront.push(...t.upFront);
    afterProceeds.push(...t.afterProceeds);
  }
  const { steps, pricing, releases } = numberSteps(ctx, [
    upFront,
    reduced.closes,
    sells,
    afterProceeds,
    grown.pairs,
    grown.buys,
    grown.hedges,
  ]);
  const full = replay(opening, steps, mc, (s) => releases.get(s) ?? 0);

  const holdings = holdingsAfter(input.buckets.holdings, steps, mc, expiryFinder(ctx));
  const after = portfolioBuckets({ ...bucketsInput, holdings });
  const assets = rows(goals, after);
  const target: Weights = { ...before.target };
  const rowOf = new Map(before.assets.map((a) => [a.asset, a]));
  for (const goal of goals) {
    const row = rowOf.get(goal.asset)!;
    target.spot += goal.target.spot - row.target.spot;
    target.hedged += goal.target.hedged - row.target.hedged;
    target.stable += goal.target.stable - row.target.stable;
  }
  const afterWeights = after.current ?? NO_WEIGHTS;
  if (!action) explainDrift(ctx, assets, afterWeights, target, settings.driftBand);

  const orders = steps.filter((s): s is OrderStep => s.kind === 'order');
  return {
    action,
    flatten: false,
    value: before.value,
    current: before.current ?? NO_WEIGHTS,
    target,
    after: afterWeights,
    assets,
    steps,
    shorts: grown.shorts,
    carry: grown.carry,
    costs: {
      fees: orders.reduce((sum, o) => sum + o.fee, 0),
      slippage: orders.reduce((sum, o) => sum + (pricing.get(o)?.slippageCost ?? 0), 0),
    },
    checks: plannerChecks({
      steps,
      pricing,
      instrumentOf: instrumentFinder(ctx),
      shorts: grown.shorts,
      notes: ctx.notes,
      lowest: full.lowest,
      slippageLimit: settings.slippageLimit,
      leverageCap: settings.leverageCap,
      unkeptModes: ctx.unkeptModes,
    }),
    notes: ctx.notes,
  };
}
