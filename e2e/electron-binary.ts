// Finds an installed Electron binary the way the `electron` package does, without requiring that
// package: in some versions requiring it starts the binary's download when none is installed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronLookup =
  { found: true; executablePath: string } | { found: false; reason: string };

function executableName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return join('Electron.app', 'Contents', 'MacOS', 'Electron');
  return 'electron';
}

export function findElectron(
  projectDir: string,
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronLookup {
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const executablePath = join(override, executableName(platform));
    return existsSync(executablePath)
      ? { found: true, executablePath }
      : {
          found: false,
          reason: `ELECTRON_OVERRIDE_DIST_PATH names ${override}, which holds no ${executableName(platform)}`,
        };
  }
  const packageDir = join(projectDir, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      found: false,
      reason:
        'node_modules/electron has no path.txt, so its binary was never downloaded (set ELECTRON_OVERRIDE_DIST_PATH to use one installed elsewhere)',
    };
  }
  const executablePath = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executablePath)
    ? { found: true, executablePath }
    : {
        found: false,
        reason: `node_modules/electron/path.txt points at ${executablePath}, which does not exist`,
      };
}
