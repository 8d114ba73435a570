// Adding and removing tracked assets from the Markets page. A custom asset mix must name exactly the
// tracked assets, so a change to the list never edits the mix silently: the user picks what happens.
import { issueText } from '../../../shared/issue-text';
import { assetSymbolSchema, type Settings } from '../../../shared/settings';
import { formatPercent } from '../../../core/format';

export type AssetSettings = Settings['assets'];

/** What an `updateSettings` call for the list sends: always both keys, so the pair stays consistent. */
export interface AssetsPatch {
  assets: { tracked: string[]; mix: Record<string, number> };
}

export interface MixChoice {
  label: string;
  patch: AssetsPatch;
}

export type TrackedChange =
  /** Nothing to save, with the reason to show at the field. */
  | { kind: 'refused'; message: string }
  | { kind: 'ready'; patch: AssetsPatch }
  /** The user has a custom mix: one of `choices` must be picked (or the change cancelled). */
  | { kind: 'mix-conflict'; message: string; choices: MixChoice[] };

const MAX_TRACKED = 100;

function hasCustomMix(current: AssetSettings): boolean {
  return Object.keys(current.mix).length > 0;
}

function describeMix(current: AssetSettings): string {
  return current.tracked
    .map((asset) => `${asset} ${formatPercent(current.mix[asset] ?? 0, 0)}`)
    .join(', ');
}

function equalShares(label: string, tracked: string[]): MixChoice {
  return { label, patch: { assets: { tracked, mix: {} } } };
}

/** The ticker typed into the field, checked with the settings' own rule. */
export function parseTicker(text: string): { ticker: string } | { message: string } {
  const parsed = assetSymbolSchema.safeParse(text);
  if (parsed.success) return { ticker: parsed.data };
  const issue = parsed.error.issues[0];
  const message = issue ? issueText(issue) : 'is not a ticker';
  return { message: `${message.charAt(0).toUpperCase()}${message.slice(1)}` };
}

export function addTrackedAsset(current: AssetSettings, text: string): TrackedChange {
  const parsed = parseTicker(text);
  if ('message' in parsed) return { kind: 'refused', message: parsed.message };
  const { ticker } = parsed;
  if (current.tracked.includes(ticker)) {
    return { kind: 'refused', message: `${ticker} is already tracked.` };
  }
  if (current.tracked.length >= MAX_TRACKED) {
    return { kind: 'refused', message: `Premia tracks at most ${MAX_TRACKED} assets.` };
  }
  const tracked = [...current.tracked, ticker];
  if (!hasCustomMix(current)) return { kind: 'ready', patch: { assets: { tracked, mix: {} } } };
  return {
    kind: 'mix-conflict',
    message: `Your custom mix (${describeMix(current)}) has no share for ${ticker}. Track ${ticker} with equal shares for every asset, or cancel and give ${ticker} a share on the Strategy page.`,
    choices: [equalShares(`Track ${ticker} with equal shares`, tracked)],
  };
}

export function removeTrackedAsset(current: AssetSettings, asset: string): TrackedChange {
  if (!current.tracked.includes(asset)) {
    return { kind: 'refused', message: `${asset} is not tracked.` };
  }
  if (current.tracked.length <= 1) {
    return { kind: 'refused', message: 'Premia needs at least one tracked asset.' };
  }
  const tracked = current.tracked.filter((a) => a !== asset);
  if (!hasCustomMix(current)) return { kind: 'ready', patch: { assets: { tracked, mix: {} } } };

  const removedShare = current.mix[asset] ?? 0;
  const rest = tracked.reduce((sum, a) => sum + (current.mix[a] ?? 0), 0);
  const choices: MixChoice[] = [];
  if (rest > 0) {
    const mix: Record<string, number> = {};
    for (const a of tracked) mix[a] = (current.mix[a] ?? 0) / rest;
    choices.push({
      label: `Remove ${asset} and rescale the rest`,
      patch: { assets: { tracked, mix } },
    });
  }
  choices.push(equalShares(`Remove ${asset} and use equal shares`, tracked));
  return {
    kind: 'mix-conflict',
    message: `${asset} has ${formatPercent(removedShare, 0)} of your custom mix (${describeMix(current)}). Rescale the other shares so they keep their proportions, or switch to equal shares.`,
    choices,
  };
}
