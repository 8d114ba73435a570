// Hands the application menu (./app-menu), About (./about) and Reveal Data Folder (./reveal-folder)
// Electron's pieces: the menu, the About panel or dialog, and the shell that opens the folder.
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { Menu, app, dialog, shell } from 'electron';
import { aboutDialog, aboutPanelOptions } from './about';
import { REVEAL_DATA_FOLDER, appMenuTemplate } from './app-menu';
import { revealFolder } from './reveal-folder';

export interface AppMenuInstall {
  dataDir: string;
  development: boolean;
  /** The window a dialog belongs to, while one is open. */
  parent(): BrowserWindow | null;
  tellError(title: string, message: string): void;
}

export function installAppMenu(options: AppMenuInstall): void {
  const facts = {
    version: app.getVersion(),
    dataDir: options.dataDir,
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
  };
  const reveal = () =>
    void revealFolder(
      { openPath: (path) => shell.openPath(path), showError: options.tellError },
      options.dataDir,
    );
  const showAbout = () => {
    if (process.platform === 'darwin') return app.showAboutPanel();
    const box: MessageBoxOptions = { ...aboutDialog(facts), type: 'info', noLink: true };
    const parent = options.parent();
    void (parent ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box)).then(
      ({ response }) => {
        if (box.buttons?.[response] === REVEAL_DATA_FOLDER) reveal();
      },
    );
  };
  if (process.platform === 'darwin') app.setAboutPanelOptions(aboutPanelOptions(facts));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { platform: process.platform, development: options.development },
        { revealDataFolder: reveal, showAbout },
      ),
    ),
  );
}
