/**
 * Morgue's own export format (JSON document or NDJSON), shared by the exporter and the importer.
 *
 * JSON document:
 *   {"format":"morgue-export","version":1,"exportedAt":…,"tagColors":{…},
 *    "items":[<ArchiveItem>,…],"blobs":[<ExportedBlob>,…]}
 * NDJSON: a header line {"format":"morgue-export","version":1,…}, then one ArchiveItem per line,
 * then one ExportedBlob per line (`"kind":"blob"`). Items are written exactly as stored, so a
 * re-import keeps ids, dates, tags, credits and notes.
 */

export const EXPORT_FORMAT = 'morgue-export'
export const EXPORT_VERSION = 1

export interface ExportHeader {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  /** ISO 8601. */
  exportedAt?: string
  /** Tag key → CSS colour, as in the archive's settings. */
  tagColors?: Record<string, string>
  /**
   * Every setting of the archive (saved searches, aliases, tag colours and any other key), so
   * export → import round-trips the whole archive. Merged into the importing archive's settings.
   */
  settings?: Record<string, unknown>
}

/** An archived file (image, thumbnail, snapshot) carried inside the export. */
export interface ExportedBlob {
  kind: 'blob'
  sha256: string
  mime: string
  fileName?: string
  /** The bytes, base64 (RFC 4648, with padding). */
  base64: string
}
