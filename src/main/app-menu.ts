// The application menu, built from the platform and a few actions: the app menu on macOS, then File,
// Edit, View, Window and Help with the standard roles and accelerators. Reload and the developer tools
// are offered in development only: in the product a reload would only drop what is on screen.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  revealDataFolder(): void;
  showAbout(): void;
}

export interface AppMenuContext {
  platform: NodeJS.Platform;
  development: boolean;
}

export const REVEAL_DATA_FOLDER = 'Reveal Data Folder';

export function appMenuTemplate(
  context: AppMenuContext,
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const reveal: MenuItemConstructorOptions = {
    label: REVEAL_DATA_FOLDER,
    click: () => actions.revealDataFolder(),
  };
  const about: MenuItemConstructorOptions = {
    label: 'About Premia',
    click: () => actions.showAbout(),
  };
  const quit: MenuItemConstructorOptions = { role: 'quit', accelerator: 'CmdOrCtrl+Q' };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Premia',
          submenu: [
            about,
            reveal,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            quit,
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ type: 'separator' } as const, quit]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(context.development
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: mac ? [reveal] : [reveal, { type: 'separator' }, about],
  };

  return [...appMenu, file, edit, view, windowMenu, help];
}
