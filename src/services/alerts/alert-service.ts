// The alert service: judges the rules on every new snapshot and portfolio view, keeps the alerts in
// `alerts.json`, tells the UI (`alerts` with the whole view on any change, `alert-raised` once per
// alert) and, when the settings allow, asks the notifier (the desktop app's system notifications).
import { randomUUID } from 'node:crypto';
import type { AlertState } from '../../core';
import { acknowledgeAlert, alertCauses, alertsView, reconcileAlerts } from '../../core';
import type { Alert, AlertCause, AlertKind, AlertsView } from '../../shared/alerts';
import type { PremiaEvent } from '../../shared/api';
import { PremiaError } from '../../shared/errors';
import type { MarketSnapshot } from '../../shared/market';
import type { PortfolioView } from '../../shared/portfolio';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../logger';
import type { VersionedFile } from '../portfolio/versioned-file';
import { SerialQueue } from '../serial-queue';
import type { AskMain } from '../services-process';
import { openAlertsFile } from './alerts-file';

/** Shows a raised alert outside the app's window; the headless host has none (its page does it). */
export interface AlertNotifier {
  notify(alert: Alert): Promise<void>;
}

export interface AlertServiceOptions {
  dataDir: string;
  now: () => number;
  settings: () => Settings;
  emit: (event: PremiaEvent) => void;
  /** Tells the user what was done with a damaged or newer file, or a failed save. */
  tell: (message: string) => void;
  logger: Logger;
  notifier?: AlertNotifier;
  newId?: () => string;
}

export interface AlertService {
  view(): AlertsView;
  /** A `not-found` PremiaError when no alert has that id. */
  acknowledge(id: string): Promise<AlertsView>;
  snapshotChanged(snapshot: MarketSnapshot): void;
  portfolioChanged(view: PortfolioView): void;
  /** The limits may have moved: the rules are judged again. */
  settingsChanged(): void;
  /**
   * The causes the executor finds standing (unhedged exposure), kept as given until it gives others:
   * an alarm stays while its cause is in the list, whatever the market does.
   */
  exposuresChanged(causes: readonly AlertCause[]): void;
  /** Resolves once every judgement asked for so far is done (for tests and closing). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Kinds raised by the executor rather than found by the rules. */
const EXPOSURE_KINDS: ReadonlySet<AlertKind> = new Set(['unhedged']);

/** An id of 12 lowercase letters and digits. */
function shortId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 12);
}

export async function openAlertService(options: AlertServiceOptions): Promise<AlertService> {
  const { logger, now } = options;
  const newId = options.newId ?? shortId;
  const file: VersionedFile<AlertState> = await openAlertsFile({
    dataDir: options.dataDir,
    now,
    tell: options.tell,
  });
  let state: AlertState = file.current();
  let snapshot: MarketSnapshot | null = null;
  let portfolio: PortfolioView | null = null;
  let exposures: readonly AlertCause[] = [];
  let saveFailed = false;
  let closed = false;
  const queue = new SerialQueue((error) => logger.error('alerts could not be judged', error));

  // The file follows the state in memory: a failed save costs the record on disk, never the alerts
  // shown, and the user is told once until a save succeeds again.
  async function save(next: AlertState): Promise<void> {
    try {
      await file.update(() => next);
      saveFailed = false;
    } catch (error) {
      logger.error('alerts could not be saved', error);
      if (!saveFailed) {
        saveFailed = true;
        const reason = error instanceof Error ? error.message : String(error);
        options.tell(`Alerts are shown but could not be saved: ${reason}`);
      }
    }
  }

  function publish(raised: readonly Alert[]): void {
    options.emit({ type: 'alerts', alerts: alertsView(state) });
    for (const alert of raised) options.emit({ type: 'alert-raised', alert });
    const notifier = options.notifier;
    if (!notifier || !options.settings().alerts.notifications) return;
    for (const alert of raised) {
      notifier.notify(alert).catch((error: unknown) => {
        logger.warn(`the notification of alert ${alert.id} could not be shown: ${String(error)}`);
      });
    }
  }

  // The rules are judged only once both a snapshot and a portfolio view are in: judging with one
  // missing would clear standing alerts only to raise them again once it arrives. Until then the
  // rules' standing alerts are kept as they are, and exposures are judged on their own.
  function judge(): void {
    if (closed) return;
    const inputs = snapshot !== null && portfolio !== null ? { snapshot, portfolio } : null;
    const given = exposures;
    void queue.run(async () => {
      const found = inputs
        ? alertCauses({
            now: now(),
            ...inputs,
            settings: options.settings(),
            regimes: state.regimes,
          })
        : {
            regimes: state.regimes,
            causes: state.active.filter((a) => !EXPOSURE_KINDS.has(a.kind)),
          };
      const next = reconcileAlerts(
        { ...state, regimes: found.regimes },
        [...found.causes, ...given],
        now(),
        newId,
      );
      const regimesMoved = JSON.stringify(found.regimes) !== JSON.stringify(state.regimes);
      if (next.raised.length === 0 && next.cleared.length === 0 && !regimesMoved) return;
      state = next.state;
      await save(state);
      if (next.raised.length > 0 || next.cleared.length > 0) publish(next.raised);
    });
  }

  return {
    view: () => alertsView(state),
    acknowledge(id) {
      return queue.run(async () => {
        const next = acknowledgeAlert(state, id, now());
        if (next === null) {
          throw new PremiaError(
            'not-found',
            'That alert no longer exists; the list was refreshed.',
          );
        }
        state = next;
        await save(state);
        options.emit({ type: 'alerts', alerts: alertsView(state) });
        return alertsView(state);
      });
    },
    snapshotChanged(next) {
      snapshot = next;
      judge();
    },
    portfolioChanged(next) {
      portfolio = next;
      judge();
    },
    settingsChanged: judge,
    exposuresChanged(causes) {
      exposures = causes.filter((c) => EXPOSURE_KINDS.has(c.kind));
      judge();
    },
    idle: () => queue.idle(),
    async close() {
      closed = true;
      await queue.idle();
      await file.close();
    },
  };
}

/** The desktop app's notifier: main alone can raise the system's notifications. */
export function mainNotifier(askMain: AskMain): AlertNotifier {
  return {
    async notify(alert) {
      await askMain('notify', {
        alertId: alert.id,
        title: alert.title.slice(0, 200),
        body: alert.message.slice(0, 1_000),
      });
    },
  };
}
