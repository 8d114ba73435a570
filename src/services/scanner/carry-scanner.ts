// The carry scanner of one running market: every perpetual's quote from the cycle's bulk answer, their
// settlements recorded (./perpetual-funding) and filled from the venue (./scanner-fill), and the view
// the page asks for, built by the pure figures of src/core.
import { heatmapDays, scannerRow } from '../../core/carry-scanner';
import type { MarketSnapshot } from '../../shared/market';
import type { CarryScannerView } from '../../shared/scanner';
import { SCANNER_HEATMAP_DAYS } from '../../shared/scanner';
import type { Settings } from '../../shared/settings';
import { DAY_MS } from '../../shared/time';
import type { PerpetualQuote } from '../gateway';
import type { HistoryStore } from '../history';
import type { Logger } from '../logger';
import type { SourceLabel } from '../market/series';
import { PerpetualFundingLedger } from './perpetual-funding';
import { createScannerFill, type ScannerFill, type ScannerFillOptions } from './scanner-fill';

/** The longest window the view averages over, and a day more so that window is whole. */
const HELD_DAYS = 31;

export interface CarryScannerOptions {
  store: HistoryStore;
  source: SourceLabel;
  logger: Logger;
  fill: Omit<ScannerFillOptions, 'ledger' | 'logger' | 'perpetuals'>;
}

export interface CarryScanner {
  /** Takes the cycle's quotes of every perpetual, at market time `now`. */
  record(perpetuals: readonly PerpetualQuote[] | undefined, now: number): void;
  /** Starts filling the settlements of the last 30 days from the venue (once). */
  startFill(): void;
  /** An asset's history was filled by the tracked assets' backfill. */
  forget(asset: string): void;
  view(settings: Settings, snapshot: MarketSnapshot | null): Promise<CarryScannerView>;
  /** Resolves once the fill under way has ended. */
  fillIdle(): Promise<void>;
  stop(): Promise<void>;
}

export function createCarryScanner(options: CarryScannerOptions): CarryScanner {
  const ledger = new PerpetualFundingLedger(options.store, options.source, options.logger);
  let quotes: readonly PerpetualQuote[] = [];
  let at: number | null = null;
  const fill: ScannerFill = createScannerFill({
    ...options.fill,
    ledger,
    perpetuals: () => quotes,
    logger: options.logger,
  });

  return {
    record(perpetuals, now) {
      if (!perpetuals) return;
      quotes = perpetuals;
      at = now;
      ledger.record(perpetuals, now);
    },

    startFill: () => fill.start(),

    forget: (asset) => ledger.forget(asset),

    async view(settings, snapshot) {
      const now = at ?? snapshot?.at ?? 0;
      const days = heatmapDays(now, SCANNER_HEATMAP_DAYS);
      const tracked = new Set(settings.assets.tracked);
      const shown = new Map((snapshot?.assets ?? []).map((a) => [a.asset, a]));
      const from = now - HELD_DAYS * DAY_MS;
      const rows = await Promise.all(
        quotes.map(async (perp) => {
          const settlements = await ledger.settlements(perp.asset, from, perp.fundingIntervalHours);
          const own = tracked.has(perp.asset) ? shown.get(perp.asset) : undefined;
          return scannerRow(
            {
              ...perp,
              tracked: tracked.has(perp.asset),
              settlements,
              signalRegime: own && !own.stale ? own.regime : null,
            },
            {
              now,
              days,
              holdingDays: settings.rebalance.holdingDays,
              thresholds: settings.thresholds.fixed,
            },
          );
        }),
      );
      return {
        source: options.source,
        at,
        days,
        rows,
        carryBasis: { holdingDays: settings.rebalance.holdingDays, feesFrom: 'venue-published' },
        history: fill.state(),
      };
    },

    fillIdle: () => fill.idle(),

    stop: () => fill.stop(),
  };
}
