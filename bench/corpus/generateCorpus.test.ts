import { describe, expect, it } from 'vitest'
import { loadBbcArticles } from './bbcArticles'
import { createCorpus, generateArticles } from './generateCorpus'

const corpus = createCorpus()
const articles = [...generateArticles(corpus, 300)]
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length

describe('generated corpus', () => {
  it('gives the same article for the same seed and index, whatever was generated before', () => {
    const again = createCorpus(corpus.seed)
    expect(again.article(123)).toEqual(articles[123])
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length)
    expect(createCorpus(corpus.seed + 1).article(0).title).not.toBe(articles[0].title)
  })

  it('writes news-length articles with 1–3 photos, 0–4 tags and dates over 2011–2025', () => {
    const lengths = articles.map((a) => words(a.body.join(' ')))
    const mean = lengths.reduce((s, n) => s + n, 0) / lengths.length
    expect(mean).toBeGreaterThan(500)
    expect(mean).toBeLessThan(650)
    for (const a of articles) {
      expect(a.title.length).toBeGreaterThan(0)
      expect(a.photos.length).toBeGreaterThanOrEqual(1)
      expect(a.photos.length).toBeLessThanOrEqual(3)
      expect(a.tags.length).toBeLessThanOrEqual(4)
      expect(new Set(a.tags).size).toBe(a.tags.length)
      const year = Number(a.publishedAt?.slice(0, 4))
      expect(year).toBeGreaterThanOrEqual(2011)
      expect(year).toBeLessThanOrEqual(2025)
    }
  })

  it('fills each credit with what its raw line names', () => {
    const photos = articles.flatMap((a) => a.photos)
    const credited = photos.filter((p) => p.credit)
    expect(credited.length).toBeGreaterThan(photos.length * 0.85)
    expect(credited.length).toBeLessThan(photos.length)
    for (const { credit, caption } of credited) {
      if (!credit) continue
      const raw = credit.raw.toLowerCase()
      if (credit.photographer) expect(raw).toContain(credit.photographer.toLowerCase())
      for (const agency of credit.agencies) expect(raw).toContain(agency.toLowerCase())
      expect(credit.agency).toBe(credit.agencies[0] ?? null)
      if (caption.endsWith(credit.raw)) expect(caption.length).toBeGreaterThan(credit.raw.length)
    }
    const formats = new Set(credited.map((p) => p.credit?.raw.replace(/[A-Za-zÀ-ÿ'-]+/g, 'x')))
    expect(formats.size).toBeGreaterThan(20)
    expect(credited.some((p) => p.credit?.agencyIds.includes('afp'))).toBe(true)
  })
})

describe('BBC articles', () => {
  it('loads all 2,225 real articles with title, paragraphs and no photos', () => {
    const bbc = loadBbcArticles()
    expect(bbc).toHaveLength(2225)
    expect(new Set(bbc.map((a) => a.id)).size).toBe(2225)
    expect(bbc[0].title).toBe('Ad sales boost Time Warner profit')
    expect(bbc.every((a) => a.body.length > 0 && a.photos.length === 0)).toBe(true)
  })
})
