import { describe, expect, it, vi } from 'vitest';
import { revealFolder } from './reveal-folder';

describe('revealFolder', () => {
  it('opens the data folder and says nothing when that worked', async () => {
    const openPath = vi.fn(async () => '');
    const showError = vi.fn();
    await revealFolder({ openPath, showError }, '/home/ann/.config/Premia');
    expect(openPath).toHaveBeenCalledWith('/home/ann/.config/Premia');
    expect(showError).not.toHaveBeenCalled();
  });

  it('names the folder and the reason when the system could not open it', async () => {
    const showError = vi.fn();
    await revealFolder(
      { openPath: async () => 'No application is registered', showError },
      '/data/Premia',
    );
    expect(showError).toHaveBeenCalledWith(
      'The data folder could not be opened',
      expect.stringMatching(/\/data\/Premia.*No application is registered/),
    );
  });
});
