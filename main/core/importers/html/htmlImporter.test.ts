import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../../model'
import { ImportError, MAX_IMPORT_BYTES } from '../importer'
import { extractPage } from './extractPage'
import { htmlImporter } from './htmlImporter'
import { memoryImportContext } from '../testing/memoryImportContext'

const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the report tells how the river rose through the night, how the ` +
    `town's volunteers filled sandbags until dawn, and what the mayor promised the families.</p>`,
).join('\n')

function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Flood in the valley</title>${head}</head><body><article><h1>Flood in the valley</h1>${body}${PARAGRAPHS}</article></body></html>`
}

async function importHtml(html: string | Uint8Array, source = 'page.html', contentType?: string) {
  const ctx = memoryImportContext()
  const bytes = typeof html === 'string' ? new TextEncoder().encode(html) : html
  const drafts = await htmlImporter.import({ source, bytes, contentType }, ctx)
  expect(drafts).toHaveLength(1)
  return { draft: drafts[0] as ArticleDraft, ctx }
}

describe('htmlImporter', () => {
  it('accepts HTML by extension, MIME type or first bytes, and nothing else', () => {
    const bytes = new TextEncoder().encode('<!DOCTYPE html><html><body>x</body></html>')
    const other = new TextEncoder().encode('just some words')
    expect(htmlImporter.accepts({ source: 'a.htm', bytes: other })).toBe(true)
    expect(htmlImporter.accepts({ source: 'a.XHTML', bytes: other })).toBe(true)
    expect(htmlImporter.accepts({ source: 'x', bytes: other, contentType: 'text/html' })).toBe(true)
    expect(htmlImporter.accepts({ source: 'saved-page', bytes })).toBe(true)
    expect(htmlImporter.accepts({ source: 'notes', bytes: other })).toBe(false)
    expect(htmlImporter.accepts({ source: 'photo.jpg', bytes })).toBe(false)
  })

  it('imports the article: title, byline, outlet, date, language, excerpt, body, canonical URL', async () => {
    const head =
      '<meta name="author" content="Ana Ruiz"><meta property="og:site_name" content="Valley Post">' +
      '<meta property="article:published_time" content="2024-03-02T08:00:00Z">' +
      '<meta name="description" content="The river rose overnight.">' +
      '<link rel="canonical" href="https://valleypost.example/2024/flood">'
    const { draft } = await importHtml(page('', head))
    expect(draft.title).toBe('Flood in the valley')
    expect(draft.byline).toBe('Ana Ruiz')
    expect(draft.source).toBe('Valley Post')
    expect(draft.publishedAt).toBe('2024-03-02T08:00:00Z')
    expect(draft.language).toBe('en')
    expect(draft.excerpt).toBe('The river rose overnight.')
    expect(draft.canonicalUrl).toBe('https://valleypost.example/2024/flood')
    expect(draft.body).toHaveLength(6)
    expect(draft.body[0]).toMatch(/^Paragraph 1 of the report/)
    expect(draft.origin).toEqual({ kind: 'html', path: 'page.html' })
  })

  it('keeps a snapshot with no script, event handler, javascript: link, frame or remote load', async () => {
    const evil =
      '<script>steal()</script><img src="https://tracker.example/pixel.gif" onerror="steal()" alt="x">' +
      '<a href="javascript:steal()">click</a><iframe src="https://ads.example/"></iframe>' +
      '<p style="background:url(https://cdn.example/bg.png)" onclick="steal()">styled</p>' +
      '<form action="https://evil.example"><input name="q"></form>'
    const head =
      '<link rel="stylesheet" href="https://cdn.example/site.css"><style>@import "https://cdn.example/x.css"; body { background: url(https://cdn.example/b.png) }</style>'
    const { draft, ctx } = await importHtml(page(evil, head))
    expect(draft.snapshot?.mime).toBe('text/html')
    expect(draft.snapshot?.fileName).toBe('snapshot.html')
    const snapshot = new TextDecoder().decode(ctx.blobs.get(draft.snapshot!.sha256)?.bytes)
    expect(snapshot).toContain('Paragraph 1 of the report')
    // The image keeps its address only as an inert reference for "Retry missing images".
    expect(snapshot).toContain('<img alt="x" data-morgue-ref="https://tracker.example/pixel.gif">')
    const loads = snapshot.replace(/ data-morgue-ref="[^"]*"/g, '')
    for (const banned of [
      '<script', 'steal()', 'onerror', 'onclick', 'javascript:', '<iframe', '<form', '<input',
      'https://tracker.example', 'https://cdn.example', 'https://ads.example', '<link', '@import',
    ]) {
      expect(loads, banned).not.toContain(banned)
    } // prettier-ignore
  })

  it('reads windows-1252 declared by <meta charset>', async () => {
    const html = page('<p>Caf\u00e9 cr\u00e8me \u2013 \u201cquoted\u201d for \u20ac5.</p>').replace(
      'utf-8',
      'windows-1252',
    )
    const { draft } = await importHtml(iconv.encode(html, 'windows-1252'))
    expect(draft.body[0]).toBe('Caf\u00e9 cr\u00e8me \u2013 \u201cquoted\u201d for \u20ac5.')
  })

  it('reads ISO-8859-6 declared by <meta http-equiv=Content-Type>', async () => {
    const arabic = 'عاجل: ارتفاع منسوب النهر في الوادي خلال الليل'
    const html = page(`<p>${arabic}</p>`).replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">',
    )
    const { draft } = await importHtml(iconv.encode(html, 'iso-8859-6'))
    expect(draft.body[0]).toBe(arabic)
  })

  it('reads UTF-16 with a BOM (little and big endian), whatever the page declares', async () => {
    const html = page('<p>Zürich – Δελτίο ειδήσεων</p>')
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]
      const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(html, encoding)])
      const { draft } = await importHtml(bytes)
      expect(draft.body[0], encoding).toBe('Zürich – Δελτίο ειδήσεων')
    }
  })

  it('lets the HTTP charset win over the page, as browsers do', async () => {
    const html = page('<p>Gr\u00fc\u00dfe aus K\u00f6ln</p>').replace('utf-8', 'utf-8')
    const { draft } = await importHtml(
      iconv.encode(html, 'windows-1252'),
      'x',
      'text/html; charset=windows-1252',
    )
    expect(draft.body[0]).toBe('Gr\u00fc\u00dfe aus K\u00f6ln')
  })

  it('refuses a binary file named .html, a page with no article, and an oversized file', async () => {
    const ctx = memoryImportContext()
    const binary = new Uint8Array([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0, 0, 0xff, 0xd8, 0, 1])
    await expect(htmlImporter.import({ source: 'x.html', bytes: binary }, ctx)).rejects.toThrow(
      'x.html is not an HTML page (it holds binary data).',
    )
    const empty = new TextEncoder().encode(
      '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>',
    )
    await expect(htmlImporter.import({ source: 'nav.html', bytes: empty }, ctx)).rejects.toThrow(
      /^No article found in nav\.html/,
    )
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1)
    await expect(htmlImporter.import({ source: 'big.html', bytes: huge }, ctx)).rejects.toThrow(
      ImportError,
    )
    expect(ctx.blobs.size).toBe(0)
  })

  it('takes the address a browser noted when saving the page, and resolves images with it', async () => {
    const html =
      '<!-- saved from url=(0036)https://valleypost.example/2024/flood -->\n' +
      page(
        '<figure><img src="/img/quay.jpg"><figcaption>The quay. Photo: Jane Smith</figcaption></figure>',
      )
    const { draft } = await importHtml(html)
    expect(draft.url).toBe('https://valleypost.example/2024/flood')
    expect(draft.photos[0].src).toBe('https://valleypost.example/img/quay.jpg')
    expect(draft.photos[0].credit?.photographer).toBe('Jane Smith')
  })

  it('imports what a truncated page holds', async () => {
    const full = page('<p>The first paragraph survived the cut.</p>')
    const { draft } = await importHtml(full.slice(0, full.indexOf('Paragraph 4') + 30))
    expect(draft.title).toBe('Flood in the valley')
    expect(draft.body[0]).toBe('The first paragraph survived the cut.')
    expect(draft.body.length).toBeGreaterThanOrEqual(3)
  })
})

describe('extractPage photos', () => {
  it('reads figure captions with a credit span and a hidden "Credit" label', () => {
    const html = page(
      '<figure><img src="/img/a.jpg" alt=""><figcaption><span class="caption-text">Volunteers fill sandbags in Tewkesbury.</span>' +
        '<span class="credit"><span class="visually-hidden">Credit</span> Delil Souleiman/AFP</span></figcaption></figure>',
    )
    const { photos } = extractPage(html, { url: 'https://news.example/story/1' })
    expect(photos[0].caption).toBe('Volunteers fill sandbags in Tewkesbury.')
    expect(photos[0].src).toBe('https://news.example/img/a.jpg')
    expect(photos[0].credit?.raw).toBe('Delil Souleiman/AFP')
    expect(photos[0].credit?.photographer).toBe('Delil Souleiman')
    expect(photos[0].credit?.agency).toBe('AFP')
  })

  it('takes a credit from the end of a figcaption, and the alt text when there is no caption', () => {
    const html = page(
      '<figure><img src="b.jpg"><figcaption>The bridge at dawn. (AP Photo/Evan Vucci)</figcaption></figure>' +
        '<figure><img src="c.jpg" alt="Rescue boats on Main Street"></figure>',
      '<base href="https://cdn.example/photos/">',
    )
    const { photos } = extractPage(html)
    const [bridge, boats] = photos
    expect(bridge.caption).toBe('The bridge at dawn.')
    expect(bridge.credit?.photographer).toBe('Evan Vucci')
    expect(bridge.credit?.agency).toBe('AP')
    expect(bridge.src).toBe('https://cdn.example/photos/b.jpg')
    expect(boats.caption).toBe('Rescue boats on Main Street')
    expect(boats.credit).toBeNull()
  })

  it('reads JSON-LD ImageObjects and the Open Graph image, de-duplicated by URL', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      image: [
        {
          '@type': 'ImageObject',
          url: 'https://cdn.example/lead.jpg',
          caption: 'Water reached the first floor.',
          creditText: 'Jane Smith/Reuters',
        },
        {
          '@type': 'ImageObject',
          contentUrl: 'https://cdn.example/second.jpg',
          caption: 'The mayor at the town hall.',
          creator: { '@type': 'Person', name: 'John Doe' },
          copyrightHolder: { '@type': 'Organization', name: 'Valley Post' },
        },
      ],
    }
    const head =
      `<script type="application/ld+json">${JSON.stringify(ld)}</script>` +
      '<meta property="og:image" content="https://cdn.example/lead.jpg">' +
      '<meta property="og:image" content="https://cdn.example/lead.jpg?width=1200">' +
      '<meta property="og:image:alt" content="Flooded street">'
    const { photos, images } = extractPage(page('', head))
    expect(photos).toHaveLength(2)
    expect(photos[0]).toMatchObject({
      caption: 'Water reached the first floor.',
      src: 'https://cdn.example/lead.jpg',
    })
    expect(photos[0].credit).toMatchObject({ photographer: 'Jane Smith', agency: 'Reuters' })
    expect(photos[1].credit?.photographer).toBe('John Doe')
    expect(images).toEqual(['https://cdn.example/lead.jpg', 'https://cdn.example/second.jpg'])
  })

  it('reads gallery data-caption/data-credit attributes', () => {
    const html = page(
      '<div class="gallery"><div class="slide" data-caption="Police outside parliament." data-credit="Zoubeir Souissi/Reuters" data-image="https://img.example/1.jpg"></div>' +
        '<div class="slide" data-caption="Tourists run for cover." data-credit="Reuters TV/Reuters" data-image="https://img.example/2.jpg"></div></div>',
    )
    const { photos } = extractPage(html)
    expect(
      photos.map((p) => [p.caption, p.credit?.photographer ?? null, p.credit?.agency]),
    ).toEqual([
      ['Police outside parliament.', 'Zoubeir Souissi', 'Reuters'],
      ['Tourists run for cover.', null, 'Reuters TV'],
    ])
  })
})
