import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import jpeg from 'jpeg-js'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

const jpegOf = (width: number, grey: number) =>
  Buffer.from(
    jpeg.encode({ width, height: 90, data: new Uint8Array(width * 90 * 4).fill(grey) }, 80).data,
  )

const REMOTE: Record<string, Buffer> = {
  'page-remote': jpegOf(300, 40),
  'page-srcset': jpegOf(320, 70),
  'md-remote': jpegOf(340, 100),
  'feed-media': jpegOf(360, 130),
  'feed-inline': jpegOf(380, 160),
}

const TEXT =
  'The river rose through the night and the volunteers of the town filled sandbags until dawn, while the mayor promised help to the families who lost their homes.'

/** There are at least `min` images, and every one is decoded from the archive's media URL. */
async function expectArchivedImages(images: Locator, min: number): Promise<void> {
  await expect.poll(() => images.count()).toBeGreaterThanOrEqual(min)
  const count = await images.count()
  for (let i = 0; i < count; i++) {
    const img = images.nth(i)
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0)
    const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc || el.src)
    expect(src).toMatch(/\/media\/[0-9a-f]{64}\?token=/)
    expect(new URL(src).hostname).toBe('127.0.0.1')
  }
}

async function open(win: ArchiveWindow, query: string, title: string): Promise<void> {
  await win.searchFor(query)
  await win.resultRows.filter({ hasText: title }).first().click()
  await expect(win.reader.locator('h1')).toHaveText(title)
}

test.describe('offline reading', () => {
  let server: Server
  let base = ''
  let dir = ''
  let remoteRequests = 0

  test.beforeEach(async () => {
    server = createServer((req, res) => {
      const name = /^\/img\/([\w-]+)\.jpg$/.exec(req.url ?? '')?.[1]
      const body = name ? REMOTE[name] : undefined
      remoteRequests++
      if (!body) {
        res.writeHead(404)
        return res.end()
      }
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(body)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    dir = await mkdtemp(join(tmpdir(), 'morgue-offline-'))
  })
  test.afterEach(async () => {
    if (server.listening) await new Promise<void>((done) => server.close(() => done()))
    await rm(dir, { recursive: true, force: true })
  })

  test('a saved page, a Markdown file and a feed show every image with the network gone', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()

    // A page saved by a browser ("Webpage, complete"): its images in Flood_files/ beside it.
    await mkdir(join(dir, 'page', 'Flood_files'), { recursive: true })
    await writeFile(join(dir, 'page', 'Flood_files', 'lead.jpg'), jpegOf(400, 60))
    await writeFile(
      join(dir, 'page', 'Flood.html'),
      `<!DOCTYPE html>
<!-- saved from url=(0043)https://news.example/world/flood-story.html -->
<html lang="en"><head><meta charset="utf-8"><title>Valley flood</title></head><body><article>
<h1>Valley flood</h1>
<figure><img src="./Flood_files/lead.jpg" alt=""><figcaption>The quay at dawn. DELIL SOULEIMAN / AFP</figcaption></figure>
<p>${TEXT}</p><p>${TEXT}</p>
<figure><img src="${base}/img/page-remote.jpg" alt=""><figcaption>Sandbags on Main Street. Photo: Jane Smith</figcaption></figure>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-srcset="${base}/img/page-srcset.jpg 2x" alt="lazy"></p>
<p>${TEXT}</p></article></body></html>`,
    )
    // Markdown with a relative and a remote image.
    await mkdir(join(dir, 'notes', 'img'), { recursive: true })
    await writeFile(join(dir, 'notes', 'img', 'local.jpg'), jpegOf(420, 90))
    await writeFile(
      join(dir, 'notes', 'harbour.md'),
      `# Harbour closes\n\n![Fishing boats tied up](img/local.jpg "Jane Doe/Reuters")\n\n${TEXT}\n\n![The empty market](${base}/img/md-remote.jpg)\n\n${TEXT}\n`,
    )
    // A feed whose item has a media:content and an image in its content.
    await writeFile(
      join(dir, 'wire.rss'),
      `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Storm reaches coast</title><link>https://wire.example/storm</link>
<media:content url="${base}/img/feed-media.jpg" medium="image"><media:credit>Kevin Frayer/AFP</media:credit></media:content>
<content:encoded><![CDATA[<p>${TEXT}</p><figure><img src="${base}/img/feed-inline.jpg"><figcaption>Waves on the pier. Photo: Ann Lee</figcaption></figure>]]></content:encoded>
</item></channel></rss>`,
    )
    const report = await importPaths([
      join(dir, 'page', 'Flood.html'),
      join(dir, 'notes', 'harbour.md'),
      join(dir, 'wire.rss'),
    ])
    expect(report.imported).toBe(3)
    expect(report.outcomes.flatMap((o) => o.missingImages ?? [])).toEqual([])
    expect(remoteRequests).toBe(Object.keys(REMOTE).length)

    // The network goes: every request off the loopback fails, and the image server stops.
    const refused: string[] = []
    await page.context().route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue()
      refused.push(url.href)
      return route.abort('internetdisconnected')
    })
    await new Promise<void>((done) => server.close(() => done()))
    const requestsBefore = remoteRequests

    await open(win, 'valley flood', 'Valley flood')
    await expectArchivedImages(win.reader.getByTestId('reader-photo').locator('img'), 2)
    await expect(win.reader.getByTestId('missing-images')).toHaveCount(0)
    // The archived page itself: its local, remote and lazy srcset images, all from the archive.
    await win.reader.getByRole('button', { name: 'Show archived page' }).click()
    const frame = page.frameLocator('[data-testid="snapshot-frame"]')
    await expectArchivedImages(frame.locator('img'), 3)

    await open(win, 'harbour closes', 'Harbour closes')
    await expectArchivedImages(win.reader.getByTestId('reader-photo').locator('img'), 2)

    await open(win, 'storm reaches coast', 'Storm reaches coast')
    await expectArchivedImages(win.reader.getByTestId('reader-photo').locator('img'), 2)

    expect(remoteRequests).toBe(requestsBefore)
    expect(refused).toEqual([])
  })

  test('an image missing at import is listed, and "Retry missing images" brings it back', async ({
    page,
    importPaths,
  }) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    await writeFile(
      join(dir, 'late.html'),
      `<html lang="en"><head><title>Late edition</title></head><body><article><h1>Late edition</h1><p>${TEXT}</p><p>${TEXT}</p>
<figure><img src="${base}/img/late.jpg" alt=""><figcaption>Night shift at the press. Photo: Ann Lee</figcaption></figure></article></body></html>`,
    )
    const report = await importPaths([join(dir, 'late.html')])
    expect(report.outcomes[0].missingImages).toEqual([
      { url: `${base}/img/late.jpg`, reason: `${base}/img/late.jpg answered HTTP 404 Not Found.` },
    ])
    await open(win, 'late edition', 'Late edition')
    const missing = win.reader.getByTestId('missing-images')
    await expect(missing.getByTestId('missing-count')).toHaveText('1 image not archived')
    await expect(win.reader.getByTestId('reader-photo')).toContainText('Image not archived')

    REMOTE.late = jpegOf(440, 200)
    await missing.getByRole('button', { name: 'Retry missing images' }).click()
    await expect(missing).toContainText('1 image fetched.')
    await expectArchivedImages(win.reader.getByTestId('reader-photo').locator('img'), 1)
    await expect(missing.getByTestId('missing-count')).toHaveCount(0)
  })
})
