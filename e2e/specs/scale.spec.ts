import { rm, writeFile } from 'node:fs/promises'
import { expect, runCli, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'
import { snap } from '../screenshots'

const ARTICLES = 2000
const WORDS = (
  'minister border ceasefire offensive talks refugees election parliament council drone ' +
  'convoy province village coalition sanctions embassy protest court harvest flood ' +
  'pipeline militia negotiator summit airstrike checkpoint hospital aid corridor curfew'
).split(' ')

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/**
 * 2,000 articles imported through the core (the CLI) before the app opens the archive. One
 * RSS file carries them all: one write instead of 2,000 durable per-file imports.
 */
async function generateArchive(archiveDir: string): Promise<void> {
  const items: string[] = []
  for (let i = 0; i < ARTICLES; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]
    const title = `Report ${String(i).padStart(4, '0')}: ${w(1)} ${w(2)} in the ${w(3)}`
    const marker = i === ARTICLES - 1 ? ' The zanzibarite dossier closes this series.' : ''
    // Distinct texts, as a real archive holds: 2,000 copies of one template would be one story
    // to the near-duplicate detector (one row, "+1,999 similar").
    let seed = (i + 1) * 2654435761
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
    const words = Array.from({ length: 28 }, () => WORDS[next() % WORDS.length])
    const body = `Day ${i % 365}: ${words.join(' ')}.${marker}`
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toUTCString()
    items.push(
      `<item><title>${xml(title)}</title><link>https://example.org/wire/${i}</link>` +
        `<guid>https://example.org/wire/${i}</guid><pubDate>${day}</pubDate>` +
        `<description>${xml(body)}</description></item>`,
    )
  }
  const feed = `${archiveDir}-wire.xml`
  await writeFile(
    feed,
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>` +
      `<link>https://example.org/</link><description>Generated</description>${items.join('')}</channel></rss>`,
  )
  await runCli(archiveDir, ['import', feed])
  await rm(feed, { force: true })
}

test.describe('a 2,000-article archive', () => {
  // A function value in test.use() is read as a fixture, so hand the preparer over through one.
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    prepareArchive: async ({}, use) => {
      await use(generateArchive)
    },
  })

  test('scrolls to the end and searches', async ({ page, target }) => {
    const win = new ArchiveWindow(page)
    await expect(win.resultCount).toHaveText('2,000 items in the archive')
    // Virtualised: only a screenful of rows exists in the DOM.
    expect(await win.resultRows.count()).toBeLessThan(60)

    // Newest first: the first report of the series ends the list. End jumps to the last row
    // loaded, which loads the next page; pressing it again gets further.
    const active = win.results.locator('.result.active')
    await win.results.focus()
    await expect(async () => {
      await page.keyboard.press('End')
      await expect(active).toContainText('Report 0000', { timeout: 1000 })
    }).toPass({ timeout: 30_000 })
    await expect(active).toBeInViewport()
    expect(await win.resultRows.count()).toBeLessThan(60)

    await win.searchFor('zanzibarite')
    await expect(win.resultCount).toHaveText('1 result')
    await expect(win.resultRows.first()).toContainText('Report 1999')

    await win.searchFor('ceasefire')
    await expect(win.resultCount).toHaveText(/^[\d,]+ results$/)
    const total = Number((await win.resultCount.textContent())?.replace(/\D/g, ''))
    expect(total).toBeGreaterThan(100)
    await win.resultRows.nth(2).click()
    await snap(page, target, 'archive-2000')
    // Paging as it scrolls: the end of a long result list is reachable.
    await win.results.focus()
    let seen = ''
    await expect(async () => {
      await page.keyboard.press('End')
      const index = await active.locator('xpath=..').getAttribute('data-index')
      seen = index ?? ''
      expect(Number(index)).toBe(total - 1)
    }).toPass({ timeout: 30_000 })
    expect(seen).toBe(String(total - 1))
    await expect(active).toBeInViewport()
  })
})
