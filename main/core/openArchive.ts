import { join } from 'node:path'
import { createArchive } from './archive'
import { IndexJournal } from './archive/indexJournal'
import type { Archive } from './archiveApi'
import { defaultImporters } from './importers'
import { createWorkerImportRunner } from './importers/workerImportRunner'
import { DEFAULT_ALIASES, openSearchEngine } from './search'
import { groupsInForce } from './search/nameVariants'
import { SimilarIndex } from './similar/similarIndex'
import type { SearchEngine } from './search/types'
import { openItemStore } from './storage'

export interface OpenArchiveOptions {
  /** Used by URL import and by importers that download images; defaults to global fetch. */
  fetch?: typeof fetch
  /** Search index worker threads (default: chosen by the engine). */
  searchWorkers?: number
  /** Parse imported files in worker threads (default true; false parses in this thread). */
  importInWorker?: boolean
  /** How many import worker threads (default: one per core, `os.availableParallelism()`). */
  importWorkers?: number
}

/**
 * Open (or create) the archive in `dir`: the item store (takes the one-writer lock), then the
 * search index (loaded from `dir/index`, rebuilt if missing or stale).
 * Throws `ArchiveLockedError` when another process has the archive open.
 */
export async function openArchive(dir: string, options: OpenArchiveOptions = {}): Promise<Archive> {
  const store = await openItemStore(dir)
  let search: SearchEngine | undefined
  try {
    search = await openSearchEngine({
      dir: join(dir, 'index'),
      workers: options.searchWorkers,
      // The index keeps the start of each body; passages of the hits shown come from the store.
      loadItems: (ids) => store.getMany(ids),
    })
    await search.open(() => store.all(), store.size)
    search.setAliases(groupsInForce(store.settings(), DEFAULT_ALIASES))
    // Edits whose index update a crash may have cut short are indexed again.
    const { journal } = await IndexJournal.open(dir, store, search)
    return createArchive({
      journal,
      store,
      search,
      importers: defaultImporters(),
      fetch: options.fetch,
      runImport:
        options.importInWorker === false
          ? undefined
          : createWorkerImportRunner(undefined, options.importWorkers),
      similar: await SimilarIndex.open({ dir: join(dir, 'similar') }),
    })
  } catch (err) {
    await search?.close()
    await store.close()
    throw err
  }
}
