// `npm run premia -- <command>`: the built CLI (out/main/cli.js), as `npm run web` and the desktop app
// run from out/. Builds first when the bundle is missing or older than any source file, so a command
// never runs code other than the checkout's; then runs the CLI in this very process (no wrapper
// process stands between a stop signal and the host).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtCli = join(projectDir, 'out', 'main', 'cli.js');
/** What the bundle is built from, besides src/. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'electron.vite.config.ts'];

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const at = entry.isDirectory() ? newestUnder(path) : (modifiedAt(path) ?? 0);
    if (at > newest) newest = at;
  }
  return newest;
}

function bundleIsCurrent() {
  const builtAt = modifiedAt(builtCli);
  if (builtAt === null) return false;
  const inputs = BUILD_INPUTS.map((file) => modifiedAt(join(projectDir, file)) ?? 0);
  return Math.max(newestUnder(join(projectDir, 'src')), ...inputs) <= builtAt;
}

if (!bundleIsCurrent()) {
  process.stderr.write('Building Premia (the sources changed since the last build)…\n');
  const vitePackage = createRequire(join(projectDir, 'package.json')).resolve(
    'electron-vite/package.json',
  );
  const viteCli = join(dirname(vitePackage), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [viteCli, 'build', '--logLevel', 'warn'], {
    cwd: projectDir,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) {
    process.stderr.write('The build failed (see above): Premia cannot run.\n');
    process.exit(1);
  }
}

await import(pathToFileURL(builtCli).href);
