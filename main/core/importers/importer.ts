import type { BlobRef, ItemDraft } from '../model'
import type { ImageResult } from './offline/imageDownloader'

/** A file (or fetched resource) handed to an importer. */
export interface ImportInput {
  /** Path or URL, for messages and `origin`. */
  source: string
  bytes: Uint8Array
  /** MIME type when known (HTTP Content-Type, or from the file extension). */
  contentType?: string
}

/** What an importer may use from the archive while it works. */
export interface ImportContext {
  /**
   * Keep bytes inside the archive (images, snapshots); content-addressed and idempotent.
   * `sha256`, when known, spares the archive hashing the bytes again (see ItemStore.putBlob).
   */
  putBlob(bytes: Uint8Array, mime: string, fileName?: string, sha256?: string): Promise<BlobRef>
  /** Fetch a URL (images of a page); absent when offline imports only. */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>
  signal?: AbortSignal
  /**
   * Keep an image an input refers to (URL, `data:` URI, or a path relative to the imported
   * file) through the archive's one downloader; `pageUrl` is the address a saved page came from.
   * Absent: the importer builds a downloader from `fetch` and `putBlob`.
   */
  archiveImage?: (ref: string, pageUrl?: string) => Promise<ImageResult>
}

/**
 * Turns one input into drafts. Throws `ImportError` with a user-readable reason when the input
 * cannot be imported; must not write anything else to the archive.
 */
export interface Importer {
  readonly name: string
  /** Whether this importer handles the input (by extension, MIME type or first bytes). */
  accepts(input: ImportInput): boolean
  import(input: ImportInput, ctx: ImportContext): Promise<ItemDraft[]>
}

/** An expected import failure: `message` is one sentence a user understands. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportError'
  }
}

/** Files larger than this are refused with a clear message (a 200 MB "article" is not one). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/**
 * A plain-text or Markdown file larger than this is refused: one item's body is read, split,
 * indexed and shown whole, and a 49 MB text made the import peak at 2.3 GB and every search
 * that hit it slow. 8 MB is several thousand pages; split larger texts into files.
 */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024
const TEXT_FILE = /\.(txt|text|md|markdown)$/i

/** Why a file is too large to import as one item, or null. */
export function textTooLarge(path: string, size: number): string | null {
  if (!TEXT_FILE.test(path) || size <= MAX_TEXT_BYTES) return null
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
  return `${path} is ${mb(size)} of text; Morgue keeps texts up to ${mb(MAX_TEXT_BYTES)} as one item: split it into smaller files.`
}
