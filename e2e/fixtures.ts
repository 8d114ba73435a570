// Test fixtures: a fresh `premia serve` with an empty data folder for every test, stopped afterwards,
// and a page that fails its test on any uncaught error or Content-Security-Policy violation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { PremiaHost } from './premia-host';

export { expect };

interface Fixtures {
  premia: PremiaHost;
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
  premia: async ({}, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'premia-e2e-'));
    const host = new PremiaHost(dataDir);
    try {
      await host.start();
      await use(host);
    } finally {
      const stopped = await host.stop();
      const failed = testInfo.status !== testInfo.expectedStatus || stopped.code !== 0;
      if (failed && host.log.length > 0) {
        await testInfo.attach('premia-serve-stderr', {
          body: host.log.join(''),
          contentType: 'text/plain',
        });
      }
      await rm(dataDir, { recursive: true, force: true });
      expect(stopped.code, 'premia serve stops cleanly on SIGTERM').toBe(0);
    }
  },

  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
          problems.push(`CSP: ${message.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'the page ran without uncaught errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});
