// The asset whose detail is open lives in the URL hash as `asset=<ticker>`, beside the page and the
// access token, so a link or a reload opens the same detail.

import { assetSymbolSchema } from '../../../shared/settings';

const ASSET_KEY = 'asset';

function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** The asset named in a location hash, upper-cased, or null. */
export function assetInHash(hash: string): string | null {
  const asset = hashParams(hash).get(ASSET_KEY)?.trim().toUpperCase();
  return asset ? asset : null;
}

/** The hash that opens `asset` (or closes the detail, for null) keeping every other entry. */
export function hashWithAsset(hash: string, asset: string | null): string {
  const params = hashParams(hash);
  if (asset === null) params.delete(ASSET_KEY);
  else params.set(ASSET_KEY, asset);
  const text = params.toString();
  return text === '' ? '#' : `#${text}`;
}

/**
 * What the asset named in the URL opens: its detail when it is tracked; an offer to track it when it
 * could be (the host checks that the venue lists it); a refusal when it is no ticker at all; nothing
 * while the tracked assets are not known yet, or when none is named.
 */
export type SelectedView =
  | { kind: 'none' }
  | { kind: 'detail'; asset: string }
  | { kind: 'untracked'; asset: string }
  | { kind: 'invalid'; text: string };

export function selectedView(
  asset: string | null,
  tracked: readonly string[] | null,
): SelectedView {
  if (asset === null || tracked === null) return { kind: 'none' };
  if (!assetSymbolSchema.safeParse(asset).success) return { kind: 'invalid', text: asset };
  return tracked.includes(asset) ? { kind: 'detail', asset } : { kind: 'untracked', asset };
}
