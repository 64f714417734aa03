import type { BlobRef, ItemDraft } from '../model'
import type { ImageResult } from '../importers/offline/imageDownloader'

/** Messages between the archive (parent) and the import worker. */
export type ToWorker =
  | { type: 'import'; job: number; source: string; bytes: Uint8Array; contentType?: string }
  | { type: 'blob'; call: number; ref: BlobRef }
  | { type: 'blobFailed'; call: number; message: string }
  | { type: 'image'; call: number; result: ImageResult }

export type FromWorker =
  | {
      type: 'putBlob'
      job: number
      call: number
      bytes: Uint8Array
      mime: string
      fileName?: string
    }
  /**
   * Store the job's own input bytes (a photo kept as it came): the parent still holds them.
   * `sha256` is their hash, computed here so that the parent's thread does not.
   */
  | { type: 'putInput'; job: number; call: number; mime: string; fileName?: string; sha256: string }
  /** Keep an image through the archive's one downloader (the parent fetches and stores it). */
  | { type: 'archiveImage'; job: number; call: number; ref: string; pageUrl?: string }
  | { type: 'done'; job: number; drafts: ItemDraft[] }
  | { type: 'failed'; job: number; message: string; expected: boolean }
