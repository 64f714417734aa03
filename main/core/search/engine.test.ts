import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article, ArchiveItem, PhotoItem } from '../model'
import { createSearchEngine, type SegmentedSearchEngine } from './index'
import { SEED_CREDIT, SEED_QUERIES, seedLikeArticle } from './testing/seedArticle'
import type { PhotoHit, SearchResult } from './types'

function items(list: readonly ArchiveItem[]): () => AsyncIterable<ArchiveItem> {
  return async function* () {
    yield* list
  }
}

async function engineWith(list: readonly ArchiveItem[], dir: string | null = null) {
  const engine = createSearchEngine({ dir })
  await engine.open(items(list), list.length)
  return engine
}

const ids = (r: SearchResult) =>
  r.hits.map((h) => (h.kind === 'photo' ? `${h.id}#${h.photoId}` : h.id))

function article(id: string, title: string, body: string, extra: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id,
    title,
    tags: [],
    archivedAt: '2024-01-01T00:00:00.000Z',
    contentHash: id,
    body: [body],
    photos: [],
    ...extra,
  }
}

const seed = seedLikeArticle()
const other = article('00000000000000b1', 'Gaza talks resume in Cairo', 'Mediators met in Cairo.', {
  tags: ['Gaza'],
  publishedAt: '2016-05-02',
  source: 'The Guardian',
  photos: [{ id: 'p0', caption: 'Delegates arrive in Cairo.', credit: null }],
})
const standalone: PhotoItem = {
  kind: 'photo',
  id: '00000000000000c1',
  title: 'Sunset over Raqqa',
  tags: ['Syria'],
  archivedAt: '2024-02-01T00:00:00.000Z',
  publishedAt: '2017-08-01',
  contentHash: 'c1',
  photo: {
    id: 'p0',
    caption: 'The sun sets over the city.',
    credit: {
      raw: 'Aris Messinis / Agence France-Presse',
      photographer: 'Aris Messinis',
      agency: 'Agence France-Presse',
      agencies: ['Agence France-Presse'],
      agencyIds: ['afp'],
    },
  },
}

describe('the seed-like article', () => {
  let engine: SegmentedSearchEngine
  beforeEach(async () => {
    engine = await engineWith([seed, other])
  })

  it.each([...SEED_QUERIES, 'SOULEIMAN'])('is found by %s', async (q) => {
    const r = await engine.search(q)
    expect(r.error).toBeUndefined()
    expect(r.hits.map((h) => h.id)).toContain(seed.id)
  })

  it('is not found by -iran iran', async () => {
    expect((await engine.search('-iran iran')).total).toBe(0)
  })

  it('gives a photo hit with caption and credit for souleiman', async () => {
    const r = await engine.search('souleiman')
    const photo = r.hits.find((h): h is PhotoHit => h.kind === 'photo')
    expect(photo).toMatchObject({
      id: seed.id,
      photoId: 'p0',
      caption: seed.photos[0].caption,
      credit: SEED_CREDIT,
      title: seed.title,
    })
    const credit = photo!.snippets.find((s) => s.field === 'credit')!
    expect(credit.highlights.map(([a, b]) => credit.text.slice(a, b))).toEqual(['SOULEIMAN'])
  })
})

