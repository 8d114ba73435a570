// `npm run dist` where electron-builder cannot download what it needs: one plain line saying what was
// missing and what to do. Judged on electron-builder's real output from a machine without internet.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainFailure } from '../scripts/dist-failure.mjs';

const root = join(import.meta.dirname, '..');
const fixture = (name: string): string =>
  readFileSync(join(root, 'test', 'fixtures', 'electron-builder', name), 'utf8');

function packagingLine(target: string, cause: string): string {
  return [
    '  • electron-builder  version=26.18.1 os=6.1.0',
    '  • packaging       platform=linux arch=x64 electron=45.5.0 appOutDir=dist/linux-unpacked',
    `  • building        target=${target} arch=x64 file=dist/premia_0.1.0_amd64.${target}`,
    `  ⨯ ${cause}  failedTask=build stackTrace=RequestError: ${cause}`,
    '    at ClientRequest.<anonymous> (/home/dev/premia/node_modules/got/dist/source/core/index.js:970:111)',
  ].join('\n');
}

describe('a packaging that needs a download it cannot make', () => {
  it("says in one line that Electron's zip for this platform could not be downloaded, and how to package offline", () => {
    const line = explainFailure(fixture('offline-electron-zip.txt'));
    expect(line).toBe(
      "Premia could not be packaged here: electron-builder needs Electron 45.5.0's zip for linux-x64, " +
        'which could not be downloaded (getaddrinfo ENOTFOUND github.com). Build on a machine with ' +
        'internet, or set ELECTRON_OVERRIDE_DIST_PATH to a local Electron 45.5.0 (the folder holding its executable).',
    );
  });

  it('names the AppImage tool when a local Electron was packaged but the tool could not be had', () => {
    const line = explainFailure(fixture('offline-appimage-tool.txt'));
    expect(line).toMatch(
      /^Premia could not be packaged here: electron-builder needs its AppImage tool to make the AppImage, which could not be downloaded \(getaddrinfo ENOTFOUND github\.com\)\. /,
    );
    expect(line).toContain('ELECTRON_BUILDER_BINARIES_MIRROR');
    expect(line).not.toContain('\n');
  });

  it('names fpm for a deb and NSIS for the Windows installer', () => {
    expect(explainFailure(packagingLine('deb', 'connect ETIMEDOUT 140.82.121.4:443'))).toContain(
      'needs fpm (the tool that builds .deb packages) to make the deb, which could not be downloaded (connect ETIMEDOUT 140.82.121.4:443)',
    );
    expect(explainFailure(packagingLine('nsis', 'getaddrinfo EAI_AGAIN github.com'))).toContain(
      'needs NSIS (the tool that builds the Windows installer) to make the nsis',
    );
  });

  it('reads output written in colour', () => {
    const coloured = fixture('offline-electron-zip.txt').replace(/⨯/g, '\u001b[31m⨯\u001b[39m');
    expect(explainFailure(coloured)).toContain("needs Electron 45.5.0's zip for linux-x64");
  });
});

describe('a packaging that fails for another reason', () => {
  it("is left to electron-builder's own words", () => {
    const output = [
      '  • packaging       platform=linux arch=x64 electron=45.5.0 appOutDir=dist/linux-unpacked',
      '  ⨯ Application entry file "out/main/index.js" in the "app.asar" does not exist. Seems like a wrong configuration.  failedTask=build',
    ].join('\n');
    expect(explainFailure(output)).toBeNull();
  });

  it('is not taken for a failure when nothing failed', () => {
    expect(explainFailure('  • building        target=AppImage arch=x64\n')).toBeNull();
  });
});

describe('npm run dist', () => {
  it('refuses in one line an ELECTRON_OVERRIDE_DIST_PATH that does not exist', async () => {
    const missing = join(root, 'no-electron-here');
    const child = spawn(process.execPath, [join(root, 'scripts', 'dist.mjs')], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: missing },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Premia could not be packaged here: ELECTRON_OVERRIDE_DIST_PATH points at ${missing}, which does not exist.\n`,
    );
  });
});
