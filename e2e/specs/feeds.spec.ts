import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** A news site on 127.0.0.1 with an RSS feed served as application/xml and full article pages. */
let server: Server
let base = ''
let stories: { slug: string; title: string; text: string }[] = []

function rss(): string {
  const items = stories
    .map(
      (s) =>
        `<item><title>${s.title}</title><link>${base}/news/${s.slug}</link><description>Summary only.</description></item>`,
    )
    .join('')
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><link>${base}/</link>${items}</channel></rss>`
}

test.beforeEach(async () => {
  stories = [
    {
      slug: 'strike',
      title: 'Dockers strike at the port',
      text: 'The dockers walked out at dawn over pay.',
    },
    {
      slug: 'ferry',
      title: 'Ferries delayed by the storm',
      text: 'Crossings were cancelled until the wind dropped.',
    },
  ]
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' })
      res.end(rss())
      return
    }
    const s = stories.find((x) => req.url === `/news/${x.slug}`)
    if (!s) {
      res.writeHead(404)
      res.end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      `<html><head><title>${s.title}</title></head><body><article><h1>${s.title}</h1><p>${s.text} ${'More of the full article text. '.repeat(8)}</p></article></body></html>`,
    )
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterEach(async () => {
  await new Promise((ok) => server.close(ok))
})

test('subscribe to a feed, read its articles, refresh for a new one', async ({ page }) => {
  const win = new ArchiveWindow(page)
  await win.ready()
  await page.getByRole('button', { name: 'Subscribe to a feed' }).click()
  const dialog = page.getByRole('dialog', { name: 'Subscribe to a feed' })
  await dialog.getByRole('textbox', { name: 'Feed address' }).fill(`${base}/feed.xml`)
  await dialog.getByRole('button', { name: 'Subscribe' }).click()
  await expect(win.toast).toContainText('Subscribed to Harbour Gazette: 2 new articles archived')

  const feed = page.getByTestId('feed').filter({ hasText: 'Harbour Gazette' })
  await expect(feed.getByTestId('feed-unread')).toHaveText('2')
  await feed.getByRole('button', { name: /^Harbour Gazette/ }).click()
  await expect(win.resultCount).toHaveText('2 items in the archive')
  await win.resultRows.filter({ hasText: 'Dockers strike' }).click()
  // The full page was archived, not the feed's summary.
  await expect(win.reader).toContainText('The dockers walked out at dawn over pay.')
  await expect(feed.getByTestId('feed-unread')).toHaveText('1')

  stories.push({
    slug: 'crane',
    title: 'A new crane for the terminal',
    text: 'The crane arrived by barge.',
  })
  await feed.hover()
  await page.getByRole('button', { name: 'Refresh Harbour Gazette' }).click()
  await expect(win.toast.last()).toContainText('1 new article archived')
  await expect(feed.getByTestId('feed-unread')).toHaveText('2')
  await expect(win.resultRows.filter({ hasText: 'A new crane' })).toHaveCount(1)
})
