import { Low, Memory } from 'lowdb'
import { defaultSettings, type ArchiveFile } from './backend'
import type { ItemStore } from './itemStore'
import { CURRENT_SCHEMA_VERSION } from './layout'
import { MemoryBackend } from './memoryBackend'
import { ShardedItemStore } from './shardedItemStore'

/**
 * An empty store that lives in memory only: the same logic as `openItemStore` (shards, content
 * blobs, indexes) over lowdb `Memory` adapters, for fast unit tests. `dir` is `/memory` and
 * `blobPath` returns paths that do not exist on disk. No lock: every call makes a new store.
 */
export function createMemoryStore(): ItemStore {
  const settings = new Low<ArchiveFile>(new Memory<ArchiveFile>(), {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: defaultSettings(),
  })
  return new ShardedItemStore(new MemoryBackend(), settings)
}
