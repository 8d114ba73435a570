// The flatten plan: every short of every account (perpetual and dated) closed whole by a reduce-only
// buy priced on its freshly read book, and nothing else: no spot is sold, no short opened, and a
// transfer only where the futures wallet could not pay a close's fee or loss from what the close
// gives back. It only takes risk off, so it is made whatever the regimes say.
import type { OrderStep, PlanAssetRow, PlanProposal, PlanStep, TransferStep } from '../shared/plan';
import type { FuturesPosition } from '../shared/portfolio';
import type { Weights } from '../shared/strategy';
import { portfolioBuckets } from './buckets';
import { positionQuantity } from './buckets-quantities';
import { holdingsAfter } from './planner-after';
import { plannerChecks } from './planner-checks';
import type { PlannerContext } from './planner-context';
import { buildOrder, instrumentOf, note, plannerContext } from './planner-context';
import { closeRelease } from './planner-reduce';
import type { Pricing } from './planner-sizing';
import { floorToStep, meetsMinimum, tidy } from './planner-sizing';
import type { PlannerInput } from './planner-types';
import { replay, Wallets } from './planner-wallets';

const NO_WEIGHTS: Weights = { spot: 0, hedged: 0, stable: 0 };
// A position left this close to 0 by rounding to the venue's step is closed in full.
const DUST = 1e-12;
// Transfers are rounded up to this many decimals so the wallet they fund is never a hair short.
const TRANSFER_DECIMALS = 1e8;

/** The close of one short, whole on the venue's step; null (with a note) when it cannot be made. */
function closeWhole(
  ctx: PlannerContext,
  accountId: string,
  position: FuturesPosition,
): OrderStep | null {
  const { asset, symbol } = position;
  const held = positionQuantity(position);
  const account = ctx.input.accounts.find((a) => a.id === accountId);
  const instrument = account?.canTrade ? instrumentOf(account, asset, symbol) : null;
  if (!instrument) {
    note(
      ctx,
      'no-trading-account',
      asset,
      `The ${symbol} short on ${accountId} cannot be closed from here: the account is read-only, ` +
        'its keys are locked away, or it does not list the contract.',
    );
    return null;
  }
  const contracts = floorToStep(held / instrument.contractSize, instrument.rules.amountStep);
  const sized = { amount: tidy(contracts * instrument.contractSize), contracts };
  const left = held - sized.amount;
  if (left > DUST * Math.max(1, held)) {
    note(
      ctx,
      'below-minimum',
      asset,
      `${left} ${asset} of the ${symbol} short is below the venue's order step and stays open.`,
    );
  }
  if (!meetsMinimum(instrument, sized, instrument.price, true)) {
    note(
      ctx,
      'below-minimum',
      asset,
      `The ${symbol} short (${held} ${asset}) is below the smallest order the venue accepts, ` +
        'even one that only closes a position: it stays open.',
    );
    return null;
  }
  const step = buildOrder(ctx, {
    account: accountId,
    asset,
    instrument,
    side: 'buy',
    sized,
    purpose: 'close-short',
    pair: null,
  });
  ctx.releases.set(step, closeRelease(position, sized.amount, held, step.price));
  return step;
}

/**
 * Up-front transfers of the margin coin from spot to futures for each account whose futures wallet
 * would go below 0 while its shorts close (a cross short deep in loss, closed at a worse price than
 * its mark); as much as spot holds.
 */
function feeTransfers(
  opening: Wallets,
  closes: readonly OrderStep[],
  ctx: PlannerContext,
): TransferStep[] {
  const mc = ctx.input.settings.marginCoin;
  const { lowest } = replay(opening, closes, mc, (s) =>
    s.kind === 'order' ? (ctx.releases.get(s) ?? 0) : 0,
  );
  const transfers: TransferStep[] = [];
  for (const account of new Set(closes.map((c) => c.account))) {
    const shortfall = -lowest.get(account, 'futures', mc);
    const spare = opening.get(account, 'spot', mc);
    const amount = Math.min(Math.ceil(shortfall * TRANSFER_DECIMALS) / TRANSFER_DECIMALS, spare);
    if (!(shortfall > 0) || !(amount > 0)) continue;
    transfers.push({
      step: -1,
      kind: 'transfer',
      account,
      asset: mc,
      pair: null,
      amount,
      from: 'spot',
      to: 'futures',
      reason: 'Fees and losses of the shorts being closed',
    });
  }
  return transfers;
}

