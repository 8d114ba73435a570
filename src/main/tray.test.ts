import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { TrayLike } from './tray';
import { createTrayController } from './tray';
import { asset, health, snapshot } from './tray-testing';

const noActions = { open: () => undefined, setPaused: () => undefined, quit: () => undefined };

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((item) => (item.type === 'separator' ? '—' : String(item.label)));
}

type FakeMenu = { template: MenuItemConstructorOptions[] };

function fakeTray() {
  const made: (TrayLike<FakeMenu> & {
    tooltip: string;
    menu: FakeMenu | null;
    clicks: (() => void)[];
    destroyed: boolean;
  })[] = [];
  const createTray = () => {
    const tray = {
      tooltip: '',
      menu: null as FakeMenu | null,
      clicks: [] as (() => void)[],
      destroyed: false,
      setToolTip(text: string) {
        tray.tooltip = text;
      },
      setContextMenu(menu: FakeMenu | null) {
        tray.menu = menu;
      },
      on(_event: 'click', listener: () => void) {
        tray.clicks.push(listener);
      },
      destroy() {
        tray.destroyed = true;
      },
    };
    made.push(tray);
    return tray;
  };
  return { made, createTray };
}

describe('the tray controller', () => {
  it('follows the snapshots and the health the services tell, once shown', () => {
    const { made, createTray } = fakeTray();
    const buildMenu = vi.fn((template: MenuItemConstructorOptions[]) => ({ template }));
    const tray = createTrayController({
      createTray,
      buildMenu,
      clickOpens: false,
      actions: noActions,
    });
    tray.started(snapshot(asset('BTC', 'neutral')), health('live'));
    expect(made).toHaveLength(0);

    tray.setShown(true);
    const icon = made[0]!;
    expect(icon.tooltip).toBe('Premia: Neutral (BTC)');
    expect(labels(icon.menu!.template)[0]).toBe('BTC: Neutral');

    tray.heard({ type: 'snapshot', snapshot: snapshot(asset('BTC', 'extreme-contango')) });
    expect(icon.tooltip).toBe('Premia: Extreme contango (BTC)');
    tray.heard({ type: 'market-health', health: health('paused') });
    expect(labels(icon.menu!.template)).toContain('Resume polling');

    // The same state again rebuilds nothing.
    const builds = buildMenu.mock.calls.length;
    tray.heard({ type: 'snapshot', snapshot: snapshot(asset('BTC', 'extreme-contango')) });
    tray.heard({ type: 'notice-dismissed', id: 'n1' });
    expect(buildMenu.mock.calls.length).toBe(builds);
  });

  it('takes the icon away when hidden, and a click opens the window where clicks open it', () => {
    const { made, createTray } = fakeTray();
    const open = vi.fn();
    const tray = createTrayController({
      createTray,
      buildMenu: (template) => ({ template }),
      clickOpens: true,
      actions: { ...noActions, open },
    });
    tray.setShown(true);
    tray.setShown(true);
    expect(made).toHaveLength(1);
    made[0]!.clicks.forEach((listener) => listener());
    expect(open).toHaveBeenCalledOnce();
    tray.setShown(false);
    expect(made[0]!.destroyed).toBe(true);
    expect(tray.shown).toBe(false);
    tray.setShown(true);
    expect(made).toHaveLength(2);
    expect(made[1]!.menu).not.toBeNull();
  });
});
