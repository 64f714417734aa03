import { describe, expect, it } from 'vitest'
import type { Article, ArchiveItem } from '../model'
import { createSearchEngine } from './index'

function article(id: string, tags: string[], extra: Partial<Article> = {}): Article {
  return {
    kind: 'article',
    id,
    title: `Report ${id.slice(-2)}`,
    tags,
    archivedAt: '2026-03-01T00:00:00.000Z',
    contentHash: id,
    body: ['Dock workers stopped work in the port.'],
    photos: [],
    ...extra,
  }
}

const raqqa = article('00000000000000b1', ['Places/Syria/Raqqa'])
const syria = article('00000000000000b2', ['places/syria', 'Politics'])
const aleppo = article('00000000000000b3', ['Places/Syria/Aleppo', 'Places/Syria/Raqqa'])
const iraq = article('00000000000000b4', ['Places/Iraq'])
// Not below Places/Syria: a longer name that only starts with the same letters.
const syriana = article('00000000000000b5', ['Places/Syriana'])
const photoOnly = article('00000000000000b6', [], {
  photos: [{ id: 'p0', caption: 'Dock cranes.', credit: null, tags: ['Places/Syria/Raqqa'] }],
})
const words = article('00000000000000b7', ['Iran nuclear deal'])

async function engineWith(list: ArchiveItem[]) {
  const e = createSearchEngine({ dir: null })
  await e.open(async function* () {
    yield* list
  }, list.length)
  return e
}

const all = [raqqa, syria, aleppo, iraq, syriana, photoOnly, words]
const ids = (r: { hits: { ref: string }[] }) => r.hits.map((h) => h.ref).sort()

describe('tag: on the tag tree', () => {
  it('tag:Places/Syria finds the node and everything below it, in any case', async () => {
    const e = await engineWith(all)
    const r = await e.search('tag:places/SYRIA', { limit: 50 })
    expect(ids(r)).toEqual([raqqa.id, syria.id, aleppo.id, `${photoOnly.id}/p0`].sort())
    expect(r.error).toBeUndefined()
  })

  it('tag:=Places/Syria finds the node only', async () => {
    const e = await engineWith(all)
    expect(ids(await e.search('tag:=Places/Syria', { limit: 50 }))).toEqual([syria.id])
    expect(ids(await e.search('tag:="Places/Syria/Raqqa"', { limit: 50 }))).toEqual(
      [raqqa.id, aleppo.id, `${photoOnly.id}/p0`].sort(),
    )
  })

  it('a top-level node finds its subtree; a plain value still matches tag words', async () => {
    const e = await engineWith(all)
    expect((await e.search('tag:places', { limit: 50 })).total).toBe(6)
    expect(ids(await e.search('tag:nuclear', { limit: 50 }))).toEqual([words.id])
  })

  it('combines with words, negation and OR', async () => {
    const e = await engineWith(all)
    expect(
      ids(await e.search('dock tag:Places/Syria -tag:Places/Syria/Aleppo', { limit: 50 })),
    ).toEqual([raqqa.id, syria.id, `${photoOnly.id}/p0`].sort())
    expect(ids(await e.search('tag:Places/Iraq OR tag:=Places/Syria', { limit: 50 }))).toEqual(
      [syria.id, iraq.id].sort(),
    )
  })

  it('counts each item once in the tag facet of a subtree search', async () => {
    const e = await engineWith(all)
    const r = await e.search('tag:Places/Syria', { limit: 50 })
    const facet = Object.fromEntries(r.facets.tag.map((f) => [f.value, f.count]))
    expect(facet['Places/Syria/Raqqa']).toBe(3)
    expect(facet['Places/Syria/Aleppo']).toBe(1)
    expect(facet['Places/Iraq']).toBeUndefined()
  })

  it('follows edits: a retagged item leaves the subtree', async () => {
    const e = await engineWith(all)
    await e.upsert([{ ...raqqa, tags: ['Places/Iraq/Mosul'] }])
    expect(ids(await e.search('tag:Places/Iraq', { limit: 50 }))).toEqual(
      [raqqa.id, iraq.id].sort(),
    )
    expect(ids(await e.search('tag:Places/Syria/Raqqa', { limit: 50 }))).toEqual(
      [aleppo.id, `${photoOnly.id}/p0`].sort(),
    )
  })
})
