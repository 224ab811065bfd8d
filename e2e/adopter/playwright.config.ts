import { defineConfig } from '@playwright/test';

// The adopter test's checks: scripts/adopter-test.sh has made a stock Backstage app, installed
// the packed plugins by their READMEs, built it for production and started its production
// backend (which serves the frontend too); it passes that backend's URL in the environment.
export default defineConfig({
  testDir: '.',
  testMatch: 'adopter.spec.ts',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../test-results/adopter',
  use: {
    baseURL: process.env.WEIBAO_ADOPTER_URL,
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
