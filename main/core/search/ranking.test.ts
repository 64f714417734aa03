import lunr from 'lunr'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { surfaceTokens } from './analyzer'
import { documentsOf, FIELD_BOOSTS, FIELDS } from './documents'
import { createSearchEngine } from './index'
import type { SegmentedSearchEngine } from './engine'
import { syntheticArticles } from './testing/syntheticCorpus'
import type { SearchHit } from './types'

/**
 * Ranking equivalence: our engine, split into several segments with tombstones, must rank and
 * score like one plain lunr index built over the same live documents with the same fields and
 * boosts (lunr's own `index.search`).
 *
 * The lunr index gets our tokenizer (analyzer.ts `surfaceTokens`): the same chunks, folded
 * spellings (`Müller` → `mueller`, `muller`) and hyphen parts plus joined words (`Wal-Mart` →
 * `wal`, `mart`, `walmart`) that our index holds, as lunr tokens; lunr's own pipeline (trimmer,
 * stop words, stemmer), term frequencies, field lengths, BM25 and query scoring do the rest.
 * What is compared is everything but the tokenizer, as before.
 */

const EPSILON = 1e-9
let engine: SegmentedSearchEngine
let reference: lunr.Index

function keyOf(hit: SearchHit): string {
  return hit.kind === 'photo' ? `${hit.id}#${hit.photoId}` : hit.id
}

function lunrIndexOf(articles: readonly Article[]): lunr.Index {
  return lunr(function () {
    this.tokenizer = ((text: unknown) =>
      surfaceTokens(String(text ?? '')).map(
        (t) => new lunr.Token(t.text, { position: [0, 0], index: t.index }),
      )) as unknown as typeof lunr.tokenizer
    this.ref('key')
    FIELDS.forEach((f, i) => this.field(f, { boost: FIELD_BOOSTS[i] }))
    for (const a of articles)
      for (const d of documentsOf(a)) {
        const doc: Record<string, string> = { key: d.key }
        FIELDS.forEach((f, i) => (doc[f] = d.fields[i]))
        this.add(doc)
      }
  })
}

beforeAll(async () => {
  // Folded and hyphenated spellings in some titles, so the tokenizer's extra terms are scored.
  const spellings = ['Müller', 'Mueller', 'Wal-Mart', 'Walmart', "O'Neill's", 'Søren', 'e-mail']
  const all = syntheticArticles(2400, 7).map((a, i) =>
    i % 9 === 0 ? { ...a, title: `${a.title} ${spellings[(i / 9) % spellings.length]}` } : a,
  )
  const initial = all.slice(0, 2000)
  engine = createSearchEngine({ dir: null, segmentItems: 500, mergeAfter: 100 })
  await engine.open(async function* () {
    yield* initial
  }, initial.length)
  // Edits and deletes leave tombstones in the big segments; new items land in fresh ones.
  const edited = initial.slice(100, 160).map((a) => ({ ...a, title: `${a.title} ceasefire talks` }))
  await engine.upsert(edited)
  await engine.upsert(all.slice(2000, 2200))
  await engine.upsert(all.slice(2200))
  await engine.remove(initial.slice(300, 340).map((a) => a.id))
  const editedById = new Map(edited.map((a) => [a.id, a]))
  const removed = new Set(initial.slice(300, 340).map((a) => a.id))
  const live = all.filter((a) => !removed.has(a.id)).map((a) => editedById.get(a.id) ?? a)
  reference = lunrIndexOf(live)
})

// [our query, the same query in lunr's syntax]
const QUERIES: [string, string][] = [
  ['police', '+police'],
  ['ceasefire', '+ceasefire'],
  ['running', '+running'],
  ['souleiman', '+souleiman'],
  ['border village', '+border +village'],
  ['refugees aid workers', '+refugees +aid +workers'],
  ['title:ceasefire type:article', '+title:ceasefire'],
  ['caption:storm', '+caption:storm'],
  ['photographer:kanani', '+photographer:kanani'],
  ['agency:afp storm', '+agency:afp +storm'],
  ['polic*', '+polic*'],
  ['bomb* strike', '+bomb* +strike'],
  ['ceasfire~1', '+ceasfire~1'],
  ['protestrs~2 peace', '+protestrs~2 +peace'],
  ['mueller', '+mueller'],
  ['muller police', '+muller +police'],
  ['walmart', '+walmart'],
  ['mart', '+mart'],
  ['oneill', '+oneill'],
  ['soeren', '+soeren'],
  ['email', '+email'],
]

describe('ranking equals one plain lunr index', () => {
  it.each(QUERIES)('%s', async (ours, theirs) => {
    // Aliases would widen the query beyond lunr's: compare without them.
    engine.setAliases([])
    const got = await engine.search(ours, { limit: 10, facets: false })
    const want = reference.search(theirs).slice(0, 10)
    expect(want.length).toBeGreaterThan(0)
    expect(got.total).toBe(reference.search(theirs).length)
    expect(got.hits.map((h) => h.score)).toEqual(want.map((w) => expect.closeTo(w.score, 9)))
    // Same documents at each score (ties may be listed in another order).
    const ourScore = new Map(got.hits.map((h) => [keyOf(h), h.score]))
    const lastScore = want[want.length - 1].score
    for (const w of want) {
      if (Math.abs(w.score - lastScore) < EPSILON) continue // a tie at the cut may be either doc
      expect(ourScore.get(w.ref)).toBeCloseTo(w.score, 9)
    }
  })

  it('scores the same after every segment is merged into one (tombstones purged)', async () => {
    engine.setAliases([])
    const before = await Promise.all(QUERIES.map(([q]) => engine.search(q, { facets: false })))
    expect(engine.stats().segments).toBeGreaterThan(4)
    await engine.compact()
    expect(engine.stats()).toMatchObject({ segments: 1 })
    const after = await Promise.all(QUERIES.map(([q]) => engine.search(q, { facets: false })))
    after.forEach((r, i) => {
      expect(r.total).toBe(before[i].total)
      expect(r.hits.map((h) => h.score)).toEqual(
        before[i].hits.map((h) => expect.closeTo(h.score, 9)),
      )
    })
  })
})
