// What the tray shows, decided apart from Electron: each tracked asset's regime as the last market
// snapshot gave it, the actions (open the window, pause or resume polling, quit) and the tooltip,
// which names the regime that most calls for attention.
import type { MenuItemConstructorOptions } from 'electron';
import type { MarketSnapshot } from '../shared/market';
import { MARKET_HEALTH_STATES, marketSnapshotSchema } from '../shared/market';
import type { Regime } from '../shared/strategy';
import { REGIME_LABELS } from '../shared/strategy';

export interface TrayAsset {
  asset: string;
  /** Null while the market gave the asset no regime (no quotes for it yet). */
  regime: Regime | null;
  stale: boolean;
}

export interface TrayState {
  /** The tracked assets of the last snapshot, in its order; null before the first one. */
  assets: TrayAsset[] | null;
  /** `none` while no market runs (nothing to pause). */
  polling: 'running' | 'paused' | 'none';
}

export const INITIAL_TRAY_STATE: TrayState = { assets: null, polling: 'none' };

export interface TrayActions {
  open(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

/**
 * The assets of a snapshot as the services sent it, or null for one that is not a snapshot (events
 * cross a process boundary: they are checked before anything of theirs is shown).
 */
export function trayAssetsOf(snapshot: unknown): TrayAsset[] | null {
  const parsed = marketSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) return null;
  const checked: MarketSnapshot = parsed.data;
  return checked.assets.map(({ asset, regime, stale }) => ({ asset, regime, stale }));
}

/** How polling stands by the market's health as the services sent it (null: no market runs). */
export function pollingOf(health: unknown): TrayState['polling'] {
  if (typeof health !== 'object' || health === null || !('state' in health)) return 'none';
  const state = MARKET_HEALTH_STATES.find((known) => known === health.state);
  if (state === undefined) return 'none';
  return state === 'paused' ? 'paused' : 'running';
}

/**
 * Regimes from the one that most calls for a look to the one that least does: an overheated market
 * first (the policy de-risks or hedges there), then a deep backwardation, then a moderate contango.
 */
const ATTENTION: readonly Regime[] = [
  'extreme-contango',
  'deep-backwardation',
  'moderate-contango',
  'neutral',
];

/** The regime of `assets` that most calls for attention, with the assets in it; null when none has one. */
export function worstRegime(
  assets: readonly TrayAsset[],
): { regime: Regime; assets: string[] } | null {
  for (const regime of ATTENTION) {
    const inIt = assets.filter((a) => a.regime === regime).map((a) => a.asset);
    if (inIt.length > 0) return { regime, assets: inIt };
  }
  return null;
}

/** The tooltip: the worst regime and who is in it, whether polling is paused, or just "Premia". */
export function trayTooltip(state: TrayState): string {
  const worst = state.assets ? worstRegime(state.assets) : null;
  const parts: string[] = [];
  if (worst) parts.push(`${REGIME_LABELS[worst.regime]} (${worst.assets.join(', ')})`);
  if (state.polling === 'paused') parts.push('polling paused');
  return parts.length === 0 ? 'Premia' : `Premia: ${parts.join('; ')}`;
}

function assetLine({ asset, regime, stale }: TrayAsset): string {
  const said = regime === null ? 'no data yet' : REGIME_LABELS[regime];
  return `${asset}: ${said}${stale && regime !== null ? ' (stale)' : ''}`;
}

/** The tray's menu: the regimes (read-only lines), then the actions. */
export function trayMenuTemplate(
  state: TrayState,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const regimes: MenuItemConstructorOptions[] =
    state.assets === null || state.assets.length === 0
      ? [{ label: 'No market data yet', enabled: false }]
      : state.assets.map((a) => ({ label: assetLine(a), enabled: false }));
  const paused = state.polling === 'paused';
  return [
    ...regimes,
    { type: 'separator' },
    { label: 'Open Premia', click: () => actions.open() },
    {
      label: paused ? 'Resume polling' : 'Pause polling',
      enabled: state.polling !== 'none',
      click: () => actions.setPaused(!paused),
    },
    { type: 'separator' },
    { label: 'Quit Premia', click: () => actions.quit() },
  ];
}
