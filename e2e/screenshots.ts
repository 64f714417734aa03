import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { repoRoot, type AppTarget } from './fixtures'

// `MORGUE_SCREENSHOTS=1 npm run test:e2e` refreshes the committed set the README shows; other
// runs (CI, npm test) write beside the test results so the work tree stays clean.
const dir = process.env.MORGUE_SCREENSHOTS
  ? join(repoRoot, 'docs', 'screenshots')
  : join(repoRoot, 'test-results', 'screenshots')

/**
 * Save the window as it is now as <name>-light.png and -dark.png. Taken on the browser target
 * only, so one run writes one consistent set.
 */
export async function snap(page: Page, target: AppTarget, name: string): Promise<void> {
  if (target !== 'chromium') return
  await mkdir(dir, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(dir, `${name}-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
