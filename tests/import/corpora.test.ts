import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article, PhotoItem } from '../../main/core/model'
import { cli, corpora, tempDir } from '../helpers'

// Issue 5's bar: the CLI imports every saved page and every agency photo without a crash, and
// each file either lands or says why in one sentence.
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterAll(async () => {
  await cleanup()
})

interface Report {
  imported: number
  duplicates: number
  failed: number
  outcomes: { source: string; status: string; ids: string[]; reason?: string }[]
}

describe('morgue import of the real corpora', () => {
  it('imports every saved page of corpora/readability', async () => {
    const root = join(corpora, 'readability')
    const pages = (await readdir(root, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => join(root, e.name, 'source.html'))
    expect(pages.length).toBe(87)
    const res = await cli([
      '--archive',
      join(dir, 'pages'),
      '--create',
      'import',
      ...pages,
      '--json',
    ])
    expect(res.stderr).toBe('')
    const report = JSON.parse(res.stdout) as Report
    expect(report.outcomes).toHaveLength(87)
    for (const o of report.outcomes.filter((x) => x.status === 'failed')) {
      // A page Readability finds no article in is refused with a reason, never a stack trace.
      expect(o.reason).toMatch(/^[^\n]+$/)
      expect(o.reason).not.toMatch(/at .*\.ts:\d+/)
    }
    console.log(
      `readability pages: ${report.imported} imported, ${report.duplicates} duplicates, ${report.failed} refused` +
        report.outcomes
          .filter((o) => o.status === 'failed')
          .map((o) => `\n  ${o.source.split('/').at(-2)}: ${o.reason}`)
          .join(''),
    )
    expect(report.imported + report.duplicates).toBeGreaterThanOrEqual(80)

    const citylab = report.outcomes.find((o) => o.source.includes('/citylab-1/'))!
    const shown = await cli(['--archive', join(dir, 'pages'), 'show', citylab.ids[0], '--json'])
    const article = JSON.parse(shown.stdout) as Article
    expect(
      article.photos.find((p) => p.caption === 'The Moulin Rouge cabaret in Paris')?.credit,
    ).toMatchObject({ photographer: 'Benoit Tessier', agency: 'Reuters' })
    expect(article.snapshot?.mime).toBe('text/html')
  }, 300_000)

  it('imports every agency photo of corpora/iptc-images with its credit', async () => {
    const root = join(corpora, 'iptc-images')
    const images = (await readdir(root)).filter((f) => /\.(jpe?g|tiff?)$/i.test(f))
    const res = await cli([
      '--archive',
      join(dir, 'photos'),
      '--create',
      'import',
      ...images.map((f) => join(root, f)),
      '--json',
    ])
    const report = JSON.parse(res.stdout) as Report
    expect(report).toMatchObject({ imported: images.length, failed: 0 })
    const reuters = report.outcomes.find((o) =>
      o.source.endsWith('reuters-GM1EA7M13RP01-view.jpg'),
    )!
    const photo = JSON.parse(
      (await cli(['--archive', join(dir, 'photos'), 'show', reuters.ids[0], '--json'])).stdout,
    ) as PhotoItem
    expect(photo.kind).toBe('photo')
    expect(photo.photo.credit).toMatchObject({ photographer: 'Mario Anzuoni', agency: 'REUTERS' })
    expect(photo.photo.image?.mime).toBe('image/jpeg')
    expect(photo.photo.thumbnail).toBeDefined()
    const found = JSON.parse(
      (await cli(['--archive', join(dir, 'photos'), 'search', 'photographer:anzuoni', '--json']))
        .stdout,
    )
    expect(found.hits.map((h: { id: string }) => h.id)).toContain(reuters.ids[0])
  }, 120_000)
})
