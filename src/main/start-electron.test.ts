// The launcher behind `npm start` (scripts/start-electron.mjs), driven through a fake Electron.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectDir = resolve(import.meta.dirname, '../..');
const launcher = join(projectDir, 'scripts', 'start-electron.mjs');

let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'premia-launcher-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function launch(
  distPath: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [launcher], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm start', () => {
  it('explains that Electron is missing, points at npm run web, and exits 1', async () => {
    const result = await launch(join(base, 'no-electron-here'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Electron's binary is not available on this machine");
    expect(result.stderr).toContain('npm run web');
  });

  it('runs Electron on the project folder and passes its exit code through', async () => {
    const dist = await mkdtemp(join(base, 'dist-'));
    const argsFile = join(dist, 'args.txt');
    const fake = join(dist, 'electron');
    await writeFile(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 7\n`);
    await chmod(fake, 0o755);
    const result = await launch(dist);
    expect(result.code).toBe(7);
    const args = (await readFile(argsFile, 'utf8')).trim().split('\n');
    expect(args).toEqual([projectDir]);
  });
});
