import { readFileSync } from 'node:fs'
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createArchive } from '../../main/core/archive'
import { IndexJournal } from '../../main/core/archive/indexJournal'
import { defaultImporters } from '../../main/core/importers'
import { openArchive } from '../../main/core/openArchive'
import { openSearchEngine } from '../../main/core/search'
import { openItemStore } from '../../main/core/storage'
import { tempDir } from '../helpers'

let dir: string
let archiveDir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-journal-'))
  archiveDir = join(dir, 'archive')
})
afterEach(() => cleanup())

const pendingFile = () => join(archiveDir, 'index-pending.json')
const tagHits = async (archive: Awaited<ReturnType<typeof openArchive>>, tag: string) =>
  (await archive.search(`tag:"${tag}"`, { limit: 10, facets: false })).hits.map((h) => h.id)

describe('index journal', () => {
  it('lists an item before its store write and forgets it once the index is on disk', async () => {
    const store = await openItemStore(archiveDir)
    const search = await openSearchEngine({ dir: join(archiveDir, 'index') })
    await search.open(() => store.all(), store.size)
    const { journal } = await IndexJournal.open(archiveDir, store, search)
    // What the journal file says at the moment each store write starts.
    const atPut: unknown[] = []
    const put = store.put.bind(store)
    store.put = (items) => {
      atPut.push(JSON.parse(readFileSync(pendingFile(), 'utf8')))
      return put(items)
    }
    const archive = createArchive({ store, search, importers: defaultImporters(), journal })
    const [id] = (await archive.importText('Harbour strike\n\nDock workers stopped work.\n'))
      .outcomes[0].ids
    await archive.addTags([id], ['Ports'])
    await archive.idle()
    expect(atPut).toEqual([[id], [id]])
    expect(JSON.parse(await readFile(pendingFile(), 'utf8'))).toEqual([])
    await archive.close()
  })

  it('after a crash that lost the index writes, the next open indexes the listed items again', async () => {
    let archive = await openArchive(archiveDir, { importInWorker: false })
    const outcome = await archive.importText('Harbour strike\n\nDock workers stopped work.\n')
    const [id] = outcome.outcomes[0].ids
    const gone = (await archive.importText('Old story\n\nTo be deleted.\n')).outcomes[0].ids[0]
    await archive.close()
    // The index as it was before the edits below.
    await cp(join(archiveDir, 'index'), join(dir, 'index-before'), { recursive: true })

    archive = await openArchive(archiveDir, { importInWorker: false })
    await archive.addTags([id], ['Ports'])
    await archive.delete([gone])
    await archive.close()
    // A crash right after the store writes: the index's own writes never happened, and the
    // journal still lists both items.
    await rm(join(archiveDir, 'index'), { recursive: true })
    await cp(join(dir, 'index-before'), join(archiveDir, 'index'), { recursive: true })
    await writeFile(pendingFile(), JSON.stringify([id, gone]))

    archive = await openArchive(archiveDir, { importInWorker: false })
    expect(await tagHits(archive, 'Ports')).toEqual([id])
    expect((await archive.search('deleted', { limit: 10 })).total).toBe(0)
    expect(JSON.parse(await readFile(pendingFile(), 'utf8'))).toEqual([])
    await archive.close()
  })

  it('without the journal the stale index goes unnoticed (what the journal is for)', async () => {
    let archive = await openArchive(archiveDir, { importInWorker: false })
    const [id] = (await archive.importText('Harbour strike\n\nDock workers stopped work.\n'))
      .outcomes[0].ids
    await archive.close()
    await cp(join(archiveDir, 'index'), join(dir, 'index-before'), { recursive: true })
    archive = await openArchive(archiveDir, { importInWorker: false })
    await archive.addTags([id], ['Ports'])
    await archive.close()
    await rm(join(archiveDir, 'index'), { recursive: true })
    await cp(join(dir, 'index-before'), join(archiveDir, 'index'), { recursive: true })
    archive = await openArchive(archiveDir, { importInWorker: false })
    expect(await tagHits(archive, 'Ports')).toEqual([])
    await archive.close()
  })
})
