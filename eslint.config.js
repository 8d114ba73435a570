// Lint rules. The layer rules (which folder may import which, checked on resolved files) live in
// layers.config.js; this file adds the language rules and what the pure core may not touch.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './layers.config.js';

const pureCore = 'src/core is pure: pass times, timers and random numbers in.';

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
  ...layers,
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Date', 'performance'].map((name) => ({
          name,
          message: 'src/core reads no clock: pass times in.',
        })),
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
          'queueMicrotask',
          'requestAnimationFrame',
        ].map((name) => ({ name, message: pureCore })),
        { name: 'crypto', message: pureCore },
        ...['globalThis', 'global', 'window', 'self'].map((name) => ({
          name,
          message: 'src/core reaches no global object: what it needs is passed in.',
        })),
        ...['fetch', 'WebSocket', 'XMLHttpRequest'].map((name) => ({
          name,
          message: 'src/core does no I/O.',
        })),
        { name: 'process', message: 'src/core does not touch the process.' },
        { name: 'require', message: 'src/core loads no modules at run time.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: pureCore },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'require',
          '__dirname',
          '__filename',
          'global',
          'setImmediate',
        ].map((name) => ({ name, message: 'The renderer runs sandboxed: Node is not there.' })),
      ],
    },
  },
  {
    // Renderer code tested against real Node servers (a ws server standing in for the host).
    files: ['src/renderer/**/*.node.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-globals': 'off' },
  },
);
