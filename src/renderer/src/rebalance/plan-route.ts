// Which saved plan the Rebalance page shows lives in the URL hash as `plan=<id>` beside the page, so a
// single action elsewhere can open the page on the plan it made, and a reload stays on it.
import { hashWithPage } from '../routing/hash-route';

const PLAN_KEY = 'plan';
export const REBALANCE_PAGE = 'rebalance';

function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** The plan id named in a location hash, or null when none is. */
export function planInHash(hash: string): string | null {
  const id = hashParams(hash).get(PLAN_KEY);
  return id === null || id === '' ? null : id;
}

/** The hash that opens the Rebalance page on plan `id`, keeping every other entry of `hash`. */
export function hashShowingPlan(hash: string, id: string): string {
  const params = hashParams(hashWithPage(hash, REBALANCE_PAGE));
  params.set(PLAN_KEY, id);
  return `#${params.toString()}`;
}
