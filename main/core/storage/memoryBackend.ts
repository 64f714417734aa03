import { Memory, type Adapter } from 'lowdb'
import type { ShardData, StorageBackend } from './backend'
import type { BlobWrite } from './blobFiles'
import { BlobNotFoundError } from './errors'
import { blobFilePath } from './layout'

/**
 * Keeps shards in lowdb `Memory` adapters and blobs in a map: the same store logic as on disk,
 * without the disk, for fast unit tests. Blobs are copied in and out, so callers never share
 * bytes with the store.
 */
export class MemoryBackend implements StorageBackend {
  private readonly blobs = new Map<string, Buffer>()

  constructor(readonly dir = '/memory') {}

  shardAdapter(): Adapter<ShardData> {
    return new Memory<ShardData>()
  }

  async writeBlobs(blobs: readonly BlobWrite[]): Promise<void> {
    for (const { sha256, bytes } of blobs) {
      if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.from(bytes))
    }
  }

  async readBlob(sha256: string): Promise<Buffer> {
    blobFilePath(this.dir, sha256) // same validation as on disk
    const bytes = this.blobs.get(sha256)
    if (!bytes) throw new BlobNotFoundError(sha256)
    return Buffer.from(bytes)
  }

  blobPath(sha256: string): string {
    return blobFilePath(this.dir, sha256)
  }

  async close(): Promise<void> {}
}
