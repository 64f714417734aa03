import { beforeAll, describe, expect, it } from 'vitest'
import { createSearchEngine } from '../../main/core/search/index'
import type { SegmentedSearchEngine } from '../../main/core/search/engine'
import type { SearchResult } from '../../main/core/search/types'
import { createCorpus } from '../corpus/generateCorpus'
import { buildQueryMix, buildTypoMix } from './queries'

/**
 * Typo tolerance never changes what an exact query ranks: over the bench's query mix, the hits
 * found with forgiveness on begin with exactly the hits (ids and scores, in order) found with it
 * off; forgiveness only ever adds hits after them. Its misspelt group is corrected.
 */

const corpus = createCorpus()
const articles = Array.from({ length: 4000 }, (_, i) => corpus.article(i))
const sample = articles.slice(0, 500)
const mix = buildQueryMix(corpus.model.vocabulary, sample, corpus.seed)
let engine: SegmentedSearchEngine

beforeAll(async () => {
  engine = createSearchEngine({ dir: null, workers: 0, segmentItems: 1500 })
  await engine.open(async function* () {
    yield* articles
  }, articles.length)
}, 120_000)

const top = (r: SearchResult) => r.hits.map((h) => `${h.id}#${h.kind === 'photo' ? h.photoId : ''}`)

describe('exact rankings with typo tolerance', () => {
  it.each(mix.map((q) => [q.kind, q.ours]))('%s: %s', (_, query) => {
    const off = engine.searchSync(query, { limit: 10, typos: false })
    const on = engine.searchSync(query, { limit: 10 })
    const kept = Math.min(10, off.total)
    expect(top(on).slice(0, kept)).toEqual(top(off).slice(0, kept))
    expect(on.hits.slice(0, kept).map((h) => h.score)).toEqual(off.hits.map((h) => h.score))
    expect(on.total).toBeGreaterThanOrEqual(off.total)
    // A query whose words all exist is never rewritten.
    if (off.total >= 3) expect(on.correctedQuery).toBeUndefined()
  })

  it('corrects the misspelt group of the mix', () => {
    const typos = buildTypoMix(corpus.model.vocabulary, sample, corpus.seed)
    expect(typos.length).toBeGreaterThanOrEqual(20)
    const corrected = typos.filter((q) => engine.searchSync(q.ours).correctedQuery !== undefined)
    expect(corrected.length / typos.length).toBeGreaterThanOrEqual(0.8)
  })
})
