// The portfolio's value over time: one point per successful holdings sync, kept as the series
// `portfolio`/`value` in the history store the market already has open (one store per data folder).
import type { PortfolioHistoryQuery } from '../../shared/portfolio';
import type { HistoryStore } from '../history';
import { seriesKey } from '../history';

export interface ValueHistory {
  append(at: number, value: number): Promise<void>;
  /** [time, value in USDT] points, oldest first. */
  read(query: PortfolioHistoryQuery): Promise<[number, number][]>;
}

export const PORTFOLIO_VALUE_SERIES = seriesKey('portfolio', 'value');

/** Enough points for any chart; a long range is thinned to this many. */
const MAX_CHART_POINTS = 2_000;

/** The value history over an open history store. */
export function historyValueHistory(store: HistoryStore): ValueHistory {
  return {
    async append(at, value) {
      // The store takes whole ms in order and refuses the rest (a clock stepped back), which loses
      // one point of a chart at most.
      store.append(PORTFOLIO_VALUE_SERIES, Math.round(at), value);
    },
    async read(query) {
      const data = await store.read(PORTFOLIO_VALUE_SERIES, {
        ...query,
        maxPoints: MAX_CHART_POINTS,
      });
      return Array.from(data.t, (t, i): [number, number] => [t, data.v[i] ?? NaN]);
    },
  };
}
