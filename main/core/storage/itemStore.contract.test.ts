import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArchiveItem } from '../model'
import { BlobNotFoundError, StoreClosedError } from './errors'
import type { ItemStore } from './itemStore'
import { createMemoryStore } from './memoryStore'
import { openItemStore } from './openItemStore'
import { fullArticle, fullPhotoItem, testIds } from './testItems'

/** The same behaviour suite on both stores: the memory store must not drift from the disk one. */
const implementations: [
  string,
  () => Promise<{ store: ItemStore; cleanup: () => Promise<void> }>,
][] = [
  ['memory store', async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  [
    'disk store',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'morgue-store-'))
      const store = await openItemStore(dir)
      return {
        store,
        cleanup: async () => {
          await store.close()
          await fs.rm(dir, { recursive: true, force: true })
        },
      }
    },
  ],
]

describe.each(implementations)('%s', (_name, make) => {
  let store: ItemStore
  let cleanup: () => Promise<void>

  beforeEach(async () => {
    ;({ store, cleanup } = await make())
  })
  afterEach(async () => {
    await cleanup()
  })

  it('starts empty with default settings', () => {
    expect(store.size).toBe(0)
    expect([...store.summaries()]).toEqual([])
    expect(store.settings()).toEqual({ tagColors: {}, savedSearches: [], aliases: [] })
  })

  it('gives back articles and photo items with every field', async () => {
    const article = fullArticle('0123456789abcdef')
    const photo = fullPhotoItem('fedcba9876543210')
    await store.put([article, photo])

    expect(store.size).toBe(2)
    expect(await store.get(article.id)).toEqual(article)
    expect(await store.get(photo.id)).toEqual(photo)
    expect(await store.get('0000000000000000')).toBeUndefined()
    expect(await store.getMany([photo.id, 'ffffffffffffffff', article.id])).toEqual([
      photo,
      article,
    ])
  })

  it('summarises items without their bodies', async () => {
    const article = fullArticle('0123456789abcdef')
    const photo = fullPhotoItem('fedcba9876543210', { publishedAt: undefined, source: undefined })
    await store.put([article, photo])

    expect(store.summary(article.id)).toEqual({
      id: article.id,
      kind: 'article',
      title: article.title,
      source: 'AFP',
      publishedAt: '2026-11-19',
      archivedAt: article.archivedAt,
      tags: ['Syria', 'Kurds'],
      photoCount: 2,
      thumbnail: article.photos[0].thumbnail,
      // The story's address, normalised: a new capture of it becomes a version.
      url: 'example.org/world/qamishli',
    })
    expect(store.summary(photo.id)).toEqual({
      id: photo.id,
      kind: 'photo',
      title: photo.title,
      archivedAt: photo.archivedAt,
      tags: ['Syria'],
      photoCount: 1,
      thumbnail: photo.photo.thumbnail,
    })
    expect([...store.summaries()].map((s) => s.id).sort()).toEqual([article.id, photo.id].sort())
  })

  it('replaces an item on put (a tag edit) and keeps its body', async () => {
    const article = fullArticle('0123456789abcdef')
    await store.put([article])
    await store.put([{ ...article, tags: ['Syria', 'Kurds', 'Frontline'] }])

    expect(store.size).toBe(1)
    expect(store.summary(article.id)?.tags).toEqual(['Syria', 'Kurds', 'Frontline'])
    expect(await store.get(article.id)).toEqual({
      ...article,
      tags: ['Syria', 'Kurds', 'Frontline'],
    })
  })

  it('changes tags and rule provenance from summaries alone, body and content blob kept', async () => {
    const article = { ...fullArticle('0123456789abcdef'), ruleTags: { old: 'r1' }, tags: ['old'] }
    await store.put([article])
    const before = await store.compact?.({ graceMs: 0 })
    await store.putTags([
      { id: article.id, tags: ['Places/Syria', 'old'], ruleTags: { 'places/syria': 'r2' } },
      { id: 'ffffffffffffffff', tags: ['nobody'] },
    ])
    expect(store.size).toBe(1)
    expect(store.summary(article.id)?.tags).toEqual(['Places/Syria', 'old'])
    expect(store.summary(article.id)?.ruleTags).toEqual({ 'places/syria': 'r2' })
    expect(await store.get(article.id)).toEqual({
      ...article,
      tags: ['Places/Syria', 'old'],
      ruleTags: { 'places/syria': 'r2' },
    })
    // The content blob stayed the item's: none was written, none left unreferenced.
    const after = await store.compact?.({ graceMs: 0 })
    expect(after?.removedBlobs).toBe(before === undefined ? undefined : 0)
    expect(after?.keptBlobs).toBe(before?.keptBlobs)
  })

  it('hands out copies: changing a returned item changes nothing stored', async () => {
    const article = fullArticle('0123456789abcdef')
    await store.put([article])
    article.tags.push('changed by caller after put')
    const got = (await store.get(article.id)) as ArchiveItem & { kind: 'article' }
    got.tags.push('x')
    got.body.push('y')
    got.origin!.path = 'z'

    const again = (await store.get(article.id)) as ArchiveItem & { kind: 'article' }
    expect(again.tags).toEqual(['Syria', 'Kurds'])
    expect(again.body).toHaveLength(3)
    expect(again.origin?.path).toBe('/imports/qamishli.html')
    expect(store.summary(article.id)?.tags).toEqual(['Syria', 'Kurds'])
  })

  it('finds items by content hash and follows hash changes', async () => {
    await store.put([fullArticle('0123456789abcdef', { contentHash: 'h1' })])
    expect(store.idByHash('h1')).toBe('0123456789abcdef')
    await store.put([fullArticle('0123456789abcdef', { contentHash: 'h2' })])
    expect(store.idByHash('h1')).toBeUndefined()
    expect(store.idByHash('h2')).toBe('0123456789abcdef')
  })

  it('keeps a hash mapped while another item still has it', async () => {
    await store.put([
      fullArticle('1111111111111111', { contentHash: 'same' }),
      fullArticle('2222222222222222', { contentHash: 'same' }),
    ])
    await store.delete(['1111111111111111'])
    expect(store.idByHash('same')).toBe('2222222222222222')
    await store.delete(['2222222222222222'])
    expect(store.idByHash('same')).toBeUndefined()
  })

  it('deletes items and returns them whole, in the order asked', async () => {
    const a = fullArticle('aaaaaaaaaaaaaaaa')
    const b = fullPhotoItem('bbbbbbbbbbbbbbbb')
    const c = fullArticle('cccccccccccccccc')
    await store.put([a, b, c])

    const removed = await store.delete(['cccccccccccccccc', 'dddddddddddddddd', 'aaaaaaaaaaaaaaaa'])
    expect(removed).toEqual([c, a])
    expect(store.size).toBe(1)
    expect(await store.get(a.id)).toBeUndefined()
    expect(store.summary(c.id)).toBeUndefined()
    expect(store.idByHash(a.contentHash)).toBeUndefined()
    expect([...store.summaries()].map((s) => s.id)).toEqual([b.id])

    await store.put(removed) // undo
    expect(await store.get(a.id)).toEqual(a)
  })

  it('spreads many items over shards and streams them all back', async () => {
    const items = testIds(600).map((id, i) =>
      i % 5 === 0 ? fullPhotoItem(id) : fullArticle(id, { body: [`Paragraph of ${id}.`] }),
    )
    await store.put(items)
    expect(store.size).toBe(600)
    const streamed: ArchiveItem[] = []
    for await (const item of store.all()) streamed.push(item)
    const byId = (x: ArchiveItem, y: ArchiveItem) => x.id.localeCompare(y.id)
    expect(streamed.sort(byId)).toEqual([...items].sort(byId))
  })

  it('accepts ids that are not hex', async () => {
    const item = fullArticle('import_Z-42')
    await store.put([item])
    expect(await store.get('import_Z-42')).toEqual(item)
  })

  it('refuses items it could not give back, storing none of the batch', async () => {
    const good = fullArticle('0123456789abcdef')
    await expect(store.put([good, fullArticle('../etc/passwd')])).rejects.toThrow(/bad id/)
    await expect(
      store.put([{ ...good, tags: undefined } as unknown as ArchiveItem]),
    ).rejects.toThrow(/no tag list/)
    expect(store.size).toBe(0)
    expect(await store.get('constructor')).toBeUndefined()
  })

  it('stores blobs once, by content', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    const ref = await store.putBlob(bytes, 'image/jpeg', 'photo.jpg')
    const again = await store.putBlob(bytes, 'image/jpeg')

    expect(ref).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mime: 'image/jpeg',
      bytes: 7,
      fileName: 'photo.jpg',
    })
    expect(again).toEqual({ sha256: ref.sha256, mime: 'image/jpeg', bytes: 7 })
    expect([...(await store.readBlob(ref.sha256))]).toEqual([...bytes])
    expect(store.blobPath(ref.sha256)).toBe(
      path.join(store.dir, 'blobs', ref.sha256.slice(0, 2), ref.sha256),
    )
  })

  it('says which blob is missing, and refuses names that are not a sha256', async () => {
    await expect(store.readBlob('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError)
    expect(() => store.blobPath('../../etc/passwd')).toThrow(/Not a blob id/)
  })

  it('updates settings and hands out copies', async () => {
    await store.updateSettings((s) => {
      s.tagColors['syria'] = '#c0392b'
      s.savedSearches.push({ name: 'AFP Syria', query: 'syria credit:afp' })
    })
    const settings = store.settings()
    expect(settings.tagColors).toEqual({ syria: '#c0392b' })
    expect(settings.savedSearches).toEqual([{ name: 'AFP Syria', query: 'syria credit:afp' }])
    settings.aliases.push(['x'])
    expect(store.settings().aliases).toEqual([])
  })

  it('leaves settings unchanged when the change throws', async () => {
    await expect(
      store.updateSettings((s) => {
        s.aliases.push(['souleiman', 'sulaiman'])
        throw new Error('rejected by caller')
      }),
    ).rejects.toThrow('rejected by caller')
    expect(store.settings().aliases).toEqual([])
  })

  it('compacts away blobs no item references, keeping fresh and referenced ones', async () => {
    const image = await store.putBlob(Buffer.from('image of A'), 'image/jpeg')
    const orphan = await store.putBlob(Buffer.from('never used'), 'image/jpeg')
    const a = fullArticle('aaaaaaaaaaaaaaaa', {
      photos: [{ id: 'p0', caption: 'A', credit: null, image }],
    })
    await store.put([a, fullArticle('bbbbbbbbbbbbbbbb', { body: ['B only'] })])
    await store.put([{ ...a, notes: 'edited notes make a new content blob' }])
    await store.delete(['bbbbbbbbbbbbbbbb'])

    // Everything is younger than the default hour: nothing goes.
    expect(await store.compact!()).toEqual({ removedBlobs: 0, removedBytes: 0, keptBlobs: 5 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const report = await store.compact!({ graceMs: 0 })
    expect(report).toMatchObject({ removedBlobs: 3, keptBlobs: 2 })
    expect(report.removedBytes).toBeGreaterThan('never used'.length)

    expect(await store.get(a.id)).toEqual({ ...a, notes: 'edited notes make a new content blob' })
    expect((await store.readBlob(image.sha256)).toString()).toBe('image of A')
    await expect(store.readBlob(orphan.sha256)).rejects.toBeInstanceOf(BlobNotFoundError)
  })

  it('refuses calls after close', async () => {
    await store.put([fullArticle('0123456789abcdef')])
    await store.close()
    await expect(store.get('0123456789abcdef')).rejects.toBeInstanceOf(StoreClosedError)
    await expect(store.put([])).rejects.toBeInstanceOf(StoreClosedError)
  })
})
