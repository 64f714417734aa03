import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArchive } from '../../main/core/archive'
import { exportJson } from '../../main/core/export'
import { defaultImporters } from '../../main/core/importers'
import type { Archive, ArchiveChange } from '../../main/core/archiveApi'
import { ImportError, type Importer } from '../../main/core/importers/importer'
import type { ArticleDraft, ImportProgress } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import { createSearchEngine } from '../../main/core/search'
import { createMemoryStore } from '../../main/core/storage'
import { corpora, seedFile, tempDir } from '../helpers'

let dir: string
let cleanup: () => Promise<void>
let archive: Archive

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
})
afterEach(async () => {
  await archive.close()
  await cleanup()
})

const story = (title: string, body: string) => `${title}\n\n${body}\n`

async function importStories(n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const r = await archive.importText(story(`Story ${i}`, `Paragraph about topic ${i}.`))
    ids.push(...r.outcomes[0].ids)
  }
  return ids
}

describe('tags', () => {
  it('bulk-tags, keeps the first display case and counts', async () => {
    const [a, b, c] = await importStories(3)
    await archive.addTags([a, b, c], ['Iran'])
    await archive.addTags([b], ['IRAN', 'gaza'])
    expect(archive.tags()).toEqual([
      { name: 'Iran', count: 3 },
      { name: 'gaza', count: 1 },
    ])
    expect((await archive.get(b))?.tags).toEqual(['Iran', 'gaza'])
    expect(archive.list({ tag: 'iran' }).total).toBe(3)
  })

  it('renames, merges and recolours; a colour follows its tag', async () => {
    const [a, b] = await importStories(2)
    await archive.addTags([a], ['syria'])
    await archive.addTags([b], ['Syria war'])
    await archive.setTagColor('syria', '#c0392b')
    await archive.renameTag('syria', 'Syria')
    expect(archive.tags().find((t) => t.name === 'Syria')).toEqual({
      name: 'Syria',
      count: 1,
      color: '#c0392b',
    })
    await archive.mergeTags(['Syria war'], 'syria')
    expect(archive.tags()).toEqual([{ name: 'Syria', count: 2, color: '#c0392b' }])
    await expect(archive.setTagColor('syria', 'red')).rejects.toThrow(/not a colour/)
  })

  it('deletes a tag and the ids it returns restore it (undo)', async () => {
    const [a, b] = await importStories(2)
    await archive.addTags([a, b], ['iran'])
    const had = await archive.deleteTag('IRAN')
    expect(had.sort()).toEqual([a, b].sort())
    expect(archive.tags()).toEqual([])
    await archive.addTags(had, ['iran'])
    expect(archive.tags()).toEqual([{ name: 'iran', count: 2 }])
  })

  it('refuses empty and over-long tags', async () => {
    const [a] = await importStories(1)
    await expect(archive.addTags([a], ['  '])).rejects.toThrow('A tag cannot be empty.')
    await expect(archive.addTags([a], ['x'.repeat(201)])).rejects.toThrow(/at most 200/)
    await expect(archive.addTags([a], [' / // '])).rejects.toThrow(/only separators/)
    await archive.addTags([a], ['x'.repeat(200)])
    expect(archive.tags()).toEqual([{ name: 'x'.repeat(200), count: 1 }])
  })
})

describe('items', () => {
  it('deletes and restores exactly (undo), searchable again', async () => {
    const r = await archive.importPaths([seedFile])
    const id = r.outcomes[0].ids[0]
    await archive.addTags([id], ['iran'])
    const before = await archive.get(id)
    const removed = await archive.delete([id])
    expect(await archive.get(id)).toBeUndefined()
    expect((await archive.search('souleiman')).total).toBe(0)
    await archive.restore(removed)
    expect(await archive.get(id)).toEqual(before)
    expect((await archive.search('souleiman')).hits.map((h) => h.id)).toContain(id)
  })

  it('tells listeners what changed', async () => {
    const changes: ArchiveChange[] = []
    const off = archive.onChange((c) => changes.push(c))
    const [a] = await importStories(1)
    await archive.addTags([a], ['x'])
    off()
    await archive.addTags([a], ['y'])
    expect(changes).toEqual([
      { kind: 'items', ids: [a] },
      { kind: 'items', ids: [a] },
    ])
  })

  it('keeps saved searches and aliases in the archive across reopening', async () => {
    await archive.saveSearch({ name: 'AFP Syria', query: 'agency:afp syria' })
    await archive.setAliases([['Kanani', 'kanaani', ' ']])
    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    expect(archive.savedSearches()).toEqual([{ name: 'AFP Syria', query: 'agency:afp syria' }])
    // Names keep the case they were written in (the search folds it).
    expect(archive.aliases()).toEqual([['Kanani', 'kanaani']])
  })

  it('keeps an emptied name-variant list empty (the starter list does not come back)', async () => {
    expect(archive.aliases().length).toBeGreaterThan(10)
    await archive.setAliases([])
    await archive.close()
    archive = await openArchive(join(dir, 'archive'))
    expect(archive.aliases()).toEqual([])
  })
})

