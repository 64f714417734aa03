import { createHash } from 'node:crypto'
import type { BlobRef } from '../../model'
import type { ImportContext } from '../importer'

export interface MemoryImportContext extends ImportContext {
  /** What importers stored, by sha256, so tests can read images and snapshots back. */
  blobs: Map<string, { bytes: Uint8Array; mime: string }>
}

/**
 * An import context for tests and benchmarks: blobs are kept in memory under their sha256,
 * as the archive would name them; `fetch` is passed through (URL and image downloads).
 */
export function memoryImportContext(fetch?: ImportContext['fetch']): MemoryImportContext {
  const blobs: MemoryImportContext['blobs'] = new Map()
  return {
    blobs,
    fetch,
    async putBlob(bytes, mime, fileName): Promise<BlobRef> {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      blobs.set(sha256, { bytes: new Uint8Array(bytes), mime })
      return { sha256, mime, bytes: bytes.byteLength, ...(fileName ? { fileName } : {}) }
    },
  }
}
