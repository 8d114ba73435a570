// End-to-end tests: the built renderer in a real Chromium against `premia serve` (see e2e/fixtures.ts).
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium where installed (CI installs it with apt-get); Playwright's own browser elsewhere. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const systemChromium = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

// Chromium refuses to start its sandbox as root, which is how CI containers run.
const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const CHROMIUM_ARGS = [
  ...(runningAsRoot ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Generous ceilings: CI machines are small and shared; a passing test takes a fraction of this.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    colorScheme: 'light',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: CHROMIUM_ARGS,
    },
    // DOM snapshots are enough to replay a failure; a screencast of every test costs CPU the tests need.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