describe('importPaths', () => {
  it('imports a folder recursively with progress, reporting each bad file', async () => {
    const src = join(dir, 'in')
    await mkdir(join(src, 'sub'), { recursive: true })
    await writeFile(join(src, 'a.txt'), story('Alpha', 'First story.'))
    await writeFile(join(src, 'sub', 'b.txt'), story('Beta', 'Second story.'))
    await writeFile(join(src, 'sub', 'c.txt'), '')
    await writeFile(join(src, '.hidden.txt'), story('Hidden', 'Not imported.'))
    const progress: ImportProgress[] = []
    const report = await archive.importPaths([src], { onProgress: (p) => progress.push(p) })
    expect(report).toMatchObject({ imported: 2, duplicates: 0, failed: 1, cancelled: false })
    expect(report.outcomes.find((o) => o.status === 'failed')?.source).toMatch(/c\.txt$/)
    expect(progress.at(0)).toEqual({ done: 0, total: 3 })
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 })
    expect(progress.some((p) => p.current?.endsWith('b.txt'))).toBe(true)
  })

  it('stops when cancelled and says so', async () => {
    const src = join(dir, 'many')
    await mkdir(src)
    for (let i = 0; i < 20; i++)
      await writeFile(join(src, `${i}.txt`), story(`T${i}`, `Body ${i}.`))
    const controller = new AbortController()
    const report = await archive.importPaths([src], {
      signal: controller.signal,
      onProgress: (p) => p.done === 5 && controller.abort(),
    })
    expect(report.cancelled).toBe(true)
    expect(report.imported).toBe(5)
    expect(archive.list().total).toBe(5)
  })
})

describe('a failing importer', () => {
  it('leaves no partial record', async () => {
    const store = createMemoryStore()
    const search = createSearchEngine({ dir: null })
    await search.open(() => store.all(), 0)
    const draft: ArticleDraft = { kind: 'article', title: 'Half', body: ['x'], photos: [] }
    const flaky: Importer = {
      name: 'flaky',
      accepts: () => true,
      async import(_input, ctx) {
        await ctx.putBlob(new TextEncoder().encode('image'), 'image/jpeg')
        if (draft) throw new ImportError('The second half of the file is corrupt.')
        return [draft]
      },
    }
    const mem = createArchive({ store, search, importers: [flaky] })
    const report = await mem.importText('anything')
    expect(report.outcomes[0]).toMatchObject({
      status: 'failed',
      reason: 'The second half of the file is corrupt.',
    })
    expect(mem.list().total).toBe(0)
    await mem.close()
  })
})

describe('folders of photos', () => {
  it('reads an XMP sidecar with its image instead of offering it on its own', async () => {
    const src = join(dir, 'photos')
    await mkdir(src)
    const images = join(corpora, 'iptc-images')
    await copyFile(join(images, 'BonTonARTSTORplusIPTC.jpg'), join(src, 'BonTon.jpg'))
    await copyFile(join(images, 'BonTonARTSTORplusIPTC.xmp'), join(src, 'BonTon.xmp'))
    const report = await archive.importPaths([src])
    expect(report).toMatchObject({ imported: 1, failed: 0 })
    expect(report.outcomes.map((o) => o.source)).toEqual([join(src, 'BonTon.jpg')])
  })
})

it('shows the default name variants until the user saves a list', async () => {
  expect(archive.aliases()).toContainEqual(expect.arrayContaining(['Souleiman', 'Sulaiman']))
})

describe('an export larger than the file limit', () => {
  it('is read line by line when it is our NDJSON, refused otherwise', async () => {
    const r = await archive.importPaths([seedFile])
    await archive.addTags(r.outcomes[0].ids, ['iran'])
    const out = join(dir, 'big.ndjson')
    const chunks: string[] = []
    const { items } = archive.list()
    await exportJson(
      (async function* () {
        for (const s of items) yield (await archive.get(s.id))!
      })(),
      (c) => void chunks.push(c),
      { ndjson: true },
    )
    await writeFile(out, chunks.join(''))
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(2000))

    const store = createMemoryStore()
    const search = createSearchEngine({ dir: null })
    await search.open(() => store.all(), 0)
    const small = createArchive({
      store,
      search,
      importers: defaultImporters(),
      maxFileBytes: 1000,
    })
    const report = await small.importPaths([out, join(dir, 'big.txt')])
    expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'failed'])
    expect(report.outcomes[1].reason).toMatch(/big\.txt is 2 KB; Morgue imports files up to 1 KB\./)
    expect(await small.get(r.outcomes[0].ids[0])).toEqual(await archive.get(r.outcomes[0].ids[0]))
    await small.close()
  })
})
