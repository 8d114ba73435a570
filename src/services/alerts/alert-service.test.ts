import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core';
import { alertPortfolio, alertSnapshot } from '../../core/alerts-testing';
import type { Alert, AlertCause } from '../../shared/alerts';
import type { PremiaEvent } from '../../shared/api';
import type { Regime } from '../../shared/strategy';
import { silentLogger } from '../logger';
import { portfolioFolder } from '../portfolio/portfolio-testing';
import type { AlertServiceOptions } from './alert-service';
import { openAlertService } from './alert-service';
import { ALERTS_FILE } from './alerts-file';

const folder = portfolioFolder();

function harness(change: Partial<AlertServiceOptions> = {}) {
  let clock = 1_790_000_000_000;
  let n = 0;
  const events: PremiaEvent[] = [];
  const told: string[] = [];
  const notified: Alert[] = [];
  const settings = defaultSettings();
  const options: AlertServiceOptions = {
    dataDir: folder.dir,
    now: () => clock,
    settings: () => settings,
    emit: (event) => events.push(event),
    tell: (message) => told.push(message),
    logger: silentLogger,
    notifier: { notify: async (alert) => void notified.push(alert) },
    newId: () => `a${++n}`,
    ...change,
  };
  return {
    options,
    settings,
    events,
    told,
    notified,
    advance: (ms: number) => (clock += ms),
    raised: () => events.flatMap((e) => (e.type === 'alert-raised' ? [e.alert.cause] : [])),
  };
}

// The default settings track BTC and ETH: a portfolio held wholly in USDT is beyond the drift band,
// one holding nothing has no weights and so no drift.
const AT = 1_790_000_000_000;
const nothingHeld = alertPortfolio(AT, [], { prices: { BTC: 50_000, ETH: 2_000 } });
const inUsdt = alertPortfolio(AT, [
  {
    accountId: 'acc-1',
    exchange: 'binance',
    syncedAt: AT,
    spot: [{ asset: 'USDT', free: 10_000, used: 0, total: 10_000 }],
    futures: { balances: [], positions: [] },
  },
]);
const market = (btc: Regime = 'neutral') =>
  alertSnapshot(AT, { BTC: { spot: 50_000, regime: btc }, ETH: { spot: 2_000 } });

