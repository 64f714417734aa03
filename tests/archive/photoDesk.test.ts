import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { exportJson } from '../../main/core/export'
import type { Article } from '../../main/core/model'
import { openArchive } from '../../main/core/openArchive'
import type { PhotoHit } from '../../main/core/search/types'
import { tempDir } from '../helpers'
import { FLOOD_MD } from '../photoDeskFixture'

let dir: string
let cleanup: () => Promise<void>
let archive: Archive
let archiveDir: string
let file: string
let id: string

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archiveDir = join(dir, 'archive')
  archive = await openArchive(archiveDir, { importInWorker: false })
  file = join(dir, 'flood.md')
  await writeFile(file, FLOOD_MD)
  const report = await archive.importPaths([file])
  expect(report.imported).toBe(1)
  id = report.outcomes[0].ids[0]
})
afterEach(async () => {
  await archive.close()
  await cleanup()
})

const photoHits = async (q: string) =>
  (await archive.search(q, { limit: 50 })).hits.filter((h): h is PhotoHit => h.kind === 'photo')

describe('every photo is a record of its own', () => {
  it('gives each photo of an article a ref that opens it', async () => {
    const photo = await archive.photo(`${id}/p1`)
    expect(photo).toMatchObject({ ref: `${id}/p1`, itemId: id, kind: 'article-photo' })
    expect(photo!.photo.credit?.photographer).toBe('Kevin Frayer')
    expect(photo!.title).toBe('Flood waters rise in the Rhine valley')
    expect(await archive.photo(`${id}/p9`)).toBeUndefined()
    expect(await archive.photo(id)).toBeUndefined() // an article is not a photo
  })

  it('finds a photo without a caption by its credit and by its article’s title', async () => {
    const byCredit = await photoHits('frayer')
    expect(byCredit.map((h) => h.ref)).toEqual([`${id}/p1`])
    const byTitle = await photoHits('title:"rhine valley" type:photo')
    expect(byTitle.map((h) => h.ref).sort()).toEqual([`${id}/p0`, `${id}/p1`, `${id}/p2`])
    const byTitleField = await photoHits('title:rhine photographer:frayer')
    expect(byTitleField.map((h) => h.ref)).toEqual([`${id}/p1`])
  })

  it('puts the ref on every hit: the item id for an article, ARTICLE/p0 for its photos', async () => {
    const result = await archive.search('title:rhine', { limit: 50 })
    expect(result.hits).toHaveLength(4)
    expect(result.hits.find((h) => h.kind === 'article')?.ref).toBe(id)
    for (const h of result.hits) if (h.kind === 'photo') expect(h.ref).toBe(`${id}/${h.photoId}`)
  })

  it('tags a photo inside an article on its own: tag: finds the photo, not the article', async () => {
    await archive.addTags([`${id}/p2`], ['Street scenes'])
    const hits = (await archive.search('tag:"street scenes"')).hits
    expect(hits.map((h) => h.ref)).toEqual([`${id}/p2`])
    expect((await archive.get(id))!.tags).toEqual([])
    expect(archive.tags()).toEqual([{ name: 'Street scenes', count: 1, photos: 1 }])

    await archive.renameTag('street scenes', 'Streets')
    expect((await archive.photo(`${id}/p2`))!.tags).toEqual(['Streets'])
    const refs = await archive.deleteTag('Streets')
    expect(refs).toEqual([`${id}/p2`])
    expect((await archive.photo(`${id}/p2`))!.tags).toEqual([])
    await archive.addTags(refs, ['Streets']) // what Undo does
    expect((await archive.photo(`${id}/p2`))!.tags).toEqual(['Streets'])
    await archive.removeTags([`${id}/p2`], ['streets'])
    expect(archive.tags()).toEqual([])
  })
})

