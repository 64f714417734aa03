import { describe, expect, it } from 'vitest'
import type { Article, ArchiveItem, PhotoItem } from '../model'
import { createSearchEngine } from './index'

function article(id: string, extra: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id,
    title: 'Harbour strike',
    tags: [],
    archivedAt: '2026-03-01T00:00:00.000Z',
    contentHash: id,
    body: ['Dock workers stopped work.'],
    photos: [],
    ...extra,
  }
}

const credit = (photographer: string, agency: string) => ({
  raw: `${photographer} / ${agency}`,
  photographer,
  agency,
  agencies: [agency],
  agencyIds: [agency.toLowerCase()],
})

async function engineWith(list: ArchiveItem[]) {
  const e = createSearchEngine({ dir: null })
  await e.open(async function* () {
    yield* list
  }, list.length)
  return e
}

// An article whose text and captioned photo both match "harbour": two result rows, one item.
const withPhoto = article('00000000000000a1', {
  publishedAt: '2016-04-02',
  tags: ['Ports'],
  source: 'Le Monde',
  photos: [
    { id: 'p0', caption: 'The harbour at dawn.', credit: credit('Delil Souleiman', 'AFP') },
    { id: 'p1', caption: 'Harbour cranes idle.', credit: credit('Delil Souleiman', 'AFP') },
  ],
})
const undated = article('00000000000000a2', { tags: ['Ports'], source: 'Le Monde' })
const badDate = article('00000000000000a3', { publishedAt: 'sometime in spring' })
const photo: PhotoItem = {
  kind: 'photo',
  id: '00000000000000a4',
  title: 'Harbour lights',
  tags: ['Ports', 'Night'],
  archivedAt: '2025-06-01T00:00:00.000Z',
  contentHash: 'a4',
  photo: { id: 'p0', caption: 'Harbour lights at night.', credit: credit('Aris Messinis', 'AFP') },
}

describe('facet counts', () => {
  it('count an article with its photo hits once per value', async () => {
    const e = await engineWith([withPhoto, undated, photo])
    const r = await e.search('harbour', { limit: 50 })
    // Rows: the article, its two photos, the other article, the standalone photo.
    expect(r.hits.filter((h) => h.id === withPhoto.id)).toHaveLength(3)
    expect(r.facets.agency).toEqual([{ value: 'AFP', count: 2 }])
    expect(r.facets.photographer).toEqual([
      { value: 'Aris Messinis', count: 1 },
      { value: 'Delil Souleiman', count: 1 },
    ])
    expect(r.facets.tag).toEqual([
      { value: 'Ports', count: 3 },
      { value: 'Night', count: 1 },
    ])
    expect(r.facets.source).toEqual([{ value: 'Le Monde', count: 2 }])
  })
})

describe('items without a published date', () => {
  it('are filed by their archived date, and the year facet says so', async () => {
    const e = await engineWith([withPhoto, undated, badDate, photo])
    const r = await e.search('', { limit: 50 })
    expect(r.facets.year).toEqual([
      { value: '2026', count: 2, archived: 2 },
      { value: '2025', count: 1, archived: 1 },
      { value: '2016', count: 1, archived: 0 },
    ])
    const ids = async (q: string) => (await e.search(q, { limit: 50 })).hits.map((h) => h.id)
    expect(await ids('year:2026')).toEqual(expect.arrayContaining([undated.id, badDate.id]))
    expect(await ids('year:2026')).toHaveLength(2)
    expect(await ids('after:2026-01-01 type:article')).toHaveLength(2)
    expect(await ids('before:2020-01-01 type:article')).toEqual([withPhoto.id])
    expect(new Set(await ids('is:undated'))).toEqual(new Set([undated.id, badDate.id, photo.id]))
    const newest = await e.search('type:article', { sort: 'newest', limit: 50 })
    expect(newest.hits.at(-1)?.id).toBe(withPhoto.id)
  })
})

describe('field completion', () => {
  it('offers values of a field by any word, with item counts, most first', async () => {
    const e = await engineWith([withPhoto, undated, photo])
    expect(await e.completeField('tag', 'po')).toEqual([{ value: 'Ports', count: 3 }])
    expect(await e.completeField('tag', '')).toEqual([
      { value: 'Ports', count: 3 },
      { value: 'Night', count: 1 },
    ])
    expect(await e.completeField('photographer', 'soul')).toEqual([
      { value: 'Delil Souleiman', count: 1 },
    ])
    expect(await e.completeField('photographer', '"Ar')).toEqual([
      { value: 'Aris Messinis', count: 1 },
    ])
    expect(await e.completeField('agency', 'a')).toEqual([{ value: 'AFP', count: 2 }])
    expect(await e.completeField('source', 'mon')).toEqual([{ value: 'Le Monde', count: 2 }])
    expect(await e.completeField('source', 'xyz')).toEqual([])
  })

  it('follows edits and deletions', async () => {
    const e = await engineWith([withPhoto, undated, photo])
    await e.remove([photo.id])
    expect(await e.completeField('tag', '')).toEqual([{ value: 'Ports', count: 2 }])
    await e.upsert([{ ...undated, tags: ['Dockers'] }])
    expect(await e.completeField('tag', 'do')).toEqual([{ value: 'Dockers', count: 1 }])
  })
})
