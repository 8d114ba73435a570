import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { TrayState } from './tray-menu';
import { pollingOf, trayAssetsOf, trayMenuTemplate, trayTooltip, worstRegime } from './tray-menu';
import { asset, health, snapshot } from './tray-testing';

const noActions = { open: () => undefined, setPaused: () => undefined, quit: () => undefined };

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((item) => (item.type === 'separator' ? '—' : String(item.label)));
}

function item(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = template.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}

const click = (entry: MenuItemConstructorOptions) =>
  (entry.click as (() => void) | undefined)?.call(undefined);

describe('the tray menu', () => {
  it('lists each tracked asset with its regime, then Open, Pause and Quit', () => {
    const state: TrayState = {
      assets: trayAssetsOf(snapshot(asset('BTC', 'moderate-contango'), asset('ETH', null))),
      polling: 'running',
    };
    const template = trayMenuTemplate(state, noActions);
    expect(labels(template)).toEqual([
      'BTC: Moderate contango',
      'ETH: no data yet',
      '—',
      'Open Premia',
      'Pause polling',
      '—',
      'Quit Premia',
    ]);
    expect(template[0]?.enabled).toBe(false);
  });

  it('says a regime read from stale quotes is stale', () => {
    const assets = trayAssetsOf(snapshot(asset('BTC', 'neutral', true)));
    expect(labels(trayMenuTemplate({ assets, polling: 'running' }, noActions))[0]).toBe(
      'BTC: Neutral (stale)',
    );
  });

  it('offers Resume while paused, and neither while no market runs', () => {
    const setPaused = vi.fn();
    const actions = { ...noActions, setPaused };
    const paused = trayMenuTemplate({ assets: [], polling: 'paused' }, actions);
    expect(labels(paused)).toContain('Resume polling');
    click(item(paused, 'Resume polling'));
    expect(setPaused).toHaveBeenLastCalledWith(false);
    const running = trayMenuTemplate({ assets: [], polling: 'running' }, actions);
    click(item(running, 'Pause polling'));
    expect(setPaused).toHaveBeenLastCalledWith(true);
    const none = trayMenuTemplate({ assets: null, polling: 'none' }, actions);
    expect(labels(none)[0]).toBe('No market data yet');
    expect(item(none, 'Pause polling').enabled).toBe(false);
  });

  it('opens the window and quits from its items', () => {
    const open = vi.fn();
    const quit = vi.fn();
    const template = trayMenuTemplate(
      { assets: [], polling: 'running' },
      { ...noActions, open, quit },
    );
    click(item(template, 'Open Premia'));
    click(item(template, 'Quit Premia'));
    expect(open).toHaveBeenCalledOnce();
    expect(quit).toHaveBeenCalledOnce();
  });
});

describe('the tray tooltip', () => {
  it('names the regime that most calls for attention and the assets in it', () => {
    const assets = trayAssetsOf(
      snapshot(
        asset('BTC', 'moderate-contango'),
        asset('ETH', 'deep-backwardation'),
        asset('SOL', 'deep-backwardation'),
      ),
    );
    expect(trayTooltip({ assets, polling: 'running' })).toBe(
      'Premia: Deep backwardation (ETH, SOL)',
    );
    const hot = trayAssetsOf(snapshot(asset('BTC', 'extreme-contango'), asset('ETH', 'neutral')));
    expect(trayTooltip({ assets: hot, polling: 'paused' })).toBe(
      'Premia: Extreme contango (BTC); polling paused',
    );
  });

  it('says just Premia when no asset has a regime', () => {
    expect(trayTooltip({ assets: null, polling: 'none' })).toBe('Premia');
    expect(worstRegime(trayAssetsOf(snapshot(asset('BTC', null))) ?? [])).toBeNull();
  });
});

describe('what the services send', () => {
  it('is shown only when it is a snapshot', () => {
    expect(trayAssetsOf({ at: 1, source: 'demo', assets: [{ asset: 'BTC' }] })).toBeNull();
    expect(trayAssetsOf('snapshot')).toBeNull();
  });

  it('is read as paused, running or no market by the health state', () => {
    expect(pollingOf(health('paused'))).toBe('paused');
    expect(pollingOf(health('offline'))).toBe('running');
    expect(pollingOf(null)).toBe('none');
    expect(pollingOf({ state: 'asleep' })).toBe('none');
  });
});
