import { describe, expect, it } from 'vitest';
import { aboutDialog, aboutPanelOptions } from './about';

const facts = {
  version: '1.2.3',
  dataDir: '/home/ann/.config/Premia',
  electron: '39.0.0',
  chrome: '142.0',
};

describe('About', () => {
  it('gives the macOS About panel the version and the data folder', () => {
    expect(aboutPanelOptions(facts)).toMatchObject({
      applicationName: 'Premia',
      applicationVersion: '1.2.3',
      credits: 'Data folder: /home/ann/.config/Premia',
    });
  });

  it('says the version and the data folder in the dialog shown elsewhere, with a way to open the folder', () => {
    const dialog = aboutDialog(facts);
    expect(dialog.message).toBe('Premia 1.2.3');
    expect(dialog.detail).toContain('Data folder: /home/ann/.config/Premia');
    expect(dialog.detail).toContain('Electron 39.0.0');
    expect(dialog.buttons).toEqual(['OK', 'Reveal Data Folder']);
  });
});
