// Runs every bench/*.bench.ts, each in a fresh process so one bench's loaded modules and heap never
// colour another's figures, and prints one JSON object: { "<name>": { ...figures } }.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<Record<string, unknown>>;

const here = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');

async function runOne(file: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  process.stdout.write(JSON.stringify(await mod.default()));
}

async function runAll(only: string[]): Promise<void> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const results: Record<string, unknown> = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    process.stderr.write(`bench: ${name}…\n`);
    const child = spawnSync(tsx, [self, '--one', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`bench ${name} failed (exit ${child.status})`);
    results[name] = JSON.parse(child.stdout) as unknown;
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--one' && args[1]) await runOne(args[1]);
else await runAll(args);
