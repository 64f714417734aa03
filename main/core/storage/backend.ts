import type { Adapter } from 'lowdb'
import type { ArchiveSettings } from './itemStore'
import type { BlobWrite } from './blobFiles'
import type { ItemRecord } from './itemRecord'

/** A blob as listed by {@link StorageBackend.listBlobs}. */
export interface StoredBlob {
  sha256: string
  bytes: number
  /** When it was written, ms since the epoch. */
  writtenAt: number
}

/** One shard file's content. */
export interface ShardData {
  items: Record<string, ItemRecord>
}

/** The settings file's content (`archive.json`). */
export interface ArchiveFile {
  schemaVersion: number
  settings: ArchiveSettings
  /**
   * The shard keys that exist (sorted), so a shard file that goes missing is noticed instead of
   * its items silently disappearing. Written after a new shard's first write.
   */
  shards?: string[]
}

/**
 * Where a store keeps its bytes: the disk (`openItemStore`) or memory (`createMemoryStore`).
 * The store logic above it is the same for both, so the memory store behaves like the disk store.
 */
export interface StorageBackend {
  readonly dir: string
  shardAdapter(key: string): Adapter<ShardData>
  /** Store blobs that are not there yet; durable on return. */
  writeBlobs(blobs: readonly BlobWrite[]): Promise<void>
  /** @throws BlobNotFoundError */
  readBlob(sha256: string): Promise<Buffer>
  blobPath(sha256: string): string
  /** Every stored blob with its size and when it was written. */
  listBlobs(): AsyncIterable<StoredBlob>
  /** Remove a blob (no error if it is already gone); durable on return. */
  deleteBlobs(sha256s: readonly string[]): Promise<void>
  /** Release what the backend holds (the archive lock). */
  close(): Promise<void>
}

export function defaultSettings(): ArchiveSettings {
  return { tagColors: {}, savedSearches: [], aliases: [] }
}
