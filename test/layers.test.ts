// The lint configuration is what keeps the layers apart (DESIGN §2): check that it refuses each
// forbidden direction and allows the permitted ones.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('the layer rules', () => {
  it.each([
    [
      'src/core/probe.ts',
      "import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n",
    ],
    ['src/core/probe.ts', "import ccxt from 'ccxt';\nexport const c = ccxt;\n"],
    ['src/core/probe.ts', "import { x } from '../services/probe';\nexport const y = x;\n"],
    ['src/core/probe.ts', 'export const now = () => Date.now();\n'],
    ['src/shared/probe.ts', "import { x } from '../core/probe';\nexport const y = x;\n"],
    ['src/services/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/services/probe.ts', "import { x } from '../main/probe';\nexport const y = x;\n"],
    [
      'src/services/market/probe.ts',
      "import { startSimulator } from '../../sim';\nexport const s = startSimulator;\n",
    ],
    [
      'src/renderer/src/probe.ts',
      "import { x } from '../../services/probe';\nexport const y = x;\n",
    ],
    [
      'src/renderer/src/probe.ts',
      "import { readFile } from 'node:fs';\nexport const f = readFile;\n",
    ],
    ['src/preload/probe.ts', "import { x } from '../core/probe';\nexport const y = x;\n"],
    ['src/sim/probe.ts', "import { x } from '../core/probe';\nexport const y = x;\n"],
    ['src/host/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/main/probe.ts', "import ccxt from 'ccxt';\nexport const c = ccxt;\n"],
  ])('refuses what %s may not import: %j', async (filePath, code) => {
    expect(await importErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    [
      'src/core/probe.ts',
      "import { REGIMES } from '../shared/strategy';\nexport const r = REGIMES;\n",
    ],
    [
      'src/services/probe.ts',
      "import { defaultSettings } from '../core';\nexport const d = defaultSettings;\n",
    ],
    [
      'src/renderer/src/probe.ts',
      "import { formatPercent } from '../../core/format';\nexport const f = formatPercent;\n",
    ],
    ['src/host/probe.ts', "import { x } from '../services/probe';\nexport const y = x;\n"],
    [
      'src/services/app-services.ts',
      "import { startSimulator } from '../sim';\nexport const s = startSimulator;\n",
    ],
    ['src/main/probe.ts', "import { x } from '../services/probe';\nexport const y = x;\n"],
  ])('allows %s its permitted imports: %j', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
