import { Memory, type Adapter } from 'lowdb'
import type { ShardData, StorageBackend, StoredBlob } from './backend'
import type { BlobWrite } from './blobFiles'
import { BlobNotFoundError, DamagedBlobError } from './errors'
import { sha256Hex } from './itemRecord'
import { blobFilePath } from './layout'

/**
 * Keeps shards in lowdb `Memory` adapters and blobs in a map: the same store logic as on disk,
 * without the disk, for fast unit tests. Blobs are copied in and out, so callers never share
 * bytes with the store.
 */
export class MemoryBackend implements StorageBackend {
  private readonly blobs = new Map<string, { bytes: Buffer; writtenAt: number }>()

  constructor(readonly dir = '/memory') {}

  shardAdapter(): Adapter<ShardData> {
    return new Memory<ShardData>()
  }

  async writeBlobs(blobs: readonly BlobWrite[]): Promise<void> {
    for (const { sha256, bytes } of blobs) {
      if (!this.blobs.has(sha256)) {
        this.blobs.set(sha256, { bytes: Buffer.from(bytes), writtenAt: Date.now() })
      }
    }
  }

  async readBlob(sha256: string): Promise<Buffer> {
    blobFilePath(this.dir, sha256) // same validation as on disk
    const blob = this.blobs.get(sha256)
    if (!blob) throw new BlobNotFoundError(sha256)
    if (sha256Hex(blob.bytes) !== sha256) throw new DamagedBlobError(sha256, this.blobPath(sha256))
    return Buffer.from(blob.bytes)
  }

  async *listBlobs(): AsyncIterable<StoredBlob> {
    for (const [sha256, { bytes, writtenAt }] of this.blobs) {
      yield { sha256, bytes: bytes.byteLength, writtenAt }
    }
  }

  async deleteBlobs(sha256s: readonly string[]): Promise<void> {
    for (const sha256 of sha256s) this.blobs.delete(sha256)
  }

  blobPath(sha256: string): string {
    return blobFilePath(this.dir, sha256)
  }

  async close(): Promise<void> {}
}
