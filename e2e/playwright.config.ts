import { defineConfig } from '@playwright/test'
import type { AppTarget } from './fixtures'

/**
 * The same journeys on two targets: the desktop app through `_electron` (skipped where no
 * Electron binary exists) and the built renderer in Debian's Chromium over the loopback
 * transport. Every test gets a fresh temp archive, so one worker keeps the 2-core CI machine
 * from thrashing; the heaviest journey (2,000 articles) needs the longer timeout.
 */
// Each app a test starts takes any free port for "Save to Morgue" (never the documented 47600,
// which an app on this machine may hold); the specs read it from the app.
process.env.MORGUE_CAPTURE_PORT ??= '0'

export default defineConfig<{ target: AppTarget }>({
  testDir: './specs',
  outputDir: './.output',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['github']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 860 },
  },
  projects: [
    { name: 'chromium', use: { target: 'chromium' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
})
