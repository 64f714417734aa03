import { beforeAll, describe, expect, it } from 'vitest'
import { createSearchEngine } from '../../../main/core/search/index'
import type { SegmentedSearchEngine } from '../../../main/core/search/engine'
import { bbcArticles } from './bbcArticles'
import { TYPO_QUERIES } from './typoSet'

/**
 * The BBC typo set: misspelt names, places and long words typed without any syntax must find
 * the article their correct spelling ranks first, in the top 5, for at least 90% of queries.
 */

let engine: SegmentedSearchEngine

beforeAll(async () => {
  const articles = bbcArticles()
  engine = createSearchEngine({ dir: null, workers: 0 })
  await engine.open(async function* () {
    yield* articles
  }, articles.length)
}, 120_000)

describe('BBC typo set', () => {
  it('holds at least 100 misspelt queries of one and two edits, none using syntax', () => {
    expect(TYPO_QUERIES.length).toBeGreaterThanOrEqual(100)
    expect(TYPO_QUERIES.some((q) => q.edits.length === 2)).toBe(true)
    for (const kind of ['substitution', 'deletion', 'insertion', 'transposition'])
      expect(TYPO_QUERIES.some((q) => q.edits.includes(kind as never))).toBe(true)
    for (const q of TYPO_QUERIES) {
      expect(q.query).not.toMatch(/["~*=:]|\bOR\b/)
      expect(q.query.split(' ').length).toBeLessThanOrEqual(3)
    }
  })

  it('the correct spellings find their article in the top 5', () => {
    for (const q of TYPO_QUERIES) {
      const ids = engine.searchSync(q.intended, { typos: false, limit: 5 }).hits.map((h) => h.id)
      expect(ids, q.intended).toContain(q.target)
    }
  })

  it('the misspellings alone find nothing, so only typo tolerance can find the article', () => {
    for (const q of TYPO_QUERIES) {
      const ids = engine.searchSync(q.query, { typos: false, limit: 5 }).hits.map((h) => h.id)
      expect(ids, q.query).not.toContain(q.target)
    }
  })

  it('puts the meant article in the top 5 for at least 90% of misspelt queries', () => {
    const misses: string[] = []
    let found = 0
    for (const q of TYPO_QUERIES) {
      const result = engine.searchSync(q.query, { limit: 5, facets: false })
      const ids = result.hits.map((h) => h.id)
      if (ids.includes(q.target)) found++
      else
        misses.push(
          `${q.query} (meant ${q.intended}, ${q.target}): ${result.correctedQuery ?? 'no correction'} → ${ids.join(', ') || 'nothing'}`,
        )
    }
    const rate = found / TYPO_QUERIES.length
    console.log(
      `typo set: ${found}/${TYPO_QUERIES.length} = ${(rate * 100).toFixed(1)}% in the top 5\n` +
        misses.map((m) => `  miss: ${m}`).join('\n'),
    )
    expect(rate).toBeGreaterThanOrEqual(0.9)
  })

  it('says what it corrected, and the exact query it offers instead finds nothing', () => {
    const q = TYPO_QUERIES.find((t) => t.intended === 'Wayne Rooney')!
    const result = engine.searchSync(q.query)
    expect(result.correctedQuery).toBe('Wayne Rooney')
    expect(result.originalQuery).toBe(q.query)
    expect(result.exactQuery).toBe('Wayne =Roonye')
    expect(engine.searchSync(result.exactQuery!).total).toBe(0)
  })
})
