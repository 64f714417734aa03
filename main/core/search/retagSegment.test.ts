import { describe, expect, it } from 'vitest'
import type { Article, ArchiveItem, PhotoItem } from '../model'
import { createSearchEngine } from './index'
import type { SearchResult } from './types'

const credit = (photographer: string, agency: string) => ({
  raw: `${photographer} / ${agency}`,
  photographer,
  agency,
  agencies: [agency],
  agencyIds: [agency.toLowerCase()],
})

function article(n: number, tags: string[]): Article {
  return {
    kind: 'article',
    id: `00000000000000${String(n).padStart(2, '0')}`,
    title: `Harbour report ${n} from Raqqa`,
    tags,
    archivedAt: '2026-03-01T00:00:00.000Z',
    publishedAt: `2016-0${(n % 9) + 1}-02`,
    contentHash: `h${n}`,
    source: n % 2 ? 'Le Monde' : 'AFP',
    body: [
      `Dock workers stopped work in harbour ${n}.`,
      `The strike spread to Raqqa and Aleppo ${n % 3}.`,
    ],
    photos: [
      { id: 'p0', caption: `Cranes idle at dawn ${n}.`, credit: credit('Delil Souleiman', 'AFP') },
      { id: 'p1', caption: 'Workers gather.', credit: null, tags: n % 3 ? ['Labour'] : [] },
    ],
  }
}

const photo: PhotoItem = {
  kind: 'photo',
  id: '00000000000000f1',
  title: 'Harbour lights',
  tags: ['Night'],
  archivedAt: '2025-06-01T00:00:00.000Z',
  contentHash: 'f1',
  photo: { id: 'p0', caption: 'Harbour lights at night.', credit: credit('Aris Messinis', 'AFP') },
}

const corpus: ArchiveItem[] = [
  ...Array.from({ length: 12 }, (_, i) => article(i, i % 4 ? ['Ports'] : [])),
  photo,
]

/** Every item gets new tags (on itself and a photo); some lose theirs. */
function retagged(items: ArchiveItem[]): ArchiveItem[] {
  return items.map((item, i) => {
    if (item.kind === 'photo') return { ...item, tags: ['Places/Syria/Raqqa', 'Night'] }
    if (i % 5 === 0) return { ...item, tags: [] }
    return {
      ...item,
      tags: [...item.tags, 'Places/Syria', `Desk ${i % 2}`],
      photos: item.photos.map((p, j) => (j === 0 ? { ...p, tags: ['Cranes/Harbour'] } : p)),
    }
  })
}

async function engineWith(list: ArchiveItem[]) {
  const e = createSearchEngine({ dir: null })
  await e.open(async function* () {
    yield* list
  }, list.length)
  return e
}

const QUERIES = [
  'harbour',
  'raqqa',
  'tag:places/syria',
  'tag:=Places/Syria',
  'tag:desk',
  'tag:"desk 1"',
  'places',
  'cranes harbour',
  'is:untagged',
  '-tag:ports harbour',
  'tag:cranes',
  'souleiman',
  'tag:labour type:photo',
  'night',
  'harbor~1',
]

const view = (r: SearchResult) => ({
  total: r.total,
  hits: r.hits.map((h) => [h.ref, h.score.toFixed(9), [...h.tags].sort().join('|')]),
  facets: r.facets,
})

describe('retagging without re-analysis', () => {
  it('indexes a tag change exactly as a full upsert does (hits, scores, facets, tags shown)', async () => {
    const full = await engineWith(corpus)
    const fast = await engineWith(corpus)
    const next = retagged(corpus)
    await full.upsert(next)
    await fast.retag(next)
    for (const q of QUERIES) {
      expect(view(await fast.search(q, { limit: 50 })), q).toEqual(
        view(await full.search(q, { limit: 50 })),
      )
    }
    expect(await fast.completeField('tag', 'pla')).toEqual(await full.completeField('tag', 'pla'))
  })

  it('retags twice in a row and falls back to an upsert when the photos changed', async () => {
    const full = await engineWith(corpus)
    const fast = await engineWith(corpus)
    const once = retagged(corpus)
    await fast.retag(once)
    const twice = once.map((item) =>
      item.kind === 'article' && item.id.endsWith('03')
        ? { ...item, tags: ['Only'], photos: item.photos.slice(0, 1) }
        : { ...item, tags: [...item.tags, 'Again'] },
    )
    await fast.retag(twice)
    await full.upsert(twice)
    for (const q of [...QUERIES, 'tag:again', 'tag:only'])
      expect(view(await fast.search(q, { limit: 50 })), q).toEqual(
        view(await full.search(q, { limit: 50 })),
      )
  })

  it('retags from item-level tag lists alone: photos keep their own tags, as the index holds them', async () => {
    const full = await engineWith(corpus)
    const fast = await engineWith(corpus)
    // New article tags only (a rule run): photos, with their own tags, unchanged.
    const next = corpus.map((item, i) =>
      item.kind === 'photo'
        ? { ...item, tags: ['Night', 'Rule'] }
        : { ...item, tags: i % 2 ? ['Rule'] : [] },
    )
    const rest = await fast.retagOnly(
      next.map((item) => ({ kind: item.kind, id: item.id, tags: item.tags })),
    )
    expect(rest).toEqual([])
    await full.upsert(next)
    for (const q of [...QUERIES, 'tag:rule', 'tag:rule type:photo'])
      expect(view(await fast.search(q, { limit: 50 })), q).toEqual(
        view(await full.search(q, { limit: 50 })),
      )
    // An item the index does not hold cannot be retagged so: it is handed back for an upsert.
    expect(
      await fast.retagOnly([{ kind: 'article', id: '00000000000000ee', tags: ['x'] }]),
    ).toEqual(['00000000000000ee'])
  })
})
