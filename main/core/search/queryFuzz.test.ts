import { beforeAll, describe, expect, it } from 'vitest'
import { createRng, type Rng } from '../../../bench/corpus/prng'
import type { SegmentedSearchEngine } from './engine'
import { createSearchEngine } from './index'
import { MAX_QUERY_CHARS, parseQuery } from './queryParser'
import { syntheticArticles } from './testing/syntheticCorpus'
import type { SearchResult } from './types'

/**
 * Whatever is typed into the search box, the parser and the engine answer with results or a
 * positioned error: never a throw, never a hang. Thousands of generated queries mix the syntax
 * at random (unbalanced quotes, lone operators, fields, `~`, `*`, `=`), control characters,
 * emoji and lone surrogates, right-to-left text and combining marks, and inputs of 10,000
 * characters.
 */

const WORDS = [
  'police',
  'ceasefire',
  'souleiman',
  'Souleïman',
  'protestrs',
  'border',
  'village',
  'refugees',
  'storm',
  'kanani',
  'the',
  'a',
  'of',
  'x',
  'zz',
  'bombs',
  'ceasfire',
  'talks',
  'afp',
  '2023',
  '2023-10-01',
]
const SYNTAX = [
  '"',
  '“',
  '”',
  '(',
  ')',
  '-',
  '+',
  '*',
  '~',
  '~1',
  '~2',
  '~9',
  '~x',
  '=',
  ':',
  'OR',
  'AND',
  'NOT',
  'title:',
  'body:',
  'caption:',
  'photographer:',
  'agency:',
  'tag:',
  'source:',
  'credit:empty',
  'year:',
  'year:20',
  'after:',
  'before:2023-02-30',
  'type:photo',
  'type:video',
  'is:untagged',
  'is:',
  'foo:',
  ' ',
  '  ',
  '\t',
  '\n',
]
const STRANGE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u200b',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ud83d\ude00',
  '\ud83c\udff3\ufe0f\u200d\ud83c\udf08',
  '\ud800',
  '\udfff',
  'مرحبا بالعالم',
  'שלום',
  'e\u0301\u0301\u0301',
  'ﬁ',
  'İstanbul',
  '東京',
  '\\',
  '%',
  '$&',
  '.*+?^${}()|[]',
  '__proto__',
  'constructor',
]

function piece(rng: Rng): string {
  const r = rng.next()
  if (r < 0.45) return rng.pick(WORDS)
  if (r < 0.8) return rng.pick(SYNTAX)
  if (r < 0.95) return rng.pick(STRANGE)
  return String.fromCharCode(rng.int(0, 0xffff))
}

function randomQuery(rng: Rng, pieces: number): string {
  let q = ''
  for (let i = 0; i < pieces; i++) q += piece(rng) + (rng.chance(0.6) ? ' ' : '')
  return q
}

function longQuery(rng: Rng, length: number): string {
  let q = ''
  while (q.length < length) q += piece(rng) + ' '
  return q.slice(0, length)
}

/** The queries of one run: short random mixes, then some of 10,000 characters. */
function generatedQueries(): string[] {
  const rng = createRng(12, 5)
  const out: string[] = []
  for (let i = 0; i < 3000; i++) out.push(randomQuery(rng, rng.int(1, 8)))
  for (let i = 0; i < 12; i++) out.push(longQuery(rng, 10_000))
  out.push('"'.repeat(10_000), '-'.repeat(10_000), 'a~2 '.repeat(2_500), '-b~2 '.repeat(2_000))
  out.push('OR', 'NOT', 'AND', '-', '"', '=', '*', '~', '()', '(', ')', ':', '', '   ')
  return out
}

function expectPositioned(query: string, error: { start: number; end: number } | undefined) {
  if (!error) return
  expect(Number.isInteger(error.start) && Number.isInteger(error.end), query).toBe(true)
  expect(error.start, query).toBeGreaterThanOrEqual(0)
  expect(error.end, query).toBeGreaterThan(error.start)
  expect(error.start, query).toBeLessThanOrEqual(query.length)
  expect(error.end, query).toBeLessThanOrEqual(query.length + 1)
}

let engine: SegmentedSearchEngine
const queries = generatedQueries()

beforeAll(async () => {
  const articles = syntheticArticles(300, 3)
  engine = createSearchEngine({ dir: null, workers: 0, segmentItems: 100 })
  await engine.open(async function* () {
    yield* articles
  }, articles.length)
})

describe('fuzzed queries', () => {
  it('the parser positions every problem and never throws', () => {
    for (const q of queries) {
      const parsed = parseQuery(q)
      expectPositioned(q, parsed.error)
      for (const c of parsed.clauses) {
        expect(c.start, q).toBeGreaterThanOrEqual(0)
        expect(c.end, q).toBeLessThanOrEqual(Math.min(q.length, MAX_QUERY_CHARS))
      }
    }
  })

  it('the engine answers every query with results or a positioned error', () => {
    let withHits = 0
    let withErrors = 0
    for (const q of queries) {
      let result: SearchResult | undefined
      expect(() => (result = engine.searchSync(q, { limit: 5 })), q).not.toThrow()
      const r = result!
      // A failure inside the engine would come back as "Search failed: …".
      expect(r.error?.message ?? '', q).not.toMatch(/^Search failed/)
      expectPositioned(q, r.error)
      expect(r.hits.length, q).toBeLessThanOrEqual(5)
      expect(r.total, q).toBeGreaterThanOrEqual(r.hits.length)
      if (r.correctedQuery !== undefined) expect(r.originalQuery, q).toBe(q)
      if (r.total > 0) withHits++
      if (r.error) withErrors++
    }
    // The generator reaches both outcomes often (it is not testing only one path).
    expect(withHits).toBeGreaterThan(queries.length / 10)
    expect(withErrors).toBeGreaterThan(queries.length / 10)
  })

  it('says that a pasted 10,000-character query is searched in part', () => {
    const q = longQuery(createRng(1), 10_000)
    const r = engine.searchSync(q)
    expect(r.error?.start).toBeLessThanOrEqual(MAX_QUERY_CHARS)
    expect(parseQuery(`${'police '.repeat(1500)}`).error).toMatchObject({
      message: 'Only the first 2,000 characters are searched.',
      start: MAX_QUERY_CHARS,
    })
  })
})
