// What Premia says about itself: its version and where its data folder is. macOS shows it in its own
// About panel; elsewhere (Linux's panel has no room for the folder, Windows has none) a small dialog
// says it, with a button to open the folder.
import { REVEAL_DATA_FOLDER } from './app-menu';

export interface AboutFacts {
  version: string;
  dataDir: string;
  /** Electron's and Chromium's versions, for a bug report. */
  electron: string;
  chrome: string;
}

/** Options for `app.setAboutPanelOptions` on macOS. */
export function aboutPanelOptions(facts: AboutFacts): {
  applicationName: string;
  applicationVersion: string;
  version: string;
  credits: string;
} {
  return {
    applicationName: 'Premia',
    applicationVersion: facts.version,
    version: `Electron ${facts.electron}`,
    credits: `Data folder: ${facts.dataDir}`,
  };
}

export const ABOUT_BUTTONS = ['OK', REVEAL_DATA_FOLDER] as const;

/** The dialog shown for About where the system has no panel for it. */
export function aboutDialog(facts: AboutFacts): {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
} {
  return {
    title: 'About Premia',
    message: `Premia ${facts.version}`,
    detail: [
      'Rebalances your crypto holdings according to the futures market.',
      '',
      `Data folder: ${facts.dataDir}`,
      `Electron ${facts.electron}, Chromium ${facts.chrome}`,
    ].join('\n'),
    buttons: [...ABOUT_BUTTONS],
  };
}
