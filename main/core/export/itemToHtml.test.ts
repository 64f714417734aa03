import { describe, expect, it } from 'vitest'
import { itemToHtml } from './itemToHtml'
import { memoryBlobs, sampleItems } from './testItems'

describe('itemToHtml', () => {
  it('writes one self-contained page: text, photos inlined as data: URIs, captions and credits', async () => {
    const { ref, readBlob } = memoryBlobs()
    const [article] = sampleItems(ref)
    const withImage = article.photos.find((p) => p.image)!
    const html = await itemToHtml(article, { readBlob })
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(`<title>${article.title}</title>`)
    expect(html).toContain(`<h1>${article.title}</h1>`)
    for (const paragraph of article.body)
      expect(html).toContain(`<p>${paragraph.replace(/&/g, '&amp;')}</p>`)
    const bytes = await readBlob(withImage.image!.sha256)
    expect(html).toContain(`src="data:image/jpeg;base64,${bytes.toString('base64')}"`)
    expect(html).toContain(withImage.caption)
    expect(html).toContain(`title="${withImage.credit!.raw}"`)
    // A photo without an archived image keeps its caption and says so.
    if (article.photos.some((p) => !p.image && !p.thumbnail))
      expect(html).toContain('Image not archived.')
    // Nothing runs and nothing loads from elsewhere.
    expect(html).not.toMatch(/<script|src="https?:|<link|@import/i)
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`)
  })

  it('escapes text and sets right-to-left for Arabic', async () => {
    const { ref, readBlob } = memoryBlobs()
    const [article] = sampleItems(ref)
    const html = await itemToHtml(
      {
        ...article,
        title: 'قوات سوريا الديمقراطية تدخل الرقة <script>',
        body: ['دخلت القوات المدينة من الشرق.'],
        language: undefined,
        photos: [],
      },
      { readBlob },
    )
    expect(html).toContain('<html dir="rtl">')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('<script>')
  })
})
