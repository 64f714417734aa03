import { describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { analyseChunk, termsOf } from './analyzer'
import { createSearchEngine } from './index'
import type { SearchResult } from './types'

/** Spellings: folding at index and query time, in words and inside phrases. */

function article(id: string, title: string, body: string): Article {
  return {
    kind: 'article',
    id,
    title,
    tags: [],
    archivedAt: '2024-01-01T00:00:00.000Z',
    publishedAt: '2024-01-01',
    contentHash: id,
    body: [body],
    photos: [],
  }
}

async function engineWith(list: Article[]) {
  const engine = createSearchEngine({ dir: null })
  await engine.open(async function* () {
    yield* list
  }, list.length)
  // Name variants are tested on their own: here only the analysis.
  engine.setAliases([])
  return engine
}

const found = (r: SearchResult) => r.hits.map((h) => h.id).sort()

describe('the analyzer', () => {
  it.each([
    ['Müller', ['mueller', 'muller']],
    ['MÜLLER', ['mueller', 'muller']],
    ['Mu\u0308ller', ['mueller', 'muller']],
    ['Straße', ['strass']],
    ['Søren', ['soeren', 'soren']],
    ['Århus', ['aarhu', 'arhu']],
    ['Ærø', ['aero']],
    ['İstanbul', ['istanbul']],
    ['ıstanbul', ['istanbul']],
    ['ﬁnance', ['financ']],
    ['Œuvre', ['oeuvr']],
    ['Souleïman', ['souleiman']],
    ['Wal-Mart', ['wal', 'mart', 'walmart']],
    ['e-mail', ['e', 'mail', 'email']],
    ["O'Neill", ['o', 'neill', 'oneil']],
    ['O’Neill', ['o', 'neill', 'oneil']],
    ["Trump's", ['trump']],
    ["don't", ['dont']],
    ['2010-2015', ['2010', '2015']],
    ['covid-19', ['covid', '19', 'covid19']],
  ])('%s is indexed as %j', (word, terms) => {
    expect([...new Set(analyseChunk(word).terms.map((t) => t.term))].sort()).toEqual(
      [...terms].sort(),
    )
  })

  it('keeps positions: a hyphenated word takes one position per part', () => {
    const a = analyseChunk('Wal-Mart')
    expect(a.width).toBe(2)
    expect(a.terms.map(({ term, offset }) => ({ term, offset }))).toEqual(
      expect.arrayContaining([
        { term: 'wal', offset: 0 },
        { term: 'mart', offset: 1 },
        { term: 'walmart', offset: 0 },
      ]),
    )
  })

  it('splits at en and em dashes but not inside words', () => {
    expect(termsOf('Paris–London talks—today')).toEqual(['pari', 'london', 'talk', 'today'])
  })
})

describe('searching with other spellings', () => {
  const list = [
    article(
      '0000000000000001',
      'Thomas Müller scores twice',
      'The striker Müller was unstoppable.',
    ),
    article('0000000000000002', 'Wal-Mart opens in town', 'The Wal-Mart store hires 200 staff.'),
    article('0000000000000003', 'Walmart results', 'Walmart store sales rose.'),
    article('0000000000000004', "O'Neill's new film", "Cillian O'Neill stars."),
    article('0000000000000005', 'Send an e-mail', 'Phishing by e-mail is rising.'),
    article('0000000000000006', 'Søren Kierkegaard exhibition', 'Letters of Søren in Århus.'),
    article('0000000000000007', 'İstanbul traffic', 'The Bosphorus bridge in İstanbul.'),
    article('0000000000000008', 'Financial ﬁgures', 'The ﬁrm’s œuvre and Æsop.'),
    article('0000000000000009', 'Mueller report', 'The special counsel Mueller.'),
    article('0000000000000010', 'Wal Mart rumours', 'A Wal Mart store maybe.'),
    article('0000000000000011', 'Straßenbahn', 'Die Straße ist lang.'),
  ]

  it.each([
    ['Müller', ['0000000000000001', '0000000000000009']],
    ['Mueller', ['0000000000000001', '0000000000000009']],
    ['Muller', ['0000000000000001']],
    ['walmart', ['0000000000000002', '0000000000000003']],
    ['Wal-Mart', ['0000000000000002', '0000000000000003', '0000000000000010']],
    ['wal mart', ['0000000000000002', '0000000000000010']],
    ['ONeill', ['0000000000000004']],
    ["O'Neill", ['0000000000000004']],
    ['email', ['0000000000000005']],
    ['e-mail', ['0000000000000005']],
    ['soeren', ['0000000000000006']],
    ['soren', ['0000000000000006']],
    ['aarhus', ['0000000000000006']],
    ['arhus', ['0000000000000006']],
    ['istanbul', ['0000000000000007']],
    ['ıstanbul', ['0000000000000007']],
    ['figures', ['0000000000000008']],
    ['oeuvre', ['0000000000000008']],
    ['aesop', ['0000000000000008']],
    ['strasse', ['0000000000000011']],
    ['title:wal-mart', ['0000000000000002', '0000000000000003', '0000000000000010']],
    ['müll*', ['0000000000000001', '0000000000000009']],
  ])('%s finds %j', async (q, ids) => {
    const engine = await engineWith(list)
    const r = await engine.search(q, { limit: 50 })
    expect(r.error).toBeUndefined()
    expect(found(r)).toEqual(ids)
  })

  it.each([
    // Hyphenated = spaced = closed: the phrase is tried split and joined.
    ['"the Wal-Mart store"', ['0000000000000002', '0000000000000003', '0000000000000010']],
    ['"a wal mart store"', ['0000000000000002', '0000000000000010']],
    ['"the Walmart store"', ['0000000000000003']],
    ['"striker Mueller was"', ['0000000000000001']],
    ['"striker muller was"', ['0000000000000001']],
    ['"Cillian O\'Neill stars"', ['0000000000000004']],
    ['"Cillian O’Neill stars"', ['0000000000000004']],
    ['"phishing by email"', ['0000000000000005']],
    ['"letters of soeren in aarhus"', ['0000000000000006']],
    ['"wal-mart store hires"', ['0000000000000002']],
    ['"mart store hires"', ['0000000000000002']],
  ])('phrase %s finds %j', async (q, ids) => {
    const engine = await engineWith(list)
    const r = await engine.search(q, { limit: 50 })
    expect(found(r)).toEqual(ids)
  })

  it('highlights the word as written in the text', async () => {
    const engine = await engineWith(list)
    const r = await engine.search('mueller', { limit: 50 })
    const hit = r.hits.find((h) => h.id === '0000000000000001')!
    const [title] = hit.snippets
    expect(title.highlights.map(([s, e]) => title.text.slice(s, e))).toEqual(['Müller'])
    const mart = await engine.search('mart', { limit: 50 })
    const t2 = mart.hits.find((h) => h.id === '0000000000000002')!.snippets[0]
    expect(t2.highlights.map(([s, e]) => t2.text.slice(s, e))).toEqual(['Wal-Mart'])
  })
})
