// Starts the desktop app with the project's Electron, or explains plainly why it cannot and points at
// the browser version. Run by `npm start` after the build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs the electron package's own installer when its binary was never downloaded, quietly, so a
 * failure can be told in one line rather than the installer's stack trace. Returns the reason it
 * failed, or null.
 */
function downloadElectron() {
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return 'the electron package is not installed (run npm install)';
  }
  process.stderr.write("Fetching Electron's binary (once)…\n");
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  });
  if (result.status === 0) return null;
  if (result.error) return `its download could not run (${result.error.message})`;
  const first = `${result.stderr ?? ''}`.split('\n').find((line) => line.trim() !== '');
  return `its download failed${first ? ` (${first.trim()})` : ''}`;
}

function binaryIsInstalled() {
  try {
    const pathFile = require.resolve('electron/path.txt');
    return existsSync(join(dirname(pathFile), 'dist'));
  } catch {
    return false;
  }
}

/** The Electron executable's path, or the reason there is none. */
function findElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !binaryIsInstalled()) {
    const failure = downloadElectron();
    if (failure) return { reason: failure };
  }
  let path;
  try {
    // The electron package resolves its binary, honouring ELECTRON_OVERRIDE_DIST_PATH.
    path = require('electron');
  } catch (error) {
    const first = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { reason: `it could not be installed or downloaded (${first})` };
  }
  if (typeof path !== 'string' || path.length === 0) {
    return { reason: 'the electron package did not name an executable' };
  }
  if (!existsSync(path)) {
    return {
      reason: override
        ? `ELECTRON_OVERRIDE_DIST_PATH points at ${override}, which holds no Electron executable`
        : `${path} does not exist`,
    };
  }
  return { path };
}

const found = findElectron();
if (!found.path) {
  process.stderr.write(
    [
      `Electron's binary is not available on this machine: ${found.reason}.`,
      'The same app runs in a browser: npm run web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(found.path, [projectDir, ...process.argv.slice(2)], { stdio: 'inherit' });
// The app decides how to quit: a signal to this launcher is passed on rather than acted on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(
    `Electron could not be started (${error.message}). The same app runs in a browser: npm run web\n`,
  );
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
