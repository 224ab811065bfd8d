import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The portal is started by the README's own command (scripts/start.sh), with an extra
// config file that moves it to ports 3100/7107 and a throw-away SQLite directory.
const dataDir = mkdtempSync(path.join(tmpdir(), 'weibao-e2e-'));
export const frontendUrl = 'http://localhost:3100';
export const backendUrl = 'http://localhost:7107';

export default defineConfig({
  testDir: 'tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: frontendUrl,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.WEIBAO_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `${path.resolve(
      __dirname,
      '../scripts/start.sh',
    )} --config ${path.resolve(__dirname, 'app-config.e2e.yaml')}`,
    url: frontendUrl,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { WEIBAO_E2E_DATA_DIR: dataDir },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