describe('corrections that stick', () => {
  it('is searchable at once and marked as edited with the printed credit kept', async () => {
    const edited = await archive.editPhoto(`${id}/p1`, {
      photographers: ['Kevin Frayer', 'Ed Jones'],
      agency: 'AFP',
      via: ['Getty Images'],
    })
    expect(edited.photo.credit).toMatchObject({
      raw: 'KEVIN FRAYER/AFP via Getty Images',
      photographer: 'Kevin Frayer; Ed Jones',
      agency: 'AFP',
      agencyIds: ['afp'],
      via: ['Getty Images'],
      uncertain: false,
    })
    expect(edited.photo.edited?.fields).toEqual(['photographer', 'agency', 'via'])
    expect(edited.photo.edited?.original.credit?.photographer).toBe('Kevin Frayer')
    const hits = await photoHits('photographer:"ed jones"')
    expect(hits.map((h) => [h.ref, h.edited])).toEqual([[`${id}/p1`, true]])
  })

  it('gives a photo without any credit one, so credit:empty no longer lists it', async () => {
    expect((await photoHits('credit:empty')).map((h) => h.ref)).toEqual([`${id}/p2`])
    await archive.editPhoto(`${id}/p2`, {
      caption: 'A flooded street in Koblenz.',
      photographers: ['Anna Schmidt'],
      agency: 'Reuters',
    })
    expect(await photoHits('credit:empty')).toEqual([])
    expect((await photoHits('schmidt')).map((h) => h.ref)).toEqual([`${id}/p2`])
    expect((await photoHits('flooded street')).map((h) => h.caption)).toEqual([
      'A flooded street in Koblenz.',
    ])
  })

  it('is durable: it survives closing and reopening the archive', async () => {
    await archive.editPhoto(`${id}/p0`, { photographers: ['Thomas Frey'], for: 'Der Spiegel' })
    await archive.close()
    archive = await openArchive(archiveDir, { importInWorker: false })
    const photo = await archive.photo(`${id}/p0`)
    expect(photo!.photo.credit).toMatchObject({ for: 'Der Spiegel', agency: 'dpa' })
    expect(photo!.photo.edited?.fields).toEqual(['photographer', 'for'])
    expect((await photoHits('spiegel')).map((h) => h.ref)).toEqual([`${id}/p0`])
  })

  it('wins over a re-import of the same file and of a lossless export', async () => {
    await archive.editPhoto(`${id}/p1`, { photographers: ['Someone Else'] })
    const again = await archive.importPaths([file])
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', ids: [id] })

    const chunks: string[] = []
    await exportJson(
      (async function* () {
        yield (await archive.get(id))!
      })(),
      async (c) => {
        chunks.push(c)
      },
      { ndjson: true },
    )
    const exported = join(dir, 'export.ndjson')
    // The exported copy carries another photographer; the archive's correction still wins.
    await writeFile(exported, chunks.join('').replace(/Someone Else/g, 'Not Him'))
    const reimport = await archive.importPaths([exported])
    expect(reimport.imported).toBe(0)
    const photo = await archive.photo(`${id}/p1`)
    expect(photo!.photo.credit?.photographer).toBe('Someone Else')
    expect(archive.list().total).toBe(1)
  })

  it('travels with a lossless export into another archive, with the photo’s own tags', async () => {
    await archive.editPhoto(`${id}/p1`, { photographers: ['Someone Else'] })
    await archive.addTags([`${id}/p1`], ['Boats'])
    const chunks: string[] = []
    await exportJson(
      (async function* () {
        yield (await archive.get(id))!
      })(),
      async (c) => {
        chunks.push(c)
      },
      { ndjson: true },
    )
    const exported = join(dir, 'export.ndjson')
    await writeFile(exported, chunks.join(''))
    const other = await openArchive(join(dir, 'other'), { importInWorker: false })
    try {
      expect((await other.importPaths([exported])).imported).toBe(1)
      const photo = await other.photo(`${id}/p1`)
      expect(photo!.photo.credit?.photographer).toBe('Someone Else')
      expect(photo!.photo.edited?.fields).toEqual(['photographer'])
      expect(photo!.tags).toEqual(['Boats'])
      await other.reparseCredits()
      expect((await other.photo(`${id}/p1`))!.photo.credit?.photographer).toBe('Someone Else')
      expect((await other.search('tag:boats')).hits.map((h) => h.ref)).toEqual([`${id}/p1`])
    } finally {
      await other.close()
    }
  })

  it('wins over a re-parse of every credit, which still refreshes credits not corrected', async () => {
    await archive.editPhoto(`${id}/p1`, { agency: 'Getty Images', via: [] })
    // A credit parsed by an older parser: the re-parse brings it up to date.
    const item = (await archive.get(id)) as Article
    await archive.restore([
      {
        ...item,
        photos: item.photos.map((p) =>
          p.id === 'p0' ? { ...p, credit: { ...p.credit!, photographer: null, agency: null } } : p,
        ),
      },
    ])
    const changed = await archive.reparseCredits()
    expect(changed).toBeGreaterThanOrEqual(1)
    const p0 = await archive.photo(`${id}/p0`)
    expect(p0!.photo.credit).toMatchObject({ photographer: 'Thomas Frey', agency: 'dpa' })
    const p1 = await archive.photo(`${id}/p1`)
    expect(p1!.photo.credit).toMatchObject({
      photographer: 'Kevin Frayer',
      agency: 'Getty Images',
      via: [],
    })
    expect(p1!.photo.edited?.fields).toEqual(['agency', 'via'])
  })

  it('wins when the agency table changes and every credit is read again', async () => {
    await archive.editPhoto(`${id}/p1`, { photographers: ['Ed Jones'] })
    await archive.addAgency({ name: 'Thomas Frey Press', aliases: [] })
    const p1 = await archive.photo(`${id}/p1`)
    expect(p1!.photo.credit).toMatchObject({ photographer: 'Ed Jones', agency: 'AFP' })
    expect(p1!.photo.edited?.fields).toEqual(['photographer'])
  })

  it('refuses an empty correction and names that are not names, leaving the photo as it was', async () => {
    await expect(archive.editPhoto(`${id}/p1`, {})).rejects.toThrow(/Nothing to change/)
    await expect(archive.editPhoto(`${id}/p1`, { photographers: ['A; B'] })).rejects.toThrow(/;/)
    await expect(archive.editPhoto(`${id}/p7`, { agency: 'AFP' })).rejects.toThrow(/no photo p7/)
    const photo = await archive.photo(`${id}/p1`)
    expect(photo!.photo.edited).toBeUndefined()
    expect(photo!.photo.credit?.photographer).toBe('Kevin Frayer')
  })
})

