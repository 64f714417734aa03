import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article, ArchiveItem } from '../model'
import { SearchWorkerClient } from './searchWorkerClient'
import { SEED_CREDIT, seedLikeArticle } from './testing/seedArticle'

function article(i: number, body: string): Article {
  return {
    kind: 'article',
    id: i.toString(16).padStart(16, '0'),
    title: `Dispatch ${i}`,
    tags: i % 2 === 0 ? ['Even'] : [],
    archivedAt: '2024-01-01T00:00:00.000Z',
    contentHash: `h${i}`,
    body: [body],
    photos: [],
  }
}

describe('the search worker (the engine the archive runs)', () => {
  let dir: string
  let client: SearchWorkerClient | null = null
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'morgue-search-worker-'))
  })
  afterEach(async () => {
    await client?.close()
    client = null
    await rm(dir, { recursive: true, force: true })
  })

  it('rebuilds from items pulled in batches, then searches, updates and reloads', async () => {
    // 300 items: more than two batches pulled from this thread.
    const list: ArchiveItem[] = Array.from({ length: 300 }, (_, i) =>
      article(i + 1, i === 250 ? 'The lighthouse keeper spoke.' : `Routine report number ${i}.`),
    )
    list.push(seedLikeArticle())
    client = await SearchWorkerClient.start({ dir, workers: 0 })
    expect(client).not.toBeNull()
    await client!.open(async function* () {
      yield* list
    }, list.length)
    expect(await client!.stats()).toMatchObject({ items: 301 })
    expect((await client!.search('routine')).total).toBe(299)
    expect((await client!.search('tag:even routine')).total).toBe(150)
    const lighthouse = await client!.search('lighthouse')
    expect(lighthouse.hits.map((h) => h.id)).toEqual([list[250].id])

    const photo = (await client!.search('souleiman')).hits.find((h) => h.kind === 'photo')
    expect(photo && photo.kind === 'photo' && photo.credit).toEqual(SEED_CREDIT)

    await client!.upsert([article(251, 'The keeper retired.')])
    expect((await client!.search('lighthouse')).total).toBe(0)
    await client!.remove([list[0].id])
    expect((await client!.search('routine')).total).toBe(298)
    const error = await client!.search('title:')
    expect(error.error?.message).toBeTruthy()
    await client!.close()

    // A fresh worker loads the saved index without pulling a single item.
    client = await SearchWorkerClient.start({ dir })
    let pulled = 0
    await client!.open(async function* () {
      pulled++
      yield* list
    }, list.length - 1)
    expect(pulled).toBe(0)
    expect((await client!.search('keeper')).hits.map((h) => h.id)).toEqual([list[250].id])
  })

  it('takes passages of long bodies from the store on this side', async () => {
    const long = article(7, `${'Filler words about nothing. '.repeat(2000)}The harvest failed.`)
    const loaded: string[][] = []
    client = await SearchWorkerClient.start({
      dir,
      loadItems: async (ids) => {
        loaded.push([...ids])
        return [long]
      },
    })
    await client!.open(async function* () {
      yield long
    }, 1)
    const r = await client!.search('harvest')
    expect(r.total).toBe(1)
    expect(loaded).toEqual([[long.id]])
    const passage = r.hits[0].snippets.find((s) => s.text.includes('harvest'))
    expect(passage).toBeDefined()
  })
})
