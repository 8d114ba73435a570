// Lint rules, including the one-way import direction between layers (core ← services ← main/host).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
  'stream',
  'url',
  'events',
  'timers',
  'timers/*',
  'util',
  'zlib',
];

/** Builds a no-restricted-imports rule from groups of forbidden patterns with their reasons. */
function forbid(groups) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: groups.map(([group, message]) => ({ group, message })) },
    ],
  };
}

const servicesForbidden = [
  [['electron'], 'src/services runs in the headless host too: no Electron.'],
  [
    ['**/main/**', '**/host/**', '**/renderer/**', '**/preload/**'],
    'src/services imports only core, shared and (from the composition root) sim.',
  ],
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      ...forbid([
        [nodeBuiltins, 'src/core is pure: no I/O.'],
        [
          ['electron', 'ccxt', 'ccxt/*', 'lowdb', 'lowdb/*', 'ws', 'react', 'react-dom'],
          'src/core is pure: no Electron, ccxt, storage, network or UI.',
        ],
        [
          [
            '**/services/**',
            '**/main/**',
            '**/host/**',
            '**/renderer/**',
            '**/preload/**',
            '**/sim/**',
          ],
          'src/core imports only src/core and src/shared.',
        ],
      ]),
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'src/core reads no clock: pass times in.' },
        { name: 'performance', message: 'src/core reads no clock: pass times in.' },
        { name: 'fetch', message: 'src/core does no I/O.' },
        { name: 'process', message: 'src/core does not touch the process.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: forbid([
      [nodeBuiltins, 'src/shared is imported everywhere: no I/O.'],
      [
        ['electron', 'ccxt', 'ccxt/*', 'lowdb', 'lowdb/*', 'ws', 'react'],
        'src/shared holds only the contract.',
      ],
      [
        [
          '**/core/**',
          '**/services/**',
          '**/main/**',
          '**/host/**',
          '**/renderer/**',
          '**/preload/**',
          '**/sim/**',
        ],
        'src/shared depends on nothing of the app.',
      ],
    ]),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: forbid(servicesForbidden),
  },
  {
    // Only the composition root starts the simulator (demo mode); tests may start it too.
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/app-services.ts', 'src/services/**/*.test.ts'],
    rules: forbid([
      ...servicesForbidden,
      [
        ['**/sim', '**/sim/**'],
        'Only the composition root (app-services.ts) starts the simulator.',
      ],
    ]),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid([
      [
        ['**/renderer/**', '**/host/**', '**/preload/**', '**/sim/**', 'ccxt', 'ccxt/*'],
        'src/main is the Electron shell: it reaches the app through src/services.',
      ],
    ]),
  },
  {
    files: ['src/host/**/*.ts'],
    rules: forbid([
      [
        ['electron', '**/main/**', '**/renderer/**', '**/preload/**', 'ccxt', 'ccxt/*'],
        'src/host runs the services in plain Node.',
      ],
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid([
      [
        [
          '**/services/**',
          '**/main/**',
          '**/host/**',
          '**/renderer/**',
          '**/core/**',
          '**/sim/**',
          'ccxt',
        ],
        'src/preload exposes the API and nothing else.',
      ],
    ]),
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: forbid([
      [
        [
          'electron',
          'ccxt',
          'ccxt/*',
          '**/core/**',
          '**/services/**',
          '**/main/**',
          '**/host/**',
          '**/renderer/**',
          '**/preload/**',
        ],
        'src/sim stands apart: it imports only src/shared.',
      ],
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid([
        [nodeBuiltins, 'The renderer runs sandboxed: no Node.'],
        [
          ['electron', 'ccxt', 'ccxt/*', 'lowdb', 'lowdb/*', 'ws'],
          'The renderer reaches the app only through its API client.',
        ],
        [
          ['**/services/**', '**/main/**', '**/host/**', '**/preload/**', '**/sim/**'],
          'The renderer imports only src/shared and src/core.',
        ],
      ]),
    },
  },
  {
    // Renderer code tested against real Node servers (a ws server standing in for the host).
    files: ['src/renderer/**/*.node.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
