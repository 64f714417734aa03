import path from 'node:path'
import type { Adapter } from 'lowdb'
import type { ArchiveLock } from './archiveLock'
import type { ShardData, StorageBackend, StoredBlob } from './backend'
import { BlobFiles, type BlobWrite } from './blobFiles'
import { DurableJsonFile } from './durableFile'
import { TMP_DIR, shardPath } from './layout'

/** The disk backend of an open archive folder; holds its lock until `close()`. */
export class FileBackend implements StorageBackend {
  private readonly blobs: BlobFiles

  constructor(
    readonly dir: string,
    private readonly lock: ArchiveLock,
  ) {
    this.blobs = new BlobFiles(dir)
  }

  shardAdapter(key: string): Adapter<ShardData> {
    return new DurableJsonFile<ShardData>(shardPath(this.dir, key), path.join(this.dir, TMP_DIR))
  }

  writeBlobs(blobs: readonly BlobWrite[]): Promise<void> {
    return this.blobs.writeMany(blobs)
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

  deleteBlobs(sha256s: readonly string[]): Promise<void> {
    return this.blobs.deleteMany(sha256s)
  }

  close(): Promise<void> {
    return this.lock.release()
  }
}
