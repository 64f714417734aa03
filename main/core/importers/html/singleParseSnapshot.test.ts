import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeHtml } from './decodeHtml'
import { JSDOM } from 'jsdom'
import { readPage } from './extractPage'
import { savedFromUrl } from './htmlImporter'
import { parseHtmlDocument } from './parseHtmlDocument'
import { ARCHIVED_IMAGE_ATTRIBUTE, sanitizeSnapshot } from './sanitizeSnapshot'

const corpora =
  process.env.MORGUE_CORPORA ?? path.resolve(__dirname, '../../../..', '..', 'shared', 'corpora')
const pagesDir = path.join(corpora, 'readability')
const available = existsSync(pagesDir)

/** A made-up sha256 per image URL, as if the page's photos had been archived. */
const fakeSha = (url: string) => Buffer.from(url).toString('hex').padEnd(64, '0').slice(0, 64)

describe.skipIf(!available)('snapshots from the single parse (Readability corpus)', () => {
  it('parse the tree a page window gave, and equal the old two-parse snapshots on every page', () => {
    const names = readdirSync(pagesDir)
      .filter((n) => existsSync(path.join(pagesDir, n, 'source.html')))
      .sort()
    expect(names.length).toBeGreaterThan(80)
    const differ: string[] = []
    const treeDiffers: string[] = []
    let marked = 0
    for (const name of names) {
      const file = path.join(pagesDir, name, 'source.html')
      const { html } = decodeHtml(readFileSync(file), file)
      const url = savedFromUrl(html) ?? 'http://fakehost/test/page.html'
      const read = readPage(html, { url })
      // Extraction reads the very tree a page in a jsdom window of its own had (as before).
      const windowed = new JSDOM(html, { url }).window
      const parsed = parseHtmlDocument(html, url).document
      if (parsed.documentElement.outerHTML !== windowed.document.documentElement.outerHTML) {
        treeDiffers.push(name)
      }
      expect(parsed.baseURI).toBe(windowed.document.baseURI)
      windowed.close()
      const archived = new Map(
        read.page.photos.flatMap((p) => (p.src ? [[p.src, fakeSha(p.src)] as const] : [])),
      )
      const single = read.snapshot({ baseUrl: url, archived })
      // DOMPurify copies a string's leading whitespace into <body>: the only difference a
      // parsed document cannot reproduce, and invisible.
      const twoParse = sanitizeSnapshot(html.trimStart(), { baseUrl: url, archived })
      if (single !== twoParse) differ.push(name)
      if (single.includes(ARCHIVED_IMAGE_ATTRIBUTE)) marked++
    }
    expect(treeDiffers).toEqual([])
    expect(differ).toEqual([])
    // The archived-image marking ran on real pages, not only on pages without images.
    expect(marked).toBeGreaterThan(10)
  }, 900_000)
})

describe('readPage', () => {
  const page = `<!doctype html><html><head><title>Flood</title><script>alert(1)</script></head>
    <body><article><h1>Flood</h1><p>${'The river rose overnight. '.repeat(20)}</p>
    <figure><img src="/a.jpg" onerror="alert(2)"><figcaption>Water. Photo: Jane Doe/AP</figcaption></figure>
    </article></body></html>`

  it('gives the snapshot of the page as it was before Readability rewrote it', () => {
    const read = readPage(page, { url: 'https://news.example/flood' })
    expect(read.page.title).toBe('Flood')
    const snapshot = read.snapshot({ baseUrl: 'https://news.example/flood' })
    expect(snapshot).toBe(sanitizeSnapshot(page, { baseUrl: 'https://news.example/flood' }))
    expect(snapshot).toContain('<figcaption>Water. Photo: Jane Doe/AP</figcaption>')
    expect(snapshot).not.toMatch(/alert|onerror|<script/)
  })

  it('takes no copy when no snapshot is wanted', () => {
    const read = readPage(page, {}, false)
    expect(read.page.paragraphs.join(' ')).toContain('The river rose overnight.')
    expect(() => read.snapshot()).toThrow(/without its snapshot/)
  })
})
