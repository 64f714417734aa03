import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Photo } from '../../model'
import { extractPage, type ExtractedPage } from './extractPage'

/** The shared corpora, read in place (never copied into the repo); `MORGUE_CORPORA` overrides. */
const corpora =
  process.env.MORGUE_CORPORA ?? path.resolve(__dirname, '../../../..', '..', 'shared', 'corpora')
const pagesDir = path.join(corpora, 'readability')
const available = existsSync(pagesDir)

/** Pages the corpus README lists as good for caption and credit work. */
const NEWS_PAGES = [
  'wapo-1', 'nytimes-1', 'nytimes-2', 'nytimes-4', 'nytimes-5', 'guardian-1', 'telegraph',
  'citylab-1', 'ehow-2', 'breitbart', 'yahoo-2', 'liberation-1', 'seattletimes-1', 'salon-1',
  'cnet', 'heise', 'aktualne', 'gmw',
] // prettier-ignore

interface Expected {
  title: string | null
  byline: string | null
  excerpt?: string | null
}

interface LabelledCaption {
  caption: string
  credit_raw: string
  photographer: string | null
  agency: string | null
  source_file?: string
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
const same = (a: string | null | undefined, b: string | null | undefined) =>
  norm(a).toLowerCase() === norm(b).toLowerCase()
const pct = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`

describe.skipIf(!available)('saved pages of the Readability corpus', () => {
  const pages = new Map<string, { page: ExtractedPage; expected: Expected }>()

  beforeAll(() => {
    for (const name of readdirSync(pagesDir).sort()) {
      const dir = path.join(pagesDir, name)
      if (!existsSync(path.join(dir, 'source.html'))) continue
      const html = readFileSync(path.join(dir, 'source.html'), 'utf8')
      const expected = JSON.parse(
        readFileSync(path.join(dir, 'expected-metadata.json'), 'utf8'),
      ) as Expected
      // The URL Readability's own tests give these pages.
      pages.set(name, {
        page: extractPage(html, { url: 'http://fakehost/test/page.html' }),
        expected,
      })
    }
  }, 900_000)

  it('agrees with Readability.js on title (≥ 90 %), byline and excerpt', () => {
    const all = [...pages.values()]
    const agree = (field: keyof Expected) =>
      all.filter(({ page, expected }) => norm(page[field]) === norm(expected[field])).length
    const withExcerpt = all.filter(({ expected }) => expected.excerpt !== undefined)
    const excerpts = withExcerpt.filter(
      ({ page, expected }) => norm(page.excerpt) === norm(expected.excerpt),
    ).length
    const title = agree('title')
    console.log(
      `readability agreement: title ${pct(title, all.length)}, byline ${pct(agree('byline'), all.length)}, excerpt ${pct(excerpts, withExcerpt.length)}`,
    )
    const differ = [...pages]
      .filter(([, { page, expected }]) => norm(page.title) !== norm(expected.title))
      .map(([name, { page, expected }]) => `${name}: "${page.title}" vs "${expected.title}"`)
    if (differ.length) console.log(`  titles that differ: ${differ.join('; ')}`)
    expect(all.length).toBe(87)
    expect(title / all.length).toBeGreaterThanOrEqual(0.9)
  })

  it('gives every page a body, and a title wherever Readability.js finds one', () => {
    for (const [name, { page, expected }] of pages) {
      if (norm(expected.title)) expect(page.title, name).not.toBe('')
      expect(page.paragraphs.length, name).toBeGreaterThan(0)
    }
  })

  it('finds the photo credits of the news pages', () => {
    const credited = (name: string) => pages.get(name)!.page.photos.filter((p) => p.credit)
    const counts = NEWS_PAGES.map((name) => [name, credited(name).length] as const)
    const total = counts.reduce((n, [, c]) => n + c, 0)
    console.log(
      `photos with credits on ${NEWS_PAGES.length} news pages: ${total} (${counts.map(([n, c]) => `${n} ${c}`).join(', ')})`,
    )
    const find = (name: string, caption: string): Photo | undefined =>
      pages.get(name)!.page.photos.find((p) => p.caption.startsWith(caption))

    const moulin = find('citylab-1', 'The Moulin Rouge cabaret in Paris')
    expect(moulin?.caption).toBe('The Moulin Rouge cabaret in Paris')
    expect(moulin?.credit).toMatchObject({
      raw: 'Benoit Tessier/Reuters',
      photographer: 'Benoit Tessier',
      agency: 'Reuters',
    })
    expect(find('nytimes-1', 'United Nations peacekeepers')?.credit).toMatchObject({
      photographer: 'Ashraf Shazly',
      agency: 'Agence France-Presse',
    })
    expect(find('telegraph', 'Zimbabwean opposition leader')?.credit).toMatchObject({
      photographer: 'Desmond Kwande',
      agency: 'AFP',
    })
    expect(find('salon-1', 'Ayn Rand, Rand Paul')?.credit?.agency).toBe('AP')
    expect(find('ehow-2', 'Online radio can take')?.credit).toMatchObject({
      photographer: 'Spencer Platt',
    })
    expect(find('guardian-1', 'Whale expert Hori Parata.')?.credit?.photographer).toBe(
      'Adrian Malloch',
    )
    expect(find('heise', '1Password scannt auch QR-Codes.')?.credit?.agency).toBe('Hersteller')
    // The wapo-1 gallery: 40 photos with data-caption/data-credit.
    expect(credited('wapo-1').length).toBeGreaterThanOrEqual(35)
    expect(total).toBeGreaterThanOrEqual(100)
  })

  it('reads the labelled captions of captions-dev.jsonl with the right photographer and agency', () => {
    const labels = readFileSync(path.join(corpora, 'captions-dev.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LabelledCaption)
      .filter((l) => l.source_file?.startsWith('readability/'))
    let found = 0
    let right = 0
    const misses: string[] = []
    for (const label of labels) {
      const name = label.source_file!.split('/')[1]
      const photos = pages.get(name)?.page.photos ?? []
      const photo = photos.find((p) => captionMatches(p, label))
      if (photo) found++
      const ok =
        !!photo &&
        same(photo.credit?.photographer, label.photographer) &&
        same(photo.credit?.agency, label.agency)
      if (ok) right++
      else
        misses.push(
          `${name}: ${photo ? `got ${photo.credit?.photographer} / ${photo.credit?.agency}` : 'not found'} for "${label.credit_raw}"`,
        )
    }
    console.log(
      `captions-dev (readability pages): found ${pct(found, labels.length)}, right photographer and agency ${pct(right, labels.length)}`,
    )
    console.log(`  misses: ${misses.join('; ')}`)
    expect(labels.length).toBeGreaterThan(40)
    expect(right / labels.length).toBeGreaterThanOrEqual(0.6)
  })
})

/** The labelled caption is this photo's (prefix either way; an empty label matches by credit). */
function captionMatches(photo: Photo, label: LabelledCaption): boolean {
  const mine = norm(photo.caption).toLowerCase()
  const theirs = norm(label.caption).toLowerCase()
  if (!theirs) return same(photo.credit?.raw, label.credit_raw)
  if (!mine) return false
  return (
    mine === theirs || (mine.length >= 10 && (theirs.startsWith(mine) || mine.startsWith(theirs)))
  )
}
