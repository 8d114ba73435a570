import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    expect(
      defaultDataDir({
        platform: 'linux',
        env: { XDG_CONFIG_HOME: '/srv/conf' },
        home: '/home/ada',
      }),
    ).toBe('/srv/conf/Premia');
  });

  it('uses ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ada' })).toBe(
      '/home/ada/.config/Premia',
    );
    expect(
      defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, home: '/home/ada' }),
    ).toBe('/home/ada/.config/Premia');
  });

  it('uses Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(
      defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/x' }, home: '/Users/ada' }),
    ).toBe('/Users/ada/Library/Application Support/Premia');
  });

  it('uses %APPDATA% on Windows, or the roaming folder under the profile without it', () => {
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        home: 'C:\\Users\\ada',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Premia');
    expect(defaultDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\bo' })).toBe(
      'C:\\Users\\bo\\AppData\\Roaming\\Premia',
    );
  });

  it('reads the running process by default', () => {
    const dir = defaultDataDir();
    expect(dir.endsWith('Premia')).toBe(true);
    if (process.platform === 'linux' && process.env.XDG_CONFIG_HOME) {
      expect(dir).toBe(`${process.env.XDG_CONFIG_HOME}/Premia`);
    }
  });
});