describe('query syntax', () => {
  let engine: SegmentedSearchEngine
  beforeEach(async () => {
    engine = await engineWith([seed, other, standalone])
  })
  const search = (q: string) => engine.search(q, { limit: 50 })

  it('ANDs words by default', async () => {
    expect(ids(await search('cairo mediators'))).toEqual([other.id])
    expect((await search('cairo raqa')).total).toBe(0)
  })

  it('ANDs clauses of every kind whichever is the rarest', async () => {
    // The rarest clause is an OR, a phrase, a field filter or a plain word in turn.
    expect(ids(await search('cairo (mediators OR drones)'))).toEqual([other.id])
    expect(ids(await search('"gaza talks" cairo'))).toEqual([other.id])
    expect(ids(await search('"wrong american policies" iran'))).toEqual([seed.id])
    expect(new Set(ids(await search('delegates tag:gaza')))).toEqual(
      new Set([other.id, `${other.id}#p0`]),
    )
    expect((await search('"gaza talks" raqa')).total).toBe(0)
  })

  it('ORs words', async () => {
    expect(new Set((await search('mediators OR drones')).hits.map((h) => h.id))).toEqual(
      new Set([seed.id, other.id]),
    )
  })

  it('excludes -word and NOT word', async () => {
    expect(ids(await search('cairo -mediators'))).toEqual([`${other.id}#p0`])
    expect(ids(await search('cairo NOT mediators'))).toEqual([`${other.id}#p0`])
  })

  it('matches an exact phrase only in order', async () => {
    expect(ids(await search('"gaza talks"'))).toEqual([other.id])
    expect((await search('"talks gaza"')).total).toBe(0)
  })

  it('expands prefix* and fuzzy~1', async () => {
    expect(ids(await search('medi*'))).toEqual([other.id])
    expect(ids(await search('mediatrs~1'))).toEqual([other.id])
    // Without syntax the typo is forgiven and says so; `=word` and { typos: false } keep it exact.
    expect(await search('mediatrs')).toMatchObject({
      total: 1,
      correctedQuery: 'mediators',
      originalQuery: 'mediatrs',
      exactQuery: '=mediatrs',
    })
    expect(await search('=mediatrs')).toMatchObject({ total: 0, didYouMean: '=mediators' })
    expect(await engine.search('mediatrs', { typos: false })).toMatchObject({ total: 0 })
  })

  it('scopes words to a field', async () => {
    expect(ids(await search('title:cairo type:article'))).toEqual([other.id])
    // An article's photos follow their article for article-level fields.
    expect(ids(await search('title:cairo'))).toEqual([other.id, `${other.id}#p0`])
    expect((await search('title:mediators')).total).toBe(0)
    expect(ids(await search('caption:delegates'))).toEqual([other.id, `${other.id}#p0`])
    expect(ids(await search('credit:messinis'))).toEqual([`${standalone.id}#p0`])
    expect(ids(await search('source:guardian type:article'))).toEqual([other.id])
  })

  it('matches agency ids and written names', async () => {
    const afp = new Set((await search('agency:afp')).hits.map((h) => h.id))
    expect(afp).toEqual(new Set([seed.id, standalone.id]))
    const written = await search('agency:"agence france-presse"')
    expect(new Set(written.hits.map((h) => h.id))).toEqual(new Set([seed.id, standalone.id]))
  })

  it('filters tag:, and photos of an article follow their article', async () => {
    expect(ids(await search('tag:gaza'))).toEqual([other.id, `${other.id}#p0`])
    expect(ids(await search('tag:"middle east" type:photo'))).toEqual([`${seed.id}#p0`])
  })

  it('filters by date: after:, before:, year:', async () => {
    expect(ids(await search('after:2023-10-01'))).toEqual([seed.id, `${seed.id}#p0`])
    expect(ids(await search('before:2016-06-01'))).toEqual([other.id, `${other.id}#p0`])
    expect(ids(await search('year:2017'))).toEqual([`${standalone.id}#p0`])
  })

  it('filters type:, is:untagged and credit:empty', async () => {
    expect((await search('type:article')).hits.every((h) => h.kind === 'article')).toBe(true)
    // `raqa` and `raqqa` are one alias group by default.
    expect(ids(await search('type:photo raqa')).sort()).toEqual([
      `${standalone.id}#p0`,
      `${seed.id}#p0`,
    ])
    expect(ids(await search('credit:empty'))).toEqual([`${other.id}#p0`])
    const untagged = await engineWith([article('00000000000000d1', 'Untitled', 'x')])
    expect(ids(await untagged.search('is:untagged'))).toEqual(['00000000000000d1'])
    expect((await search('is:untagged')).total).toBe(0)
  })

  it('folds case and diacritics in queries and text', async () => {
    const e = await engineWith([article('00000000000000e1', 'Ça va à São Paulo', 'Crème brûlée')])
    expect((await e.search('sao paulo')).total).toBe(1)
    expect((await e.search('CRÈME brulee')).total).toBe(1)
  })

  it('treats alias groups as one word, and the user can replace them', async () => {
    const e = await engineWith([
      article('00000000000000f1', 'Interview', 'Delil Sulaiman speaks'),
      article('00000000000000f2', 'Profile', 'Ahmad Kanaani returns'),
    ])
    expect((await e.search('souleiman')).total).toBe(1)
    expect((await e.search('kanani')).total).toBe(1)
    e.setAliases([['kanani', 'kanaani']])
    // Exact words only: with typo tolerance `souleiman` would still reach `sulaiman` (2 edits).
    expect((await e.search('souleiman', { typos: false })).total).toBe(0)
    expect((await e.search('kanani', { typos: false })).total).toBe(1)
  })

  it('lists everything newest first for an empty query', async () => {
    const r = await search('')
    expect(r.total).toBe(5)
    expect(r.hits.map((h) => h.publishedAt?.slice(0, 4))).toEqual([
      '2023',
      '2023',
      '2017',
      '2016',
      '2016',
    ])
    expect(ids(await search('  '))).toHaveLength(5)
  })

  it('sorts by date and pages', async () => {
    const oldest = await engine.search('', { sort: 'oldest', limit: 2 })
    expect(oldest.hits.map((h) => h.publishedAt?.slice(0, 4))).toEqual(['2016', '2016'])
    const page2 = await engine.search('', { sort: 'newest', limit: 2, offset: 2 })
    expect(page2.hits.map((h) => h.id)).toEqual([standalone.id, other.id])
    expect(page2.total).toBe(5)
  })
})

