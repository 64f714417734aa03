import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import type { Article } from '../../main/core/model'
import { listConflicts, pickConflict } from '../../main/core/sync/conflicts'
import type { SyncController } from '../../main/core/sync/syncController'
import { readMediaOrFetch } from '../../main/platform/syncedMedia'
import { tempDir } from '../helpers'
import { startPouchServer, type PouchServer } from './pouchServer'
import { openDesktop, type Desktop } from './syncFixture'

let server: PouchServer
const open: Desktop[] = []

beforeAll(async () => {
  server = await startPouchServer()
})
afterAll(async () => {
  await server.close()
})
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** Import a story with one archived photo (a generated PNG beside a Markdown file). */
async function importPhotoStory(archive: Archive): Promise<Article> {
  const tmp = await tempDir('morgue-photo-')
  try {
    const png = new PNG({ width: 64, height: 48 })
    for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) % 256
    await writeFile(join(tmp.dir, 'harbour.png'), PNG.sync.write(png))
    await writeFile(
      join(tmp.dir, 'harbour.md'),
      '# Dockers strike at the harbour\n\nThe port stood still.\n\n![Dockers gather at the gate.](harbour.png "Anna Weber/dpa")\n',
    )
    const report = await archive.importPaths([join(tmp.dir, 'harbour.md')])
    const item = await archive.get(report.outcomes[0].ids[0])
    if (item?.kind !== 'article' || !item.photos[0]?.image) throw new Error('photo not archived')
    return item
  } finally {
    await tmp.cleanup()
  }
}

describe('photos and their corrections sync', () => {
  it('sends the photo file; a caption corrected on both desktops: the later wins, the other can be picked', async () => {
    const a = await openDesktop(server, 'a', {}, 'photo-caption')
    const b = await openDesktop(server, 'b', {}, 'photo-caption')
    open.push(a, b)
    const story = await importPhotoStory(a.archive)
    const image = story.photos[0].image!
    const ref = `${story.id}/p0`
    const first = await a.sync.once()
    expect(first.blobs).toBeGreaterThanOrEqual(1)
    await b.sync.once()
    expect(await b.archive.readBlob(image.sha256)).toEqual(await a.archive.readBlob(image.sha256))
    expect((await b.archive.search('dockers gate')).hits.map((h) => h.id)).toContain(story.id)

    await a.archive.editPhoto(ref, { caption: 'Dockers gather at the main gate on Monday.' })
    await new Promise((r) => setTimeout(r, 20))
    await b.archive.editPhoto(ref, { caption: 'Striking dockers at the north gate.' })
    await a.sync.once()
    await b.sync.once()
    await a.sync.once()
    for (const d of [a, b]) {
      expect((await d.archive.photo(ref))?.photo.caption).toBe(
        'Striking dockers at the north gate.',
      )
      expect(listConflicts(d.archive, d.sync.state)).toMatchObject([
        { ref, field: 'caption', other: 'Dockers gather at the main gate on Monday.' },
      ])
    }
    // The desk prefers A's caption after all: picking it puts it back everywhere.
    const [conflict] = listConflicts(a.archive, a.sync.state)
    await pickConflict(a.archive, a.sync.state, conflict.id, 'other', (ids) =>
      a.sync.markDirty(ids),
    )
    await a.sync.once()
    await b.sync.once()
    for (const d of [a, b]) {
      expect((await d.archive.photo(ref))?.photo.caption).toBe(
        'Dockers gather at the main gate on Monday.',
      )
      expect(listConflicts(d.archive, d.sync.state)).toEqual([])
    }
    expect((await b.archive.search('"main gate"')).hits.map((h) => h.id)).toContain(story.id)
  })

  it('a credit corrected on both desktops keeps the other credit as a conflict', async () => {
    const a = await openDesktop(server, 'a', {}, 'photo-credit')
    const b = await openDesktop(server, 'b', {}, 'photo-credit')
    open.push(a, b)
    const story = await importPhotoStory(a.archive)
    const ref = `${story.id}/p0`
    await a.sync.once()
    await b.sync.once()
    await a.archive.editPhoto(ref, { photographers: ['Anna Weber-Lutz'] })
    await new Promise((r) => setTimeout(r, 20))
    await b.archive.editPhoto(ref, { agency: 'Reuters' })
    await a.sync.once()
    await b.sync.once()
    await a.sync.once()
    for (const d of [a, b]) {
      expect((await d.archive.photo(ref))?.photo.credit).toMatchObject({
        photographer: 'Anna Weber',
        agency: 'Reuters',
      })
      expect(listConflicts(d.archive, d.sync.state)).toMatchObject([
        { ref, field: 'credit', other: 'Anna Weber-Lutz / dpa' },
      ])
    }
    const [conflict] = listConflicts(b.archive, b.sync.state)
    await pickConflict(b.archive, b.sync.state, conflict.id, 'other', (ids) =>
      b.sync.markDirty(ids),
    )
    expect((await b.archive.photo(ref))?.photo.credit).toMatchObject({
      photographer: 'Anna Weber-Lutz',
      agency: 'dpa',
    })
  })

  it('with "download originals" off, originals stay on the server until asked for', async () => {
    const a = await openDesktop(server, 'a', {}, 'photo-lazy')
    const b = await openDesktop(server, 'b', { downloadOriginals: false }, 'photo-lazy')
    open.push(a, b)
    const story = await importPhotoStory(a.archive)
    const { image, thumbnail } = story.photos[0]
    await a.sync.once()
    await b.sync.once()
    await expect(b.archive.readBlob(image!.sha256)).rejects.toThrow()
    if (thumbnail) expect((await b.archive.readBlob(thumbnail.sha256)).length).toBe(thumbnail.bytes)
    // Opening the photo (the media route) fetches the original from the server, checked.
    const sync = { fetchOriginal: (sha: string, mime: string) => b.sync.fetchOriginal(sha, mime) }
    const media = await readMediaOrFetch(b.archive, image!.sha256, sync as SyncController)
    expect(media?.mime).toBe('image/png')
    expect(media?.bytes).toEqual(await a.archive.readBlob(image!.sha256))
    expect(await readMediaOrFetch(b.archive, 'f'.repeat(64), sync as SyncController)).toBeNull()
  })
})
