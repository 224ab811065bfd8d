import { defineConfig } from '@playwright/test';

// The production test's browser part: scripts/production-test.sh has built and installed the
// production bundle, started it with app-config.production.yaml and started the test OpenID
// Connect provider; it passes their URLs and the test user's password in the environment.
export default defineConfig({
  testDir: '.',
  testMatch: 'production.spec.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/production',
  use: {
    baseURL: process.env.WEIBAO_PROD_URL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.WEIBAO_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
