// What the UI asks of the market's past: one stored series (the premium as the signal averaged it,
// funding settlement by settlement with each one's interval, or a raw figure), and each asset's
// calibration, kept for an hour unless its history or the settings behind it change.
import { PremiaError } from '../../shared/errors';
import type { Calibration, HistoryQuery, HistorySeries } from '../../shared/market';
import type { Settings } from '../../shared/settings';
import { DAY_MS } from '../../shared/time';
import type { HistoryStore, SeriesData } from '../history';
import { downsampleMinMax, HistoryStoreClosedError } from '../history';
import { calibrateAsset } from './calibration';
import type { PremiumHistoryKeys } from './premium-history';
import { readPremiumHistory } from './premium-history';
import type { SourceLabel } from './series';
import { FIELD_OF_QUERY, marketSeriesKey } from './series';
import { readSettlements, thinSettlements } from './settlements';

const CALIBRATION_TTL_MS = 3_600_000;

export interface MarketQueriesDeps {
  openStore(): Promise<HistoryStore>;
  settings(): Settings;
  /** The label of the market the settings choose. */
  label(): SourceLabel;
  /** The asset's funding interval as last shown, for settlements whose spacing tells none. */
  intervalHoursOf(asset: string): number;
  /** The market's clock: calibration's trailing year ends here. */
  marketNow(): number;
  wallNow(): number;
}

export interface MarketQueries {
  history(query: HistoryQuery): Promise<HistorySeries>;
  calibration(asset: string, settings: Settings): Promise<Calibration>;
  /** The asset's history changed (a backfill filled it): its calibration is worked out again. */
  forget(asset: string): void;
  /** The market changed: every calibration is worked out again. */
  forgetAll(): void;
}

export function premiumKeys(source: SourceLabel, asset: string): PremiumHistoryKeys {
  return {
    premium: marketSeriesKey(source, asset, 'premium'),
    funding: marketSeriesKey(source, asset, 'funding'),
    fundingInterval: marketSeriesKey(source, asset, 'funding-interval'),
  };
}

function toSeries(query: HistoryQuery, data: SeriesData): HistorySeries {
  return { asset: query.asset, series: query.series, t: Array.from(data.t), v: Array.from(data.v) };
}

export function createMarketQueries(deps: MarketQueriesDeps): MarketQueries {
  const calibrations = new Map<string, { at: number; key: string; value: Calibration }>();

  async function read(
    store: HistoryStore,
    source: SourceLabel,
    query: HistoryQuery,
  ): Promise<HistorySeries> {
    const range = {
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
    };
    if (query.series === 'premium') {
      let data = await readPremiumHistory(store, premiumKeys(source, query.asset), {
        ...range,
        windowMs: deps.settings().signal.averagingWindowDays * DAY_MS,
        intervalHours: deps.intervalHoursOf(query.asset),
      });
      if (query.maxPoints !== undefined) data = downsampleMinMax(data, query.maxPoints);
      return toSeries(query, data);
    }
    if (query.series === 'funding') {
      let settled = await readSettlements(store, premiumKeys(source, query.asset), {
        ...range,
        fallbackHours: deps.intervalHoursOf(query.asset),
      });
      if (query.maxPoints !== undefined) settled = thinSettlements(settled, query.maxPoints);
      return { ...toSeries(query, settled), intervalHours: Array.from(settled.h) };
    }
    const data = await store.read(
      marketSeriesKey(source, query.asset, FIELD_OF_QUERY[query.series]),
      { ...range, ...(query.maxPoints !== undefined ? { maxPoints: query.maxPoints } : {}) },
    );
    return toSeries(query, data);
  }

  return {
    async history(query) {
      const source = deps.label();
      try {
        return await read(await deps.openStore(), source, query);
      } catch (error) {
        if (error instanceof HistoryStoreClosedError) {
          throw new PremiaError('unavailable', 'Premia is shutting down.');
        }
        throw error;
      }
    },

    async calibration(asset, settings) {
      const source = deps.label();
      const key = JSON.stringify([
        source,
        settings.thresholds.fixed,
        settings.thresholds.historyK,
        settings.signal.averagingWindowDays,
      ]);
      const cached = calibrations.get(asset);
      if (cached && cached.key === key && deps.wallNow() - cached.at < CALIBRATION_TTL_MS) {
        return cached.value;
      }
      const value = await calibrateAsset(await deps.openStore(), premiumKeys(source, asset), {
        asset,
        settings,
        now: deps.marketNow(),
        intervalHours: deps.intervalHoursOf(asset),
      });
      calibrations.set(asset, { at: deps.wallNow(), key, value });
      return value;
    },

    forget(asset) {
      calibrations.delete(asset);
    },
    forgetAll() {
      calibrations.clear();
    },
  };
}