describe('unparseable queries', () => {
  it.each([
    ['souleiman "raqa', 'never closed', 10],
    ['title: raqa', 'needs a value', 0],
    ['raqa~x', '"~"', 4],
    ['OR raqa', 'OR needs', 0],
    ['*aqa raqa', '"*"', 0],
  ])('%s gives a positioned error and best-effort hits', async (q, message, start) => {
    const engine = await engineWith([seed])
    const r = await engine.search(q)
    expect(r.error?.message).toContain(message)
    expect(r.error?.start).toBe(start)
    expect(r.error!.end).toBeGreaterThan(r.error!.start)
    expect(r.hits.map((h) => h.id)).toContain(seed.id)
  })

  it.each([
    ['after:yesterday raqa', 'date', 6, 15],
    ['after:2023-13-45 raqa', 'date', 6, 16],
    ['year:16 raqa', 'four-digit', 5, 7],
    ['type:video raqa', 'photo or article', 5, 10],
    ['is:lost raqa', 'is:untagged', 3, 7],
    ['colour:red raqa', 'Unknown field', 0, 6],
    ['raqa foo:bar', 'Unknown field', 5, 8],
    ['souleiman "raqa" foo:bar', 'Unknown field', 17, 20],
    ['raqa~x foo:bar', 'Unknown field', 7, 10],
  ])('%s is an error at its position and lists nothing', async (q, message, start, end) => {
    const engine = await engineWith([seed, other])
    const r = await engine.search(q)
    expect(r.error?.message).toContain(message)
    expect([r.error?.start, r.error?.end]).toEqual([start, end])
    expect(r.total).toBe(0)
    expect(r.hits).toEqual([])
    expect(r.facets.agency).toEqual([])
  })

  it('a pasted URL is words, not an unknown field', async () => {
    const engine = await engineWith([seed])
    const r = await engine.search('https://example.org/raqa')
    expect(r.error).toBeUndefined()
  })
})

