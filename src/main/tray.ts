// The tray icon while Premia keeps watching in the background: shown or taken away as the settings
// say, its menu and tooltip following the market's snapshots and health as the services tell them.
// Electron's Tray and Menu come in as parameters, so fakes can stand in for them.
import type { MenuItemConstructorOptions } from 'electron';
import type { PremiaEvent } from '../shared/api';
import type { TrayActions, TrayState } from './tray-menu';
import {
  INITIAL_TRAY_STATE,
  pollingOf,
  trayAssetsOf,
  trayMenuTemplate,
  trayTooltip,
} from './tray-menu';

/** The parts of Electron's Tray used here. */
export interface TrayLike<M> {
  setToolTip(text: string): void;
  setContextMenu(menu: M | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayParts<M> {
  createTray(): TrayLike<M>;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  /** A click on the icon opens the window (Windows, Linux); on macOS it opens the menu. */
  clickOpens: boolean;
  actions: TrayActions;
}

export interface TrayController {
  readonly shown: boolean;
  /** Puts the icon in the tray or takes it away. */
  setShown(shown: boolean): void;
  /** Takes what a services event says of the market (other events are ignored). */
  heard(event: PremiaEvent): void;
  /** Takes the state read when the services opened (a snapshot and health, as they sent them). */
  started(snapshot: unknown, health: unknown): void;
}

export function createTrayController<M>(parts: TrayParts<M>): TrayController {
  let state: TrayState = INITIAL_TRAY_STATE;
  let tray: TrayLike<M> | null = null;
  /** What the icon shows now, so that a snapshot that changes nothing rebuilds nothing. */
  let drawn: string | null = null;

  function draw(): void {
    if (!tray) return;
    const key = JSON.stringify(state);
    if (key === drawn) return;
    drawn = key;
    tray.setToolTip(trayTooltip(state));
    tray.setContextMenu(parts.buildMenu(trayMenuTemplate(state, parts.actions)));
  }

  function update(next: Partial<TrayState>): void {
    state = { ...state, ...next };
    draw();
  }

  return {
    get shown() {
      return tray !== null;
    },

    setShown(shown) {
      if (shown && !tray) {
        tray = parts.createTray();
        if (parts.clickOpens) tray.on('click', () => parts.actions.open());
        drawn = null;
        draw();
      } else if (!shown && tray) {
        tray.destroy();
        tray = null;
      }
    },

    heard(event) {
      if (event.type === 'snapshot') {
        const assets = trayAssetsOf(event.snapshot);
        if (assets) update({ assets });
      } else if (event.type === 'market-health') {
        update({ polling: pollingOf(event.health) });
      }
    },

    started(snapshot, health) {
      update({ assets: trayAssetsOf(snapshot) ?? state.assets, polling: pollingOf(health) });
    },
  };
}
