import fs from 'node:fs/promises'
import path from 'node:path'
import { syncDir, writeFileDurably } from './durableFile'
import { BlobNotFoundError, DamagedBlobError } from './errors'
import { createHash } from 'node:crypto'
import type { StoredBlob } from './backend'
import { BLOBS_DIR, TMP_DIR, blobFilePath, isSha256 } from './layout'
import { mapLimit } from './mapLimit'

/** Bytes to store under their sha256 (the caller computed it). */
export interface BlobWrite {
  sha256: string
  bytes: Uint8Array
}

/** Parallel blob writes: enough to overlap fsyncs on libuv's 4 threads, few enough for fds. */
const WRITE_CONCURRENCY = 8

/**
 * The content-addressed files under `blobs/<ab>/<sha256>`. A blob is never modified once
 * written, so writing one that exists is skipped (idempotent) and readers need no lock.
 */
export class BlobFiles {
  private readonly knownDirs = new Set<string>()

  constructor(readonly dir: string) {}

  path(sha256: string): string {
    return blobFilePath(this.dir, sha256)
  }

  /**
   * Write the blobs that are not there yet; durable when it resolves (each file fsynced and
   * renamed into place, then each touched folder fsynced once).
   */
  async writeMany(blobs: readonly BlobWrite[]): Promise<void> {
    const unique = new Map(blobs.map((b) => [b.sha256, b]))
    const touched = new Set<string>()
    const tmpDir = path.join(this.dir, TMP_DIR)
    await mapLimit([...unique.values()], WRITE_CONCURRENCY, async ({ sha256, bytes }) => {
      const target = this.path(sha256)
      if (await exists(target)) return
      await this.ensureDir(path.dirname(target))
      await writeFileDurably(target, bytes, { tmpDir, syncDir: false })
      touched.add(path.dirname(target))
    })
    for (const dir of touched) await syncDir(dir)
  }

  /**
   * The blob's bytes, checked against its sha256.
   *
   * @throws BlobNotFoundError if there is no such blob.
   * @throws DamagedBlobError if its bytes no longer match its name.
   */
  async read(sha256: string): Promise<Buffer> {
    const file = this.path(sha256)
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256)
      throw error
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new DamagedBlobError(sha256, file)
    }
    return bytes
  }

  /** Every blob file (names that are not a sha256, such as strays, are skipped). */
  async *list(): AsyncIterable<StoredBlob> {
    const root = path.join(this.dir, BLOBS_DIR)
    for (const fan of await fs.readdir(root)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue
      for (const name of await fs.readdir(path.join(root, fan))) {
        if (!isSha256(name) || !name.startsWith(fan)) continue
        const stat = await fs.stat(path.join(root, fan, name)).catch(() => undefined)
        if (stat) yield { sha256: name, bytes: stat.size, writtenAt: stat.mtimeMs }
      }
    }
  }

  /** Remove blobs; each touched folder is fsynced once at the end. */
  async deleteMany(sha256s: readonly string[]): Promise<void> {
    const touched = new Set<string>()
    for (const sha256 of sha256s) {
      const file = this.path(sha256)
      await fs.rm(file, { force: true })
      touched.add(path.dirname(file))
    }
    for (const dir of touched) await syncDir(dir)
  }

  /** Create a fan-out folder; a new one is made durable by fsyncing `blobs/`. */
  private async ensureDir(dir: string): Promise<void> {
    if (this.knownDirs.has(dir)) return
    const created = await fs.mkdir(dir, { recursive: true })
    if (created !== undefined) await syncDir(path.join(this.dir, BLOBS_DIR))
    this.knownDirs.add(dir)
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}
