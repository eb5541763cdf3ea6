import { defineConfig } from '@playwright/test';

/**
 * Browser e2e tests drive the real renderer in Chromium against browser mode (a real HTTP server
 * on 127.0.0.1). The Chromium binary is found by scripts/findChromium.mjs (LECTERN_CHROMIUM).
 */
export default defineConfig({
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  retries: 0,
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.LECTERN_CHROMIUM || undefined,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
        trace: 'off',
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testDir: 'test/e2e-electron' },
  ],
});
