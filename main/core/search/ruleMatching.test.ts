import { describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { createSearchEngine } from './index'
import { syntheticArticles } from './testing/syntheticCorpus'
import { seedLikeArticle } from './testing/seedArticle'

const corpus: Article[] = [seedLikeArticle(), ...syntheticArticles(300, 7)]

async function engine() {
  const e = createSearchEngine({ dir: null, workers: 0 })
  await e.open(async function* () {
    yield* corpus
  }, corpus.length)
  return e
}

/** Item ids a search finds (all pages), for comparison with the rule matcher. */
async function searchIds(e: Awaited<ReturnType<typeof engine>>, query: string): Promise<string[]> {
  const ids = new Set<string>()
  for (let offset = 0; ; offset += 200) {
    const r = await e.search(query, { limit: 200, offset, facets: false, typos: false })
    for (const h of r.hits) ids.add(h.id)
    if (offset + 200 >= r.total) break
  }
  return [...ids].sort()
}

const QUERIES = [
  'agency:afp',
  'souleiman raqa',
  'photographer:"delil souleiman"',
  '"the government"',
  'minister -agency:afp',
  'type:photo credit:empty',
  'elect* OR vote',
  'year:2016',
]

describe('rule matching', () => {
  it('matches on the archive exactly the items a search finds, each once', async () => {
    const e = await engine()
    for (const q of QUERIES) {
      const found = await e.matchAll(q)
      expect(found.error).toBeUndefined()
      expect([...found.ids].sort(), q).toEqual(await searchIds(e, q))
    }
    expect((await e.matchAll('agency:afp')).ids.length).toBeGreaterThan(10)
    await e.close()
  })

  it('tests new items against the queries without indexing them, as the archive would find them', async () => {
    const e = await engine()
    const fresh = corpus.slice(0, 40)
    const matched = await e.matchItems(QUERIES, fresh)
    const freshIds = new Set(fresh.map((a) => a.id))
    for (const [i, q] of QUERIES.entries()) {
      const expected = (await searchIds(e, q)).filter((id) => freshIds.has(id))
      expect([...matched[i]].sort(), q).toEqual(expected)
    }
    expect(matched.some((m) => m.length > 0)).toBe(true)
    await e.close()
  })

  it('refuses a query with any problem, even one a search forgives', async () => {
    const e = await engine()
    expect((await e.matchAll('raqa foo:bar')).error).toMatchObject({ start: 5, end: 8 })
    expect((await e.matchAll('"unclosed phrase')).error?.message).toBeTruthy()
    expect((await e.matchAll('raqa foo:bar')).ids).toEqual([])
    await e.close()
  })
})
