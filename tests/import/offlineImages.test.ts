import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import type { Article, ImportOutcome } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'

// Every importer keeps what its input refers to: saved pages (files beside them, srcset,
// <picture>, lazy attributes, data: URIs, figure backgrounds), Markdown, feeds and JSON imports,
// through the import worker and the one downloader in the main process. The fixture server
// listens on 127.0.0.1; every other host is refused as if the network were down.

const jpegOf = (width: number, grey: number) =>
  new Uint8Array(
    jpeg.encode({ width, height: 80, data: new Uint8Array(width * 80 * 4).fill(grey) }, 80).data,
  )
function pngOf(side: number): Uint8Array {
  const png = new PNG({ width: side, height: side })
  png.data.fill(200)
  return new Uint8Array(PNG.sync.write(png))
}

const IMAGES: Record<string, Uint8Array> = {}
const names = [
  'large', 'small', 'fallback', 'lazy', 'lazyset-1', 'lazyset-2', 'md', 'enclosure', 'media',
  'thumb', 'inline', 'json', 'late',
] // prettier-ignore
names.forEach((name, i) => (IMAGES[name] = jpegOf(100 + i * 4, 20 + i * 15)))
const LOCAL_LEAD = jpegOf(160, 90)
const LOCAL_BG = jpegOf(170, 60)
const MD_LOCAL = jpegOf(180, 30)
const DATA_PNG = pngOf(24)

let server: Server
let base = ''
let lateReady = false
let dir: string
let cleanup: () => Promise<void>
let archive: Archive

const loopbackOnly: typeof fetch = async (input, init) => {
  const url = new URL(String(input instanceof Request ? input.url : input))
  if (url.hostname !== '127.0.0.1') {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })
  }
  return fetch(input, init)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const name = /^\/img\/([\w-]+)\.jpg$/.exec(path)?.[1]
    if (path === '/img/loop.jpg') {
      res.writeHead(302, { location: '/img/loop.jpg' })
      return res.end()
    }
    if (path === '/img/error.jpg') {
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end('<!doctype html><h1>Page not found</h1>')
    }
    if (name && IMAGES[name] && (name !== 'late' || lateReady)) {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      return res.end(IMAGES[name])
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'), { fetch: loopbackOnly })
})
afterAll(async () => {
  await archive?.close()
  await new Promise<void>((done) => server.close(() => done()))
  await cleanup()
})

const PARAGRAPHS = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1} tells how the river rose through the night and how the volunteers of the town filled sandbags until dawn while the mayor spoke.</p>`,
).join('')

async function importOne(path: string): Promise<{ item: Article; outcome: ImportOutcome }> {
  const report = await archive.importPaths([path])
  const outcome = report.outcomes[0]
  expect(outcome.status, outcome.reason).toBe('imported')
  const item = (await archive.get(outcome.ids[0])) as Article
  return { item, outcome }
}

async function snapshotOf(item: Article): Promise<string> {
  return (await archive.readBlob(item.snapshot!.sha256)).toString('utf8')
}

async function blobBytes(sha: string | undefined): Promise<Uint8Array> {
  return new Uint8Array(await archive.readBlob(sha!))
}

/** ref → sha256 of every image the snapshot marks as archived. */
function archivedRefs(html: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const m of html.matchAll(/data-morgue-ref="([^"]*)" data-morgue-blob="([0-9a-f]{64})"/g)) {
    map.set(m[1].replace(/&amp;/g, '&'), m[2])
  }
  return map
}

describe('a saved web page keeps every image it shows', () => {
  it('stores files beside it, srcset/picture/lazy candidates, data: URIs and figure backgrounds', async () => {
    const site = join(dir, 'saved')
    await mkdir(join(site, 'Flood_files'), { recursive: true })
    await writeFile(join(site, 'Flood_files', 'lead.jpg'), LOCAL_LEAD)
    await writeFile(join(site, 'Flood_files', 'bg.jpg'), LOCAL_BG)
    const dataUri = `data:image/png;base64,${Buffer.from(DATA_PNG).toString('base64')}`
    const html = `<!DOCTYPE html>