describe('the alert service', () => {
  it('judges nothing until both a snapshot and a portfolio view are in', async () => {
    const h = harness();
    const alerts = await openAlertService(h.options);
    alerts.portfolioChanged(inUsdt);
    await alerts.idle();
    expect(h.events).toEqual([]);
    alerts.snapshotChanged(market());
    await alerts.idle();
    expect(h.raised()).toEqual(['drift:portfolio']);
    await alerts.close();
  });

  it('raises and notifies an alert once across many cycles, and clears it when its cause goes', async () => {
    const h = harness();
    const alerts = await openAlertService(h.options);
    for (let cycle = 0; cycle < 4; cycle++) {
      h.advance(10_000);
      alerts.snapshotChanged(market());
      alerts.portfolioChanged(inUsdt);
    }
    await alerts.idle();
    expect(h.raised()).toEqual(['drift:portfolio']);
    expect(h.notified.map((a) => a.cause)).toEqual(['drift:portfolio']);
    expect(h.events.filter((e) => e.type === 'alerts')).toHaveLength(1);

    alerts.portfolioChanged(nothingHeld);
    await alerts.idle();
    expect(alerts.view().active).toEqual([]);
    expect(alerts.view().history).toMatchObject([{ cause: 'drift:portfolio' }]);
    expect(h.events.at(-1)).toMatchObject({ type: 'alerts', alerts: { active: [] } });
    await alerts.close();
  });

  it('raises a regime change only after the first regime seen, and remembers it across a restart', async () => {
    const h = harness();
    let alerts = await openAlertService(h.options);
    alerts.portfolioChanged(nothingHeld);
    alerts.snapshotChanged(market('neutral'));
    await alerts.close();
    expect(h.raised()).toEqual([]);

    alerts = await openAlertService(h.options);
    alerts.portfolioChanged(nothingHeld);
    alerts.snapshotChanged(market('extreme-contango'));
    await alerts.idle();
    expect(h.raised()).toEqual(['regime-change:BTC:neutral>extreme-contango']);
    await alerts.close();

    // After a restart the standing alert is the same one: nothing is raised again.
    alerts = await openAlertService(h.options);
    alerts.portfolioChanged(nothingHeld);
    alerts.snapshotChanged(market('extreme-contango'));
    await alerts.idle();
    expect(h.raised()).toHaveLength(1);
    expect(alerts.view().active).toMatchObject([{ id: 'a1' }]);
    await alerts.close();
  });

  it('keeps an acknowledgement on disk and refuses an unknown alert', async () => {
    const h = harness();
    let alerts = await openAlertService(h.options);
    alerts.snapshotChanged(market());
    alerts.portfolioChanged(inUsdt);
    await alerts.idle();
    h.advance(5_000);
    const view = await alerts.acknowledge('a1');
    expect(view.active[0]?.acknowledgedAt).toBe(AT + 5_000);
    await expect(alerts.acknowledge('nope')).rejects.toMatchObject({ code: 'not-found' });
    await alerts.close();

    alerts = await openAlertService(h.options);
    expect(alerts.view().active).toMatchObject([{ id: 'a1', acknowledgedAt: AT + 5_000 }]);
    await alerts.close();
  });

  it('does not notify when notifications are turned off in the settings', async () => {
    const h = harness();
    h.settings.alerts.notifications = false;
    const alerts = await openAlertService(h.options);
    alerts.snapshotChanged(market());
    alerts.portfolioChanged(inUsdt);
    await alerts.idle();
    expect(h.raised()).toEqual(['drift:portfolio']);
    expect(h.notified).toEqual([]);
    await alerts.close();
  });

  it('moves a damaged alerts file aside, tells the user and starts without it', async () => {
    await writeFile(join(folder.dir, ALERTS_FILE), '{"version": 1, "body": ');
    const h = harness();
    const alerts = await openAlertService(h.options);
    expect(alerts.view()).toEqual({ active: [], history: [] });
    expect(h.told).toEqual([expect.stringMatching(/could not read your alerts.*not valid JSON/)]);
    expect((await readdir(folder.dir)).some((f) => f.startsWith('alerts.corrupt'))).toBe(true);
    await alerts.close();
  });

  it('still shows alerts when they cannot be saved, and says so once', async () => {
    const h = harness();
    await folder.breakWrites(ALERTS_FILE);
    const alerts = await openAlertService(h.options);
    alerts.snapshotChanged(market());
    alerts.portfolioChanged(inUsdt);
    alerts.snapshotChanged(market('extreme-contango'));
    await alerts.idle();
    expect(alerts.view().active.map((a) => a.cause)).toEqual([
      'regime-change:BTC:neutral>extreme-contango',
      'drift:portfolio',
    ]);
    expect(h.told).toEqual([expect.stringMatching(/^Alerts are shown but could not be saved/)]);
    await alerts.close();
  });

  it('raises an unhedged exposure before any market is in, keeps it through market cycles, and clears it only when the executor drops it', async () => {
    const h = harness();
    const alerts = await openAlertService(h.options);
    const exposure: AlertCause = {
      kind: 'unhedged',
      cause: 'unhedged:plan1:p1',
      level: 'critical',
      asset: 'BTC',
      accountId: 'acc-1',
      title: 'BTC is unhedged',
      message: '0.1 BTC bought without its short.',
    };
    alerts.exposuresChanged([exposure]);
    await alerts.idle();
    expect(h.raised()).toEqual(['unhedged:plan1:p1']);
    expect(h.notified.map((a) => a.cause)).toEqual(['unhedged:plan1:p1']);

    // The rules' own judgement neither clears nor raises it again.
    for (let cycle = 0; cycle < 3; cycle++) {
      h.advance(10_000);
      alerts.snapshotChanged(market());
      alerts.portfolioChanged(nothingHeld);
    }
    await alerts.idle();
    expect(alerts.view().active.map((a) => a.cause)).toEqual(['unhedged:plan1:p1']);
    expect(h.raised()).toEqual(['unhedged:plan1:p1']);

    alerts.exposuresChanged([]);
    await alerts.idle();
    expect(alerts.view().active).toEqual([]);
    expect(alerts.view().history.map((a) => a.cause)).toEqual(['unhedged:plan1:p1']);
    await alerts.close();
  });

  it("keeps the rules' standing alerts while an exposure comes and goes before a new market is in", async () => {
    const h = harness();
    let alerts = await openAlertService(h.options);
    alerts.snapshotChanged(market());
    alerts.portfolioChanged(inUsdt);
    await alerts.close();

    // Restarted: no snapshot yet, so the drift alert must stand untouched.
    alerts = await openAlertService(h.options);
    alerts.exposuresChanged([
      {
        kind: 'unhedged',
        cause: 'unhedged:plan2:p1',
        level: 'critical',
        asset: 'ETH',
        accountId: 'acc-1',
        title: 'ETH is unhedged',
        message: '1 ETH bought without its short.',
      },
    ]);
    alerts.exposuresChanged([]);
    await alerts.idle();
    expect(alerts.view().active.map((a) => a.cause)).toEqual(['drift:portfolio']);
    await alerts.close();
  });

  it("takes only exposure kinds from the executor, never a rule's kind", async () => {
    const h = harness();
    const alerts = await openAlertService(h.options);
    alerts.exposuresChanged([
      {
        kind: 'drift',
        cause: 'drift:portfolio',
        level: 'warning',
        asset: null,
        accountId: null,
        title: 'x',
        message: 'y',
      },
    ]);
    await alerts.idle();
    expect(alerts.view().active).toEqual([]);
    await alerts.close();
  });
});