/** A flatten's aim: the hedged share becomes unhedged spot, the rest stays. */
const unhedged = (w: { spot: number; hedged: number }, stable: number): Weights => ({
  spot: w.spot + w.hedged,
  hedged: 0,
  stable,
});

/**
 * The plan that closes every short of every account, whole, reduce-only, each priced on its book.
 * A short with no book read is planned at its reference price and the `books` check fails for it.
 */
export function planFlatten(input: PlannerInput): PlanProposal {
  const { settings } = input;
  const mc = settings.marginCoin;
  const bucketsInput = { ...input.buckets, driftBand: settings.driftBand };
  const before = portfolioBuckets(bucketsInput);
  const ctx = plannerContext(input);

  const closes: OrderStep[] = [];
  for (const holdings of input.buckets.holdings) {
    for (const position of holdings.futures.positions) {
      if (position.side !== 'short' || !(positionQuantity(position) > 0)) continue;
      const step = closeWhole(ctx, holdings.accountId, position);
      if (step) closes.push(step);
    }
  }
  if (closes.length === 0 && ctx.notes.length === 0) {
    note(ctx, 'insufficient-balance', null, 'No short is open, so there is nothing to flatten.');
  }
  const opening = Wallets.opening(input.buckets.holdings, mc);
  const transfers = feeTransfers(opening, closes, ctx);
  const steps: PlanStep[] = [...transfers, ...closes].map((s, i) => ({ ...s, step: i }));
  // Numbering copies the steps: each copy keeps its original's pricing and release.
  const pricing = new Map<OrderStep, Pricing>();
  const releases = new Map<PlanStep, number>();
  steps.forEach((step, i) => {
    const original = i < transfers.length ? null : closes[i - transfers.length]!;
    if (step.kind !== 'order' || !original) return;
    pricing.set(step, ctx.pricing.get(original)!);
    releases.set(step, ctx.releases.get(original) ?? 0);
  });
  const full = replay(opening, steps, mc, (s) => releases.get(s) ?? 0);

  const expiries = new Map<string, number | null>();
  for (const h of input.buckets.holdings) {
    for (const p of h.futures.positions) expiries.set(p.symbol, p.expiry);
  }
  const holdings = holdingsAfter(
    input.buckets.holdings,
    steps,
    mc,
    (symbol) => expiries.get(symbol) ?? null,
  );
  const after = portfolioBuckets({ ...bucketsInput, holdings });
  const afterOf = new Map(after.assets.map((a) => [a.asset, a.current]));
  const assets: PlanAssetRow[] = before.assets.map((a) => {
    const current = a.current ?? { spot: 0, hedged: 0 };
    return {
      asset: a.asset,
      regime: a.regime,
      current,
      target: unhedged(current, 0),
      after: afterOf.get(a.asset) ?? current,
    };
  });
  const current = before.current ?? NO_WEIGHTS;
  const orders = steps.filter((s): s is OrderStep => s.kind === 'order');
  return {
    action: null,
    flatten: true,
    value: before.value,
    current,
    target: before.current ? unhedged(current, current.stable) : NO_WEIGHTS,
    after: after.current ?? NO_WEIGHTS,
    assets,
    steps,
    shorts: [],
    carry: [],
    costs: {
      fees: orders.reduce((sum, o) => sum + o.fee, 0),
      slippage: orders.reduce((sum, o) => sum + (pricing.get(o)?.slippageCost ?? 0), 0),
    },
    checks: plannerChecks({
      steps,
      pricing,
      instrumentOf: (step) => {
        const account = input.accounts.find((a) => a.id === step.account);
        return account ? instrumentOf(account, step.asset, step.symbol) : null;
      },
      shorts: [],
      notes: ctx.notes,
      lowest: full.lowest,
      slippageLimit: settings.slippageLimit,
      leverageCap: settings.leverageCap,
      unkeptModes: [],
    }),
    notes: ctx.notes,
  };
}