describe('a new capture of a corrected story', () => {
  const story = (words: string) => `<!doctype html><html><head><title>Quake hits coast</title>
<link rel="canonical" href="https://news.example/world/quake"></head><body><article>
<h1>Quake hits coast</h1><p>An earthquake struck the coast on Tuesday; ${words}.</p>
<figure><img src="https://news.example/img/quake.jpg" alt="">
<figcaption>Rescuers search the rubble. <span class="credit">JANE ROE / AFP</span></figcaption>
</figure></article></body></html>`

  it('keeps the correction on the photo in the newest version', async () => {
    const stories = await openArchive(join(dir, 'stories'), {
      importInWorker: false,
      fetch: () => Promise.reject(new Error('offline')),
    })
    try {
      const first = join(dir, 'first.html')
      const second = join(dir, 'second.html')
      await writeFile(first, story('twelve people were injured'))
      await writeFile(second, story('forty people were injured'))
      const storyId = (await stories.importPaths([first])).outcomes[0].ids[0]
      await stories.editPhoto(`${storyId}/p0`, { photographers: ['John Doe'] })
      const update = await stories.importPaths([second])
      expect(update.outcomes[0]).toMatchObject({ status: 'imported', ids: [storyId] })
      const article = (await stories.get(storyId)) as Article
      expect(article.body.join(' ')).toContain('forty people')
      expect(article.photos[0].credit).toMatchObject({ photographer: 'John Doe', agency: 'AFP' })
      expect(article.photos[0].edited?.fields).toEqual(['photographer'])
    } finally {
      await stories.close()
    }
  })
})

describe('the house style', () => {
  it('is saved in the archive settings and survives a reopen', async () => {
    expect(archive.creditStyle().style).toBe('plain')
    await archive.setCreditStyle({ style: 'guardian', template: '{caption} ({agency})' })
    await archive.close()
    archive = await openArchive(archiveDir, { importInWorker: false })
    expect(archive.creditStyle()).toEqual({ style: 'guardian', template: '{caption} ({agency})' })
    await expect(
      archive.setCreditStyle({ style: 'template', template: '{caption} {nope}' }),
    ).rejects.toThrow(/\{nope\} is not a template field/)
  })
})
