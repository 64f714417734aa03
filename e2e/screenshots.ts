import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { repoRoot, type AppTarget } from './fixtures'

const dir = join(repoRoot, 'docs', 'screenshots')

/**
 * Save the window as it is now to docs/screenshots/<name>-light.png and -dark.png (the README
 * shows them). Taken on the browser target only, so one run writes one consistent set.
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
