import type { ArchiveItem, BlobRef } from '../model'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedBlob, type ExportHeader } from './exportFormat'

export interface ExportJsonOptions {
  /** Read an archived file; when given, images, thumbnails and snapshots are embedded. */
  readBlob?: (sha256: string) => Promise<Uint8Array>
  /** One item per line with a header line (default: one JSON document). */
  ndjson?: boolean
  /** Tag colours to carry along (tag key → colour); defaults to `settings.tagColors`. */
  tagColors?: Record<string, string>
  /** Every archive setting, carried in the header so an import restores them. */
  settings?: Record<string, unknown>
  /** Told about each file `readBlob` could not read (it is also listed in `missingBlobs`). */
  onBlobFailure?: (sha256: string, error: unknown) => void
  /** Clock for `exportedAt` (tests). */
  now?: () => Date
}

export interface ExportSummary {
  items: number
  /** Files embedded. */
  blobs: number
  /** Files referenced by items that `readBlob` could not read (the refs are still exported). */
  missingBlobs: string[]
}

/**
 * Write items in Morgue's export format (see exportFormat.ts), streaming: one item is held at a
 * time; embedded files are read one by one after the items. Lossless: every field of every
 * item is written as stored. Awaits `write` between chunks, so a slow file stream applies
 * back-pressure.
 *
 * A file that `readBlob` cannot read is listed in `missingBlobs` rather than failing the whole
 * export. Throws whatever `write` throws.
 */
export async function exportJson(
  items: AsyncIterable<ArchiveItem> | Iterable<ArchiveItem>,
  write: (chunk: string) => void | Promise<void>,
  opts: ExportJsonOptions = {},
): Promise<ExportSummary> {
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (opts.now?.() ?? new Date()).toISOString(),
    tagColors:
      opts.tagColors ?? (opts.settings?.tagColors as Record<string, string> | undefined) ?? {},
  }
  if (opts.settings) header.settings = opts.settings
  const ndjson = opts.ndjson ?? false
  const refs = new Map<string, BlobRef>()
  const summary: ExportSummary = { items: 0, blobs: 0, missingBlobs: [] }

  const headerJson = JSON.stringify(header)
  await write(ndjson ? `${headerJson}\n` : `${headerJson.slice(0, -1)},"items":[\n`)
  for await (const item of items) {
    const line = JSON.stringify(item)
    await write(ndjson ? `${line}\n` : `${summary.items ? ',\n' : ''}${line}`)
    summary.items++
    if (opts.readBlob)
      for (const ref of blobRefsOf(item)) if (!refs.has(ref.sha256)) refs.set(ref.sha256, ref)
  }
  if (!ndjson) await write(`${summary.items ? '\n' : ''}],"blobs":[\n`)
  for (const ref of refs.values()) {
    let bytes: Uint8Array
    try {
      bytes = await opts.readBlob!(ref.sha256)
    } catch (error) {
      summary.missingBlobs.push(ref.sha256)
      opts.onBlobFailure?.(ref.sha256, error)
      continue
    }
    const blob: ExportedBlob = {
      kind: 'blob',
      sha256: ref.sha256,
      mime: ref.mime,
      ...(ref.fileName ? { fileName: ref.fileName } : {}),
      base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    }
    const line = JSON.stringify(blob)
    await write(ndjson ? `${line}\n` : `${summary.blobs ? ',\n' : ''}${line}`)
    summary.blobs++
  }
  if (!ndjson) await write(`${summary.blobs ? '\n' : ''}]}\n`)
  return summary
}

/**
 * Every archived file an item refers to: photo images and thumbnails, the page snapshot, and a
 * story's earlier versions with the files they show.
 */
export function blobRefsOf(item: ArchiveItem): BlobRef[] {
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  const refs: BlobRef[] = []
  for (const p of photos) {
    if (p.image) refs.push(p.image)
    if (p.thumbnail) refs.push(p.thumbnail)
  }
  if (item.kind === 'article' && item.snapshot) refs.push(item.snapshot)
  if (item.kind === 'article') for (const v of item.versions ?? []) refs.push(v.content, ...v.files)
  return refs
}
