// `npm run dist` (after the build): packages Premia for this platform with electron-builder (AppImage
// and deb on Linux, dmg on macOS, an NSIS installer on Windows) into dist/. Its progress is shown as it
// goes; when it fails for want of a download (Electron's zip, an installer tool), one plain line on
// stderr says what was missing and what to do, instead of a stack trace. Arguments are passed on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainFailure } from './dist-failure.mjs';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectDir, 'package.json'));
const CONFIG = 'electron-builder.config.ts';

function fail(reason) {
  process.stderr.write(`Premia could not be packaged here: ${reason}.\n`);
  process.exit(1);
}

const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
if (override && !existsSync(override)) {
  fail(`ELECTRON_OVERRIDE_DIST_PATH points at ${override}, which does not exist`);
}
if (!existsSync(join(projectDir, 'out', 'main', 'index.js'))) {
  fail('the app is not built (run npm run dist, which builds it first)');
}
let cli;
try {
  cli = require.resolve('electron-builder/cli.js');
} catch {
  fail('electron-builder is not installed (run npm install)');
}

const child = spawn(process.execPath, [cli, '--config', CONFIG, ...process.argv.slice(2)], {
  cwd: projectDir,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
let pending = '';
child.stdout.setEncoding('utf8');
child.stderr.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  output += chunk;
  // Progress lines ("• packaging …", "• building …") are shown as they come; errors are judged at the end.
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (line.trimStart().startsWith('•')) process.stdout.write(`${line}\n`);
});
child.stderr.on('data', (chunk) => (output += chunk));
child.on('error', (error) => fail(`electron-builder could not be started (${error.message})`));
child.on('close', (code, signal) => {
  if (code === 0) {
    process.stdout.write(`Premia was packaged into ${join(projectDir, 'dist')}\n`);
    return;
  }
  const explained = explainFailure(output);
  if (explained) {
    process.stderr.write(`${explained}\n`);
  } else {
    // Not a download: electron-builder's own words, less the progress already shown.
    const rest = output
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('•'))
      .join('\n')
      .trim();
    process.stderr.write(
      `${rest}\nPremia could not be packaged: electron-builder failed (${signal ?? `exit code ${code}`}).\n`,
    );
  }
  process.exit(code || 1);
});
