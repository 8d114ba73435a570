// Each tracked asset's regime levels as the form stands: from its own history (the host's statistics
// with the multiples as edited) when the form asks for that and the history suffices, else fixed.
import { thresholdsFromMoments } from '../../../core/calibration';
import type { Calibration } from '../../../shared/market';
import { historyKSchema, type HistoryK, type Thresholds } from '../../../shared/strategy';
import { parseNumberText } from '../ui/number-text';
import type { CalibrationLoad } from './use-calibrations';
import type { SettingsDraft } from './settings-draft';

/** The draft's multiples, or null while any is not a usable number or they are out of order. */
export function historyKFromDraft(draft: SettingsDraft): HistoryK | null {
  const read = (text: string) => parseNumberText(text) ?? Number.NaN;
  const { deep, moderate, extreme } = draft.thresholds.historyK;
  const candidate = { deep: read(deep), moderate: read(moderate), extreme: read(extreme) };
  const parsed = historyKSchema.safeParse(candidate);
  return parsed.success && candidate.moderate < candidate.extreme ? candidate : null;
}

/** The levels the asset's history sets with multiples `k`: the host's own when `k` is not usable. */
export function levelsFromHistory(calibration: Calibration, k: HistoryK | null): Thresholds | null {
  if (k === null || calibration.stats === null) return calibration.fromHistory;
  try {
    return thresholdsFromMoments(calibration.stats.mean, calibration.stats.std, k);
  } catch {
    return null;
  }
}

export interface AssetLevels {
  asset: string;
  thresholds: Thresholds;
  source: 'history' | 'fixed' | 'pending';
}

/**
 * The levels an asset is classified by under the draft: 'pending' while its calibration is on its
 * way, 'fixed' when history cannot set them (the market falls back to the fixed levels then too).
 */
export function assetLevels(
  asset: string,
  load: CalibrationLoad | undefined,
  fixed: Thresholds,
  k: HistoryK | null,
): AssetLevels {
  if (load === undefined) return { asset, thresholds: fixed, source: 'pending' };
  const fromHistory = 'calibration' in load ? levelsFromHistory(load.calibration, k) : null;
  return fromHistory === null
    ? { asset, thresholds: fixed, source: 'fixed' }
    : { asset, thresholds: fromHistory, source: 'history' };
}