describe('results', () => {
  it('counts facets over the whole result set', async () => {
    const engine = await engineWith([seed, other, standalone])
    const r = await engine.search('', { limit: 1 })
    expect(r.hits).toHaveLength(1)
    // Each item once per value: the seed article and its credited photo are one AFP item.
    expect(r.facets.agency).toEqual([
      { value: 'AFP', count: 1 },
      { value: 'Agence France-Presse', count: 1 },
    ])
    expect(r.facets.photographer).toEqual([
      { value: 'Aris Messinis', count: 1 },
      { value: 'Delil Souleiman', count: 1 },
    ])
    expect(r.facets.year).toEqual([
      { value: '2023', count: 1, archived: 0 },
      { value: '2017', count: 1, archived: 0 },
      { value: '2016', count: 1, archived: 0 },
    ])
    expect(r.facets.tag.find((t) => t.value === 'Gaza')).toEqual({ value: 'Gaza', count: 1 })
    expect(r.facets.source).toContainEqual({ value: 'The Guardian', count: 1 })
  })

  it('shows the 30 most frequent facet values, counted over every hit', async () => {
    // 40 photographers: photographer k credits k + 1 articles (k = 0…39).
    const list: Article[] = []
    for (let k = 0; k < 40; k++)
      for (let j = 0; j <= k; j++) {
        const name = `Lens${String.fromCharCode(97 + (k % 26))}${k} Person`
        list.push(
          article(`${(k * 100 + j).toString(16).padStart(16, '0')}`, `Harbour ${k}`, 'A quay.', {
            photos: [
              {
                id: 'p0',
                caption: 'Boats.',
                credit: {
                  raw: `${name}/AFP`,
                  photographer: name,
                  agency: 'AFP',
                  agencies: ['AFP'],
                  agencyIds: ['afp'],
                },
              },
            ],
          }),
        )
      }
    const engine = await engineWith(list)
    const r = await engine.search('quay', { limit: 5 })
    expect(r.total).toBe(list.length)
    const expected = Array.from({ length: 40 }, (_, k) => ({
      value: `Lens${String.fromCharCode(97 + (k % 26))}${k} Person`,
      count: k + 1,
    }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 30)
    expect(r.facets.photographer).toEqual(expected)
    expect(r.facets.agency).toEqual([{ value: 'AFP', count: list.length }])
    // 300 more photographers in a fresh segment: the counters are laid out again, same counts.
    const extra = Array.from({ length: 300 }, (_, i) =>
      article(`${(90000 + i).toString(16).padStart(16, '0')}`, `Pier ${i}`, 'A quay.', {
        photos: [
          {
            id: 'p0',
            caption: 'Gulls.',
            credit: {
              raw: `Extra Shooter${i}/Reuters`,
              photographer: `Extra Shooter${i}`,
              agency: 'Reuters',
              agencies: ['Reuters'],
              agencyIds: ['reuters'],
            },
          },
        ],
      }),
    )
    await engine.upsert(extra)
    const after = await engine.search('quay', { limit: 5 })
    expect(after.total).toBe(list.length + extra.length)
    expect(after.facets.photographer).toEqual(expected)
    expect(after.facets.agency).toEqual([
      { value: 'AFP', count: list.length },
      { value: 'Reuters', count: extra.length },
    ])
    expect((await engine.search('photographer:"extra shooter299" type:article')).total).toBe(1)
  })

  it('gives snippets whose highlights point at the matched words', async () => {
    const long = article('00000000000000a9', 'Harvest report', '', {
      body: [
        'Farmers in the valley began the harvest early this year. '.repeat(8) +
          'Officials said the drought cut wheat yields by a third across the province. ' +
          'Prices rose. '.repeat(20),
      ],
    })
    const engine = await engineWith([long])
    const r = await engine.search('drought wheat')
    const hit = r.hits[0]
    expect(hit.fields).toEqual(['body'])
    const passage = hit.snippets.find((s) => s.field === 'body')!
    expect(passage.text.length).toBeLessThanOrEqual(203)
    expect(passage.highlights.map(([a, b]) => passage.text.slice(a, b))).toEqual([
      'drought',
      'wheat',
    ])
    const title = hit.snippets.find((s) => s.field === 'title')!
    expect(title).toEqual({ field: 'title', text: 'Harvest report', highlights: [] })
  })

  it('takes passages deep in a long body from the item store when given a loader', async () => {
    const long = article('00000000000000a8', 'Long read', '', {
      body: [
        'Background paragraph without the word. '.repeat(60),
        'The glacier finally collapsed.',
      ],
    })
    const passage = (r: SearchResult) => r.hits[0].snippets.find((s) => s.field === 'body')!
    const alone = await engineWith([long])
    expect(passage(await alone.search('glacier')).highlights).toEqual([])
    const withStore = createSearchEngine({ dir: null, loadItems: async () => [long] })
    await withStore.open(items([long]), 1)
    const p = passage(await withStore.search('glacier'))
    expect(p.highlights.map(([a, b]) => p.text.slice(a, b))).toEqual(['glacier'])
  })

  it('highlights stemmed and folded forms', async () => {
    const engine = await engineWith([seed])
    const r = await engine.search('policy souleïman')
    const title = r.hits[0].snippets.find((s) => s.field === 'title')!
    expect(title.highlights.map(([a, b]) => title.text.slice(a, b))).toEqual(['policies'])
  })
})

describe('updates', () => {
  it('makes upserts, edits and removals visible at once', async () => {
    const engine = await engineWith([seed])
    await engine.upsert([other])
    expect(ids(await engine.search('mediators'))).toEqual([other.id])
    await engine.upsert([{ ...other, body: ['Envoys met in Doha.'] }])
    expect((await engine.search('mediators')).total).toBe(0)
    expect(ids(await engine.search('envoys'))).toEqual([other.id])
    await engine.upsert([{ ...seed, tags: ['Archive pick'] }])
    expect(ids(await engine.search('tag:"archive pick" type:article'))).toEqual([seed.id])
    expect((await engine.search('tag:iran')).total).toBe(0)
    await engine.remove([seed.id])
    expect((await engine.search('souleiman')).total).toBe(0)
    expect((await engine.search('')).total).toBe(2)
  })

  it('merges fresh segments in the background without changing results', async () => {
    const engine = createSearchEngine({ dir: null, mergeAfter: 3 })
    await engine.open(items([]), 0)
    for (let i = 0; i < 7; i++)
      await engine.upsert([article(`0000000000000${100 + i}`, `Story ${i}`, `cedar number${i}`)])
    await engine.remove(['0000000000000101'])
    await engine.idle()
    expect(engine.stats().segments).toBeLessThan(7)
    expect((await engine.search('cedar')).total).toBe(6)
    expect(ids(await engine.search('number3'))).toEqual(['0000000000000103'])
  })
  it('edits and removes items of kept and merged segments after a merge', async () => {
    const base = Array.from({ length: 5 }, (_, i) =>
      article(`00000000000002${String(i).padStart(2, '0')}`, `Base ${i}`, `pine base${i}`),
    )
    const engine = createSearchEngine({ dir: null, mergeAfter: 3 })
    await engine.open(items(base), base.length)
    for (let i = 0; i < 4; i++)
      await engine.upsert([
        article(`00000000000003${String(i).padStart(2, '0')}`, `New ${i}`, `pine fresh${i}`),
      ])
    await engine.idle()
    expect(engine.stats()).toMatchObject({ items: 9, liveDocs: 9 })
    await engine.upsert([article('0000000000000201', 'Base 1', 'oak only')])
    await engine.upsert([article('0000000000000302', 'New 2', 'oak too')])
    await engine.remove(['0000000000000203', '0000000000000300'])
    await engine.idle()
    expect((await engine.search('pine')).total).toBe(5)
    expect(ids(await engine.search('oak')).sort()).toEqual(['0000000000000201', '0000000000000302'])
    expect(engine.stats()).toMatchObject({ items: 7, liveDocs: 7 })
  })
})

describe('persistence', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'morgue-search-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reloads the persisted index with the same results, without reading the items', async () => {
    const first = await engineWith([seed, other, standalone], dir)
    await first.upsert([{ ...other, title: 'Gaza talks resume in Doha' }])
    await first.remove([standalone.id])
    const before = await first.search('gaza OR souleiman')
    await first.close()
    const second = createSearchEngine({ dir })
    let read = 0
    await second.open(async function* () {
      read++
      yield* []
    }, 2)
    expect(read).toBe(0)
    expect(await second.search('gaza OR souleiman')).toEqual({
      ...before,
      tookMs: expect.any(Number),
    })
    expect(ids(await second.search('doha'))).toEqual([other.id])
  })

  it('drops a segment once every document of it is replaced, and rewrites mostly-deleted ones', async () => {
    const photos: PhotoItem[] = Array.from({ length: 6_000 }, (_, i) => ({
      kind: 'photo',
      id: `00000000${String(i).padStart(8, '0')}`,
      title: `Frame ${i}`,
      tags: [],
      archivedAt: '2024-01-01T00:00:00.000Z',
      contentHash: `c${i}`,
      photo: { id: 'p0', caption: `Quay ${i % 7 === 0 ? 'crane' : 'boat'}`, credit: null },
    }))
    const engine = await engineWith(photos, dir)
    const segFiles = async () => (await readdir(dir)).filter((f) => f.startsWith('seg-')).sort()
    const [original] = await segFiles()
    // A bulk tag of two thirds: the original segment is mostly tombstones, and is rewritten.
    const tagged = photos.slice(0, 4_000).map((p) => ({ ...p, tags: ['Desk/Checked'] }))
    await engine.retag(tagged)
    await engine.idle()
    expect(engine.stats()).toMatchObject({ segments: 2, docs: 6_000, liveDocs: 6_000 })
    expect(await segFiles()).not.toContain(original)
    expect((await engine.search('tag:desk')).total).toBe(4_000)
    expect((await engine.search('crane')).total).toBe(858)
    // Tag them all again: the segment of the first run is left empty and goes, file and all.
    const again = photos.map((p) => ({ ...p, tags: ['Desk/Done'] }))
    await engine.retag(again)
    await engine.idle()
    expect(engine.stats()).toMatchObject({ segments: 1, docs: 6_000, liveDocs: 6_000 })
    expect(await segFiles()).toHaveLength(1)
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.segments).toHaveLength(1)
    await engine.close()
    const reopened = createSearchEngine({ dir })
    await reopened.open(items([]), 6_000)
    expect((await reopened.search('tag:"desk/done" crane')).total).toBe(858)
    expect((await reopened.search('tag:checked')).total).toBe(0)
    await reopened.close()
  })

  it('an added item is searchable when upsert resolves, and on disk once idle', async () => {
    const first = await engineWith([seed], dir)
    await first.upsert([other])
    expect(ids(await first.search('mediators'))).toEqual([other.id])
    await first.idle()
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.segments).toHaveLength(2)
    const second = createSearchEngine({ dir })
    let read = 0
    await second.open(async function* () {
      read++
      yield* []
    }, 2)
    expect(read).toBe(0)
    expect(ids(await second.search('mediators'))).toEqual([other.id])
    await first.close()
  })

  it('rebuilds from the items when a segment file is corrupt', async () => {
    const first = await engineWith([seed, other], dir)
    await first.close()
    const seg = (await readdir(dir)).find((f) => f.startsWith('seg-'))!
    const bytes = await readFile(join(dir, seg))
    bytes[bytes.length - 5] ^= 0xff
    await writeFile(join(dir, seg), bytes)
    const second = createSearchEngine({ dir })
    let read = 0
    await second.open(async function* () {
      read++
      yield* [seed, other]
    }, 2)
    expect(read).toBe(1)
    expect(ids(await second.search('mediators'))).toEqual([other.id])
  })

  it('rebuilds when the manifest is garbage or the item count differs', async () => {
    const first = await engineWith([seed], dir)
    await first.close()
    await writeFile(join(dir, 'manifest.json'), '{"analysis":')
    const second = await engineWith([seed, other], dir)
    expect((await second.search('')).total).toBe(4)
    await second.close()
    const third = await engineWith([seed], dir) // count differs: stale → rebuild
    expect((await third.search('')).total).toBe(2)
  })
})