<!-- saved from url=(0043)https://news.example/world/flood-story.html -->
<html lang="en"><head><meta charset="utf-8"><title>Flood in the valley</title></head><body><article>
<h1>Flood in the valley</h1>
<figure><img src="./Flood_files/lead.jpg" alt=""><figcaption>The quay at dawn. DELIL SOULEIMAN / AFP</figcaption></figure>
${PARAGRAPHS}
<figure><picture><source srcset="${base}/img/small.jpg 400w, ${base}/img/large.jpg 1200w"><img src="${base}/img/fallback.jpg" alt=""></picture><figcaption>Sandbags. Photo: Jane Smith</figcaption></figure>
<p><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="${base}/img/lazy.jpg" alt="lazy"></p>
<p><img data-srcset="${base}/img/lazyset-1.jpg 1x, ${base}/img/lazyset-2.jpg 2x" alt="set"></p>
<p><img src="${dataUri}" alt="inline chart"></p>
<figure><div class="hero" style="background-image: url('Flood_files/bg.jpg')"></div><figcaption>The bridge. (AP Photo/Evan Vucci)</figcaption></figure>
<p><img src="${base}/img/error.jpg" alt="error page"> <img src="${base}/img/loop.jpg" alt="loop"> <img src="ftp://files.example/x.jpg" alt="ftp"></p>
<p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></p>
</article></body></html>`
    const page = join(site, 'Flood.html')
    await writeFile(page, html)
    const { item, outcome } = await importOne(page)

    const lead = item.photos.find((p) => p.caption.startsWith('The quay'))!
    expect(lead.credit?.photographer).toBe('Delil Souleiman')
    expect(await blobBytes(lead.image?.sha256)).toEqual(LOCAL_LEAD)
    expect(lead.thumbnail?.mime).toBe('image/jpeg')

    const snapshot = await snapshotOf(item)
    const archived = archivedRefs(snapshot)
    const shaOf = async (ref: string) => blobBytes(archived.get(ref))
    expect(await shaOf('https://news.example/world/Flood_files/lead.jpg')).toEqual(LOCAL_LEAD)
    expect(await shaOf(`${base}/img/large.jpg`)).toEqual(IMAGES.large)
    expect(await shaOf(`${base}/img/lazy.jpg`)).toEqual(IMAGES.lazy)
    expect(await shaOf(`${base}/img/lazyset-2.jpg`)).toEqual(IMAGES['lazyset-2'])
    expect(await shaOf(dataUri)).toEqual(DATA_PNG)
    expect(await shaOf('https://news.example/world/Flood_files/bg.jpg')).toEqual(LOCAL_BG)
    expect(snapshot).toMatch(/<div class="hero" style="background-image: none;?" data-morgue-ref/)
    // The tracking pixel is not fetched; nothing in the snapshot loads by itself.
    expect(snapshot).not.toContain('tracker.example')
    expect(snapshot.replace(/ data-morgue-ref="[^"]*"/g, '')).not.toMatch(/src="(?!data:)/)

    const missing = item.missingImages ?? []
    expect(missing).toEqual([
      {
        url: `${base}/img/error.jpg`,
        reason: `${base}/img/error.jpg sent text/html, not an image (an error page?).`,
      },
      { url: `${base}/img/loop.jpg`, reason: `${base}/img/loop.jpg redirects more than 5 times.` },
      {
        url: 'ftp://files.example/x.jpg',
        reason: 'ftp://files.example/x.jpg is not an http or https address.',
      },
    ])
    expect(outcome.missingImages).toEqual(missing)
  })

  it('never reads a file outside the page’s folder', async () => {
    const site = join(dir, 'escape', 'page')
    await mkdir(site, { recursive: true })
    await writeFile(join(dir, 'escape', 'secret.jpg'), LOCAL_BG)
    const page = join(site, 'story.html')
    await writeFile(
      page,
      `<html><head><title>Escape</title></head><body><article><h1>Escape</h1>${PARAGRAPHS}<figure><img src="../secret.jpg"><figcaption>Secret. Photo: X Y</figcaption></figure></article></body></html>`,
    )
    const { item } = await importOne(page)
    expect(item.photos[0].image).toBeUndefined()
    expect(item.missingImages).toEqual([
      {
        url: '../secret.jpg',
        reason: `${join(dir, 'escape', 'secret.jpg')} is outside the imported page's folder, so it was not read.`,
      },
    ])
    expect(archivedRefs(await snapshotOf(item)).size).toBe(0)
  })
})

