import type { BlobRef, ItemDraft } from '../model'

/** Messages between the archive (parent) and the import worker. */
export type ToWorker =
  | { type: 'import'; job: number; source: string; bytes: Uint8Array; contentType?: string }
  | { type: 'blob'; call: number; ref: BlobRef }
  | { type: 'blobFailed'; call: number; message: string }

export type FromWorker =
  | {
      type: 'putBlob'
      job: number
      call: number
      bytes: Uint8Array
      mime: string
      fileName?: string
    }
  /** Store the job's own input bytes (a photo kept as it came): the parent still holds them. */
  | { type: 'putInput'; job: number; call: number; mime: string; fileName?: string }
  | { type: 'done'; job: number; drafts: ItemDraft[] }
  | { type: 'failed'; job: number; message: string; expected: boolean }
