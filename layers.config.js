// The layers of the app and what each may import, for eslint-plugin-boundaries. Imports are judged by
// the file they resolve to, so a folder's index, `import()`, `export … from` and `require` all meet
// the same rule. Nothing is allowed unless a policy below allows it: a file in a folder nobody has
// placed here is refused, and so is an import of one. Core, shared, preload and the renderer name the
// only packages they may use; the layers doing I/O may use any package but those they must not.
import boundaries from 'eslint-plugin-boundaries';

/** The layers under src, each a folder of the same name. */
const LAYERS = ['core', 'shared', 'services', 'main', 'host', 'preload', 'renderer', 'sim'];

/** Folders outside src that hold tools: they may reach anything they measure, drive or check. */
const TOOLS = ['bench', 'e2e', 'scripts', 'test'];

/** Packages that draw UI: only the renderer has a screen. */
const UI_PACKAGES = ['react', 'react-dom', '@mantine/*', 'lightweight-charts'];

const layer = (...types) => ({ to: { element: { type: types } } });
const packages = (...sources) => ({ to: { module: { origin: 'external', source: sources } } });
const nodeBuiltins = { to: { module: { origin: 'core' } } };
const anyPackage = { to: { module: { origin: ['external', 'core'] } } };
const anything = { to: { module: { origin: ['local', 'external', 'core'] } } };
const from = (type) => ({ element: { type } });

/**
 * The policies of one layer: everything refused with `message` (so a refusal says why), then what
 * it may import, less what it must not even so. A later policy that matches overrides an earlier one.
 */
function layerPolicies(type, message, allow, disallow = []) {
  return [
    { from: from(type), disallow: [anything], message },
    { from: from(type), allow, disallow, message },
  ];
}

const policies = [
  ...layerPolicies(
    'core',
    'src/core is pure: it imports only src/core and src/shared, and no package.',
    [layer('core', 'shared')],
  ),
  ...layerPolicies(
    'shared',
    'src/shared is the contract, imported everywhere: it imports nothing of the app, only zod.',
    [layer('shared'), packages('zod')],
  ),
  ...layerPolicies(
    'services',
    'src/services imports only src/core, src/shared and packages other than Electron and UI; it runs in the headless host too.',
    [layer('core', 'shared', 'services'), anyPackage],
    [packages('electron', ...UI_PACKAGES)],
  ),
  {
    // Demo mode runs the simulator in process; only the composition root decides that.
    from: { ...from('services'), file: { categories: 'composition-root' } },
    allow: [layer('sim')],
  },
  ...layerPolicies(
    'main',
    'src/main, the Electron shell, imports only src/services, src/core, src/shared and packages other than ccxt and UI.',
    [layer('core', 'shared', 'services'), anyPackage],
    [packages('ccxt', ...UI_PACKAGES)],
  ),
  ...layerPolicies(
    'host',
    'src/host imports only src/services, src/core, src/shared and packages other than Electron, ccxt and UI.',
    [layer('core', 'shared', 'services'), anyPackage],
    [packages('electron', 'ccxt', ...UI_PACKAGES)],
  ),
  {
    // `premia sim` runs the simulator on its own.
    from: { ...from('host'), file: { categories: 'simulator-command' } },
    allow: [layer('sim')],
  },
  ...layerPolicies(
    'preload',
    'src/preload exposes the API and nothing else: it imports only src/shared and electron.',
    [layer('shared'), packages('electron')],
  ),
  ...layerPolicies(
    'renderer',
    'The renderer runs sandboxed: it imports only src/core, src/shared and the UI packages, no Node.',
    [layer('core', 'shared'), packages('zod', ...UI_PACKAGES)],
  ),
  ...layerPolicies(
    'sim',
    'src/sim stands apart: it imports only src/shared and packages other than Electron, ccxt and UI.',
    [layer('shared'), anyPackage],
    [packages('electron', 'ccxt', ...UI_PACKAGES)],
  ),
  {
    // Tests start the simulator, read the fixtures in test/, build inputs with the pure engine (the
    // default settings, say) and use Node to set up their world.
    from: { file: { categories: 'test' } },
    allow: [layer('core', 'sim', 'test'), packages('vitest', 'fast-check'), nodeBuiltins],
  },
  {
    // Renderer code tested against a real WebSocket server, which only Node can stand up.
    from: { file: { categories: 'node-test' } },
    allow: [packages('ws')],
  },
  {
    from: [from(TOOLS), { file: { categories: 'project-config' } }],
    allow: [
      layer(...LAYERS, ...TOOLS),
      { to: { file: { categories: 'project-config' } } },
      anyPackage,
    ],
  },
];

const testFiles = LAYERS.map((name) => `src/${name}/**/*.test.{ts,tsx}`);

export default [
  {
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] } },
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export', 'require'],
      // `import('…').Name` in a type position is a dependency too.
      'boundaries/additional-dependency-nodes': [
        { selector: 'TSImportType > Literal', kind: 'type', name: 'type-query' },
      ],
      'boundaries/elements': [
        ...LAYERS.map((name) => ({ type: name, pattern: `src/${name}`, partialMatch: false })),
        ...TOOLS.map((name) => ({ type: name, pattern: name, partialMatch: false })),
      ],
      'boundaries/files': [
        { category: 'test', pattern: testFiles },
        { category: 'node-test', pattern: 'src/renderer/**/*.node.test.ts' },
        { category: 'composition-root', pattern: 'src/services/app-services.ts' },
        { category: 'simulator-command', pattern: 'src/host/commands/sim.ts' },
        { category: 'project-config', pattern: '*.config.{js,ts,mjs}' },
      ],
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, policies },
      ],
    },
  },
  {
    // An import() of a computed path escapes every rule above, so it takes a plain string, except
    // where the exchange library is loaded from the path it was found at.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/services/gateway/ccxt-loader.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.type!='Literal']",
          message: 'import() takes a plain string, so the layer rules can see where it leads.',
        },
      ],
    },
  },
];
