import path from 'node:path'
import { createArchive } from './archive'
import type { Archive } from './archiveApi'
import { defaultImporters } from './importers'
import { openSearchEngine } from './search'
import type { ShardData, StorageBackend, StoredBlob } from './storage/backend'
import { BlobFiles } from './storage/blobFiles'
import { DurableJsonFile } from './storage/durableFile'
import { readLock } from './storage/archiveLock'
import { loadArchiveState } from './storage/loadArchive'
import { LOCK_FILE, TMP_DIR, shardPath } from './storage/layout'
import { ShardedItemStore } from './storage/shardedItemStore'
import type { Adapter } from 'lowdb'

/** A write on an archive opened read-only (another process has it open). */
export class ReadOnlyArchiveError extends Error {
  constructor(dir: string, holderPid?: number) {
    super(
      `The archive at ${dir} is open in another Morgue process${holderPid ? ` (pid ${holderPid})` : ''}, so it was opened read-only: close the app to change it.`,
    )
    this.name = 'ReadOnlyArchiveError'
  }
}

/**
 * Open an archive another process holds (the app), for reading only: no lock is taken and no
 * file is written; the search index is loaded from disk if it is current, else built in memory.
 * Every write fails with {@link ReadOnlyArchiveError}. What it shows is the archive as it was
 * on disk when opened.
 */
export async function openArchiveReadOnly(dir: string): Promise<Archive> {
  const root = path.resolve(dir)
  const holder = await readLock(path.join(root, LOCK_FILE))
  const refuse = () => new ReadOnlyArchiveError(root, holder?.pid)
  const state = await loadArchiveState(root)
  const settingsFile = state.settingsDb.adapter
  state.settingsDb.adapter = {
    read: () => settingsFile.read(),
    write: () => Promise.reject(refuse()),
  }
  const store = new ShardedItemStore(
    new ReadOnlyBackend(root, refuse),
    state.settingsDb,
    state.shards,
    {
      shardList: state.shardList,
      damage: state.damage,
    },
  )
  const search = await openSearchEngine({
    dir: path.join(root, 'index'),
    readOnly: true,
    loadItems: (ids) => store.getMany(ids),
  })
  try {
    await search.open(() => store.all(), store.size)
  } catch (error) {
    await search.close()
    throw error
  }
  const aliases = store.settings().aliases
  if (aliases.length > 0) search.setAliases(aliases)
  return createArchive({ store, search, importers: defaultImporters() })
}

/** Reads blobs and shards like `FileBackend`; every write throws. */
class ReadOnlyBackend implements StorageBackend {
  private readonly blobs: BlobFiles

  constructor(
    readonly dir: string,
    private readonly refuse: () => Error,
  ) {
    this.blobs = new BlobFiles(dir)
  }

  shardAdapter(key: string): Adapter<ShardData> {
    const file = new DurableJsonFile<ShardData>(
      shardPath(this.dir, key),
      path.join(this.dir, TMP_DIR),
    )
    return { read: () => file.read(), write: () => Promise.reject(this.refuse()) }
  }

  writeBlobs(): Promise<void> {
    return Promise.reject(this.refuse())
  }

  readBlob(sha256: string): Promise<Buffer> {
    return this.blobs.read(sha256)
  }

  blobPath(sha256: string): string {
    return this.blobs.path(sha256)
  }

  listBlobs(): AsyncIterable<StoredBlob> {
    return this.blobs.list()
  }

  deleteBlobs(): Promise<void> {
    return Promise.reject(this.refuse())
  }

  async close(): Promise<void> {}
}
