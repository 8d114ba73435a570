import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartPath,
  desktopEntry,
  electronLoginItem,
  launchCommand,
  xdgLoginItem,
} from './login-item';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function tempHome(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'premia-login-'));
  folders.push(dir);
  return dir;
}

describe('autostartPath', () => {
  it('puts the entry under XDG_CONFIG_HOME when set, and ~/.config otherwise', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/x/conf' }, '/home/ann')).toBe(
      '/x/conf/autostart/premia.desktop',
    );
    expect(autostartPath({ XDG_CONFIG_HOME: '' }, '/home/ann')).toBe(
      '/home/ann/.config/autostart/premia.desktop',
    );
  });
});

describe('launchCommand', () => {
  const base = { execPath: '/opt/Premia/premia', appPath: '/src/premia', env: {} };

  it('runs the executable of an installed Premia, the AppImage of one run from it, and the app folder in development', () => {
    expect(launchCommand({ ...base, isPackaged: true })).toEqual(['/opt/Premia/premia']);
    expect(
      launchCommand({ ...base, isPackaged: true, env: { APPIMAGE: '/home/a/Premia.AppImage' } }),
    ).toEqual(['/home/a/Premia.AppImage']);
    expect(launchCommand({ ...base, isPackaged: false })).toEqual([
      '/opt/Premia/premia',
      '/src/premia',
    ]);
  });
});

describe('desktopEntry', () => {
  it('quotes an argument with spaces or reserved characters and escapes what the rules ask', () => {
    const entry = desktopEntry(['/home/ann/My Apps/premia', '/tmp/100%', '/a/"b"$c']);
    expect(entry).toContain('Exec="/home/ann/My Apps/premia" /tmp/100%% "/a/\\\\"b\\\\"\\\\$c"\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=Premia\n')).toBe(true);
  });

  it('refuses a command with a line break rather than write a broken entry', () => {
    expect(() => desktopEntry(['/a\nb'])).toThrow(/line break/);
  });
});

describe('the XDG autostart entry', () => {
  it('is written when turned on, left alone when already right, and removed when turned off', async () => {
    const home = await tempHome();
    const path = autostartPath({ XDG_CONFIG_HOME: join(home, 'conf') }, home);
    const item = xdgLoginItem(path, ['/opt/Premia/premia']);

    expect(await item.sync(false)).toBe(false);
    expect(await item.sync(true)).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(desktopEntry(['/opt/Premia/premia']));
    expect(await item.sync(true)).toBe(false);

    expect(await item.sync(false)).toBe(true);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rewrites an entry that starts another Premia, and removes it when turned off', async () => {
    const home = await tempHome();
    const path = autostartPath({}, home);
    await mkdir(join(home, '.config', 'autostart'), { recursive: true });
    await writeFile(path, desktopEntry(['/old/place/premia']));
    const item = xdgLoginItem(path, ['/opt/Premia/premia']);
    expect(await item.sync(true)).toBe(true);
    expect(await readFile(path, 'utf8')).toContain('Exec=/opt/Premia/premia\n');
    await writeFile(path, desktopEntry(['/old/place/premia']));
    expect(await item.sync(false)).toBe(true);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the login item of macOS and Windows', () => {
  it('is set through Electron only when it differs from the setting', async () => {
    const calls: boolean[] = [];
    let openAtLogin = false;
    const item = electronLoginItem({
      getLoginItemSettings: () => ({ openAtLogin }),
      setLoginItemSettings: (s) => {
        calls.push(s.openAtLogin);
        openAtLogin = s.openAtLogin;
      },
    });
    expect(await item.sync(false)).toBe(false);
    expect(await item.sync(true)).toBe(true);
    expect(await item.sync(true)).toBe(false);
    expect(calls).toEqual([true]);
  });
});
