// The lint configuration is what keeps the layers apart. These probes lint made-up files at real
// places in the tree, importing real files, so the rules are judged on where an import lands (a
// folder's index, `import()`, `export … from`, `require`) and not on how its path is spelled.
import { readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** Rules that speak for the layers; anything else a probe trips (style, unused code) is not counted. */
function isLayerRule(ruleId: string | null): boolean {
  return (
    ruleId !== null && (ruleId.startsWith('boundaries/') || ruleId.startsWith('no-restricted-'))
  );
}

/** What the layer rules say about `code` if it were the file at `filePath` (relative to the root). */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`probe ${filePath} does not parse: ${fatal.message}`);
  return messages.filter((m) => isLayerRule(m.ruleId)).map((m) => `${m.ruleId}: ${m.message}`);
}

/** Every message of every rule about `code` at `filePath`: a permitted probe must be clean. */
async function allErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** A real source file inside `folder` (not its index, not a test), without its extension. */
function aFileIn(folder: string): string {
  const name = readdirSync(join(root, folder))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|\.d\.ts$|^index\.tsx?$/.test(f))
    .sort()[0];
  if (!name) throw new Error(`${folder} holds no source file to probe`);
  return posix.join(folder, name.replace(/\.tsx?$/, ''));
}

/** The import specifier that reaches `target` (relative to the root) from the file `from`. */
function specifier(from: string, target: string): string {
  const path = relative(dirname(from), target).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** A file importing `to` the plainest way. */
const staticImport = (to: string) =>
  `import { probe } from '${to}';\nexport const value = probe;\n`;

/** The ways one file can reach another; each must meet the same rule. */
const forms: [string, (to: string) => string][] = [
  ['a static import', staticImport],
  [
    'a type-only import',
    (to) => `import type { Probe } from '${to}';\nexport type Value = Probe;\n`,
  ],
  ['import()', (to) => `export const load = () => import('${to}');\n`],
  ['a type query', (to) => `export type Value = import('${to}').Probe;\n`],
  ['import() of a template string', (to) => `export const load = () => import(\`${to}\`);\n`],
  ['export … from', (to) => `export { probe } from '${to}';\n`],
  ['export * from', (to) => `export * from '${to}';\n`],
  ['require()', (to) => `export const value = require('${to}');\n`],
];

/** For each layer: a made-up file in it, and a folder (with an index) it must not reach. */
const forbiddenFolders: [layer: string, probe: string, folder: string][] = [
  ['core', 'src/core/probe.ts', 'src/services/market'],
  ['core', 'src/core/probe.ts', 'src/sim'],
  ['shared', 'src/shared/probe.ts', 'src/core'],
  ['services', 'src/services/history/probe.ts', 'src/sim'],
  ['services', 'src/services/probe.ts', 'src/main'],
  ['main', 'src/main/probe.ts', 'src/host/commands'],
  ['main', 'src/main/probe.ts', 'src/sim'],
  ['host', 'src/host/probe.ts', 'src/main'],
  ['host', 'src/host/probe.ts', 'src/sim'],
  ['preload', 'src/preload/probe.ts', 'src/core'],
  ['renderer', 'src/renderer/src/probe.ts', 'src/services/market'],
  ['renderer', 'src/renderer/src/probe.ts', 'src/preload'],
  ['sim', 'src/sim/probe.ts', 'src/core'],
];

/** [layer, probe file, forbidden folder, how it is reached, the probe's code] */
const probesOfForbiddenFolders = forbiddenFolders.flatMap(
  ([layer, probe, folder]): [string, string, string, string, string][] => [
    [layer, probe, folder, 'a file inside it', staticImport(specifier(probe, aFileIn(folder)))],
    ...forms.map(([form, code]): [string, string, string, string, string] => [
      layer,
      probe,
      folder,
      `its index by ${form}`,
      code(specifier(probe, folder)),
    ]),
  ],
);

describe('the layer rules refuse a forbidden folder in every form', () => {
  it.each(probesOfForbiddenFolders)(
    '%s (%s) may not reach %s through %s',
    async (_layer, probe, _folder, _form, code) => {
      expect(await layerErrors(probe, code)).not.toEqual([]);
    },
  );
});

describe('the layer rules refuse what a layer may not import', () => {
  const refusals: [probe: string, target: string][] = [
    ['src/core/probe.ts', 'node:fs/promises'],
    ['src/core/probe.ts', 'fs'],
    ['src/core/probe.ts', 'ccxt'],
    ['src/core/probe.ts', 'electron'],
    ['src/core/probe.ts', 'lowdb'],
    ['src/core/probe.ts', 'ws'],
    ['src/core/probe.ts', 'react'],
    ['src/core/probe.ts', aFileIn('src/renderer/src')],
    ['src/core/probe.ts', aFileIn('src/host')],
    ['src/shared/probe.ts', 'node:path'],
    ['src/shared/probe.ts', 'react'],
    ['src/shared/probe.ts', aFileIn('src/services')],
    ['src/services/probe.ts', 'electron'],
    ['src/services/probe.ts', aFileIn('src/renderer/src')],
    ['src/services/probe.ts', aFileIn('src/host')],
    ['src/services/probe.ts', 'test/fixtures'],
    ['src/main/probe.ts', 'ccxt'],
    ['src/main/probe.ts', aFileIn('src/renderer/src')],
    ['src/main/probe.ts', aFileIn('src/preload')],
    ['src/host/probe.ts', 'electron'],
    ['src/host/probe.ts', 'ccxt'],
    ['src/host/probe.ts', aFileIn('src/renderer/src')],
    ['src/preload/probe.ts', 'node:fs'],
    ['src/preload/probe.ts', 'ccxt'],
    ['src/preload/probe.ts', aFileIn('src/services')],
    ['src/renderer/src/probe.ts', 'node:fs'],
    ['src/renderer/src/probe.ts', 'path'],
    ['src/renderer/src/probe.ts', 'electron'],
    ['src/renderer/src/probe.ts', 'ws'],
    ['src/renderer/src/probe.ts', 'ccxt'],
    ['src/renderer/src/probe.ts', 'lowdb'],
    ['src/sim/probe.ts', 'electron'],
    ['src/sim/probe.ts', 'ccxt'],
    ['src/sim/probe.ts', aFileIn('src/services')],
  ];
  it.each(refusals)('%s may not import %s', async (probe, target) => {
    const to =
      target.startsWith('src/') || target.startsWith('test/') ? specifier(probe, target) : target;
    expect(
      await layerErrors(probe, `import * as probe from '${to}';\nexport const value = probe;\n`),
    ).not.toEqual([]);
  });
});

describe('the layer rules keep src/core pure', () => {
  it.each([
    ['a clock', 'export const now = () => Date.now();\n'],
    ['a high-resolution clock', 'export const now = () => performance.now();\n'],
    ['a timer', 'export const later = (f: () => void) => setTimeout(f, 10);\n'],
    ['a repeating timer', 'export const every = (f: () => void) => setInterval(f, 10);\n'],
    ['a queued task', 'export const soon = (f: () => void) => queueMicrotask(f);\n'],
    [
      'a timer reached through globalThis',
      'export const later = (f: () => void) => globalThis.setTimeout(f, 10);\n',
    ],
    ['randomness', 'export const pick = () => Math.random();\n'],
    ['randomness taken apart', 'const { random } = Math;\nexport const pick = () => random();\n'],
    ['crypto randomness', 'export const id = () => crypto.randomUUID();\n'],
    ['the network', "export const get = () => fetch('https://example.com');\n"],
    ['the process', 'export const env = () => process.env;\n'],
  ])('refuses %s in src/core', async (_what, code) => {
    expect(await layerErrors('src/core/probe.ts', code)).not.toEqual([]);
  });
});

describe('the layer rules keep Node out of the sandboxed renderer', () => {
  it.each([
    ['the process', 'export const env = () => process.env;\n'],
    ['Node buffers', "export const bytes = () => Buffer.from('x');\n"],
    ['require()', 'export const load = (name: string) => require(name);\n'],
  ])('refuses %s in src/renderer', async (_what, code) => {
    expect(await layerErrors('src/renderer/src/probe.ts', code)).not.toEqual([]);
  });
});

describe('the layer rules refuse files nobody ruled on', () => {
  it.each([
    ['src/newfolder/probe.ts'],
    ['src/newfolder/probe.test.ts'],
    ['src/services-extra/probe.ts'],
    ['src/probe.ts'],
    ['newfolder/probe.ts'],
  ])('refuses %s', async (probe) => {
    expect(await layerErrors(probe, 'export const value = 1;\n')).not.toEqual([]);
  });
});

describe('the layer rules allow each layer its permitted imports', () => {
  const permitted: [probe: string, target: string][] = [
    ['src/core/probe.ts', 'src/shared/strategy'],
    ['src/core/probe.ts', 'src/core'],
    ['src/shared/probe.ts', 'zod'],
    ['src/services/probe.ts', 'src/core'],
    ['src/services/probe.ts', 'src/shared/errors'],
    ['src/services/probe.ts', 'node:fs'],
    ['src/services/probe.ts', 'lowdb'],
    ['src/services/market/probe.ts', 'src/services/history'],
    ['src/services/app-services.ts', 'src/sim'],
    ['src/host/commands/sim.ts', 'src/sim'],
    ['src/host/probe.ts', 'src/services/market'],
    ['src/host/probe.ts', 'src/core'],
    ['src/host/probe.ts', 'ws'],
    ['src/main/probe.ts', 'src/services/market'],
    ['src/main/probe.ts', 'electron'],
    ['src/preload/probe.ts', 'src/shared/api'],
    ['src/preload/probe.ts', 'electron'],
    ['src/renderer/src/probe.ts', 'src/core'],
    ['src/renderer/src/probe.ts', 'src/shared/api'],
    ['src/renderer/src/probe.ts', 'react'],
    ['src/renderer/src/probe.ts', '@mantine/core'],
    ['src/renderer/src/probe.ts', 'lightweight-charts'],
    ['src/sim/probe.ts', 'src/shared/api'],
    ['src/sim/probe.ts', 'node:http'],
    // Tests may start the simulator, read the fixtures, build inputs with the pure engine, and
    // stand up Node servers.
    ['src/services/market/probe.test.ts', 'src/sim'],
    ['src/shared/probe.test.ts', 'src/core'],
    ['src/services/probe.test.ts', 'test/fixtures'],
    ['src/core/probe.test.ts', 'test/fixtures'],
    ['src/core/probe.test.ts', 'vitest'],
    ['src/core/probe.test.ts', 'fast-check'],
    ['src/renderer/src/api/probe.node.test.ts', 'ws'],
    // Tools outside src reach whatever they measure or drive.
    ['bench/probe.ts', 'src/services/market'],
    ['bench/probe.ts', 'src/sim'],
    ['bench/probe.ts', 'test/fixtures'],
    ['e2e/probe.ts', 'node:fs'],
    ['e2e/probe.ts', '@playwright/test'],
    ['scripts/probe.mjs', 'node:child_process'],
  ];
  it.each(permitted)('%s may import %s', async (probe, target) => {
    const to =
      target.startsWith('src/') || target.startsWith('test/') ? specifier(probe, target) : target;
    expect(
      await allErrors(probe, `import * as probe from '${to}';\nexport const value = probe;\n`),
    ).toEqual([]);
  });

  it('lets the composition root load the simulator with import()', async () => {
    const code = "export const load = () => import('../sim');\n";
    expect(await allErrors('src/services/app-services.ts', code)).toEqual([]);
  });
});
