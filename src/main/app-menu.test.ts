import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, REVEAL_DATA_FOLDER } from './app-menu';

const actions = { revealDataFolder: vi.fn(), showAbout: vi.fn() };

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  if (!item || !Array.isArray(item.submenu)) throw new Error('no submenu');
  return item.submenu;
}

function menu(template: MenuItemConstructorOptions[], label: string) {
  return submenu(template.find((i) => i.label === label || i.role === label));
}

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.filter((i) => i.role).map((i) => String(i.role));
}

const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.call(undefined);

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux, with Quit and About where people look', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = appMenuTemplate({ platform, development: false }, actions);
      expect(template.map((i) => i.label ?? i.role)).toEqual([
        'File',
        'Edit',
        'View',
        'Window',
        'help',
      ]);
      const file = menu(template, 'File');
      expect(file.find((i) => i.role === 'close')?.accelerator).toBe('CmdOrCtrl+W');
      expect(file.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
      expect(menu(template, 'help').map((i) => i.label ?? i.type)).toEqual([
        REVEAL_DATA_FOLDER,
        'separator',
        'About Premia',
      ]);
    }
  });

  it('puts About, Reveal Data Folder and Quit in the app menu on macOS, and Reveal under Help too', () => {
    const template = appMenuTemplate({ platform: 'darwin', development: false }, actions);
    expect(template.map((i) => i.label ?? i.role)).toEqual([
      'Premia',
      'File',
      'Edit',
      'View',
      'Window',
      'help',
    ]);
    const app = menu(template, 'Premia');
    expect(app.map((i) => i.label ?? i.role ?? i.type).slice(0, 2)).toEqual([
      'About Premia',
      REVEAL_DATA_FOLDER,
    ]);
    expect(app.find((i) => i.role === 'quit')?.accelerator).toBe('CmdOrCtrl+Q');
    expect(roles(menu(template, 'File'))).toEqual(['close']);
    expect(menu(template, 'help').map((i) => i.label)).toEqual([REVEAL_DATA_FOLDER]);
    expect(roles(menu(template, 'Window'))).toEqual(['minimize', 'zoom', 'front']);
  });

  it('offers reload and the developer tools in development only, and zoom and full screen always', () => {
    const product = roles(
      menu(appMenuTemplate({ platform: 'linux', development: false }, actions), 'View'),
    );
    expect(product).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const dev = roles(
      menu(appMenuTemplate({ platform: 'linux', development: true }, actions), 'View'),
    );
    expect(dev).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('reveals the data folder and shows About from their items', () => {
    const revealDataFolder = vi.fn();
    const showAbout = vi.fn();
    const help = menu(
      appMenuTemplate({ platform: 'linux', development: false }, { revealDataFolder, showAbout }),
      'help',
    );
    click(help.find((i) => i.label === REVEAL_DATA_FOLDER));
    click(help.find((i) => i.label === 'About Premia'));
    expect(revealDataFolder).toHaveBeenCalledOnce();
    expect(showAbout).toHaveBeenCalledOnce();
  });
});