describe('Markdown, feeds and JSON imports keep their images', () => {
  it('stores a Markdown file’s relative and remote images', async () => {
    const folder = join(dir, 'notes')
    await mkdir(join(folder, 'img'), { recursive: true })
    await writeFile(join(folder, 'img', 'local.jpg'), MD_LOCAL)
    const md = join(folder, 'story.md')
    await writeFile(
      md,
      `# Rains return\n\n![Fishermen at the harbour](img/local.jpg "Jane Doe/Reuters")\n\nThe rains came back to the coast on Monday, flooding the market and closing the harbour for the day.\n\n![The market under water](${base}/img/md.jpg)\n\nTraders moved their stalls to higher ground.\n`,
    )
    const { item } = await importOne(md)
    const [local, remote] = item.photos
    expect(local.credit?.agency).toBe('Reuters')
    expect(await blobBytes(local.image?.sha256)).toEqual(MD_LOCAL)
    expect(await blobBytes(remote.image?.sha256)).toEqual(IMAGES.md)
    expect(item.missingImages).toBeUndefined()
  })

  it('stores a feed’s enclosures, media:content, media:thumbnail and images in the content', async () => {
    const feed = join(dir, 'wire.rss')
    await writeFile(
      feed,
      `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>${base}/</link>
<item><title>Storm hits the coast</title><link>${base}/storm</link>
<enclosure url="${base}/img/enclosure.jpg" type="image/jpeg" length="1"/>
<media:content url="${base}/img/media.jpg" medium="image"><media:credit>DELIL SOULEIMAN / AFP</media:credit></media:content>
<content:encoded><![CDATA[<p>The storm reached the coast at night and cut power to thousands of homes.</p><figure><img src="${base}/img/inline.jpg"><figcaption>Waves on the pier. Photo: Ann Lee</figcaption></figure>]]></content:encoded>
</item>
<item><title>Calm after the storm</title><link>${base}/calm</link><description>The sea was calm again on Tuesday morning along the whole coast.</description>
<media:thumbnail url="${base}/img/thumb.jpg"/>
</item></channel></rss>`,
    )
    const { outcome } = await importOne(feed)
    expect(outcome.ids).toHaveLength(2)
    const items = (await Promise.all(outcome.ids.map((id) => archive.get(id)))) as Article[]
    // A thumbnail is kept when it is an item's only picture (else it is the full image, smaller).
    const bySrc = new Map(items.flatMap((i) => i.photos).map((p) => [p.src, p]))
    for (const name of ['enclosure', 'media', 'thumb', 'inline']) {
      const photo = bySrc.get(`${base}/img/${name}.jpg`)
      expect(photo, name).toBeDefined()
      expect(await blobBytes(photo!.image?.sha256)).toEqual(IMAGES[name])
    }
  })

  it('stores the images a JSON import names by URL', async () => {
    const file = join(dir, 'import.json')
    const article = {
      id: '0123456789abcdef',
      kind: 'article',
      title: 'Harbour reopens',
      tags: [],
      archivedAt: '2024-01-02T03:04:05.000Z',
      contentHash: '0'.repeat(64),
      body: ['The harbour reopened on Tuesday after the storm.'],
      photos: [{ id: 'p0', caption: 'Boats return.', credit: null, src: `${base}/img/json.jpg` }],
    }
    await writeFile(
      file,
      JSON.stringify({ format: 'morgue-export', version: 1, items: [article], blobs: [] }),
    )
    const { item } = await importOne(file)
    expect(await blobBytes(item.photos[0].image?.sha256)).toEqual(IMAGES.json)
  })
})

describe('retry missing images', () => {
  it('fetches what failed at import, rewrites the snapshot and clears the list', async () => {
    lateReady = false
    const page = join(dir, 'late.html')
    await writeFile(
      page,
      `<html><head><title>Late</title></head><body><article><h1>Late photo</h1>${PARAGRAPHS}<figure><img src="${base}/img/late.jpg"><figcaption>Late light. Photo: Ann Lee</figcaption></figure></article></body></html>`,
    )
    const { item } = await importOne(page)
    expect(item.missingImages).toEqual([
      { url: `${base}/img/late.jpg`, reason: `${base}/img/late.jpg answered HTTP 404 Not Found.` },
    ])
    await archive.addTags([item.id], ['kept-tag'])

    lateReady = true
    const report = await archive.fetchMissingImages([item.id])
    expect(report).toMatchObject({ items: 1, fetched: 1, missing: 0 })
    const after = (await archive.get(item.id)) as Article
    expect(after.missingImages).toBeUndefined()
    expect(after.tags).toEqual(['kept-tag'])
    expect(await blobBytes(after.photos[0].image?.sha256)).toEqual(IMAGES.late)
    const archived = archivedRefs(await snapshotOf(after))
    expect(archived.get(`${base}/img/late.jpg`)).toBe(after.photos[0].image?.sha256)

    // Nothing left to fetch: a second run finds no item lacking images.
    expect(await archive.fetchMissingImages([item.id])).toEqual({
      items: 0,
      fetched: 0,
      missing: 0,
      outcomes: [],
    })
  })

  it('is on the CLI (fetch-missing) and export --format html inlines the images', async () => {
    // The Markdown story imported above, with its two archived images.
    const rains = archive.list().items.find((s) => s.title === 'Rains return')!
    const item = (await archive.get(rains.id)) as Article
    await archive.close()
    try {
      const missing = await cli(['--archive', join(dir, 'archive'), 'fetch-missing', '--json'])
      expect(missing.stderr).toBe('')
      // The saved page's error page, loop and ftp images are still missing (exit code 1).
      expect(missing.code).toBe(1)
      const report = JSON.parse(missing.stdout)
      expect(report.missing).toBeGreaterThanOrEqual(3)
      expect(report.outcomes.map((o: { title: string }) => o.title)).toContain(
        'Flood in the valley',
      )

      const out = join(dir, 'rains.html')
      const exported = await cli([
        '--archive',
        join(dir, 'archive'),
        'export',
        item.id,
        '--format',
        'html',
        '--out',
        out,
      ])
      expect(exported.code, exported.stderr).toBe(0)
      const html = await readFile(out, 'utf8')
      expect(html).toContain('<h1>Rains return</h1>')
      expect(html).toContain('Fishermen at the harbour')
      expect(html).toContain('Jane Doe / Reuters')
      expect(html).toContain(
        `src="data:image/jpeg;base64,${Buffer.from(MD_LOCAL).toString('base64')}"`,
      )
      expect(html).not.toMatch(/<script|src="http/)
    } finally {
      archive = await openArchive(join(dir, 'archive'), { fetch: loopbackOnly })
    }
  })
})
