import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { ArchiveItem, ItemId, ItemSummary } from '../model'
import { articleToMarkdown } from './articleToMarkdown'
import { blobRefsOf, exportJson } from './exportJson'
import { photosCsv, type PhotosCsvOptions } from './photosCsv'

/** What an export needs from the archive. */
export interface ExportSource {
  list(options: { sort: 'oldest' }): { items: ItemSummary[] }
  get(id: ItemId): Promise<ArchiveItem | undefined>
  readBlob(sha256: string): Promise<Uint8Array>
  /** Every setting (saved searches, aliases, tag colours and any other key), carried along. */
  settings(): object
}

export type ExportFormatName = 'json' | 'ndjson' | 'markdown' | 'csv'

/** An item or file left out of an export, and why. */
export interface SkippedEntry {
  itemId: ItemId
  /** `content` for the item itself, else the field of the file (`photos[0].image`, `snapshot`). */
  field: string
  sha256?: string
  reason: string
}

export interface ArchiveExportReport {
  format: ExportFormatName
  /** The file or folder written; absent when written to a stream. */
  target?: string
  items: number
  blobs: number
  /** Damaged items left out, and files that could not be embedded (their refs are kept). */
  skipped: SkippedEntry[]
}

/**
 * Export the whole archive. JSON and NDJSON carry every item, every setting and (unless
 * `blobs: false`) the files; a damaged item is skipped and reported rather than stopping the
 * export. To a file the export is written beside it under a temp name and renamed into place
 * only when complete, so a failed export never leaves a truncated file.
 */
export async function exportArchive(
  source: ExportSource,
  options: {
    format: ExportFormatName
    /** File (or folder, for Markdown); without it, JSON/NDJSON/CSV go to `stream`. */
    out?: string
    stream?: NodeJS.WritableStream
    blobs?: boolean
    /** The house style of the CSV's credit line (the archive's saved one). */
    creditStyle?: PhotosCsvOptions['creditStyle']
  },
): Promise<ArchiveExportReport> {
  const { format } = options
  const skipped: SkippedEntry[] = []
  const items = readableItems(source, skipped)
  const report: ArchiveExportReport = { format, items: 0, blobs: 0, skipped }
  if (format === 'markdown') {
    if (!options.out) throw new Error('A Markdown export needs a folder.')
    await mkdir(options.out, { recursive: true })
    for await (const item of items) {
      const { fileName, text } = articleToMarkdown(item)
      await writeAtomically(join(options.out, fileName), (sink) => write(sink, text))
      report.items++
    }
    report.target = options.out
    return report
  }
  const body = async (sink: NodeJS.WritableStream) => {
    const put = (chunk: string) => write(sink, chunk)
    if (format === 'csv') {
      for await (const row of photosCsv(counted(items, report), { creditStyle: options.creditStyle })) await put(row)
      return
    }
    const refsByBlob = new Map<string, { itemId: ItemId; field: string }>()
    const summary = await exportJson(tracked(counted(items, report), refsByBlob), put, {
      ndjson: format === 'ndjson',
      settings: source.settings() as Record<string, unknown>,
      readBlob: options.blobs === false ? undefined : (sha) => source.readBlob(sha),
      onBlobFailure: (sha256, error) => {
        const at = refsByBlob.get(sha256)
        skipped.push({
          itemId: at?.itemId ?? '',
          field: at?.field ?? 'file',
          sha256,
          reason: error instanceof Error ? error.message : String(error),
        })
      },
    })
    report.blobs = summary.blobs
  }
  if (options.out) {
    await writeAtomically(options.out, body)
    report.target = options.out
  } else {
    await body(options.stream ?? process.stdout)
  }
  return report
}

/** Every item the store can read, oldest first; damaged ones go to `skipped`. */
async function* readableItems(
  source: ExportSource,
  skipped: SkippedEntry[],
): AsyncGenerator<ArchiveItem> {
  for (const s of source.list({ sort: 'oldest' }).items) {
    let item: ArchiveItem | undefined
    try {
      item = await source.get(s.id)
    } catch (error) {
      const e = error as { name?: string; field?: string; sha256?: string; message?: string }
      if (e?.name !== 'DamagedContentError') throw error
      skipped.push({
        itemId: s.id,
        field: e.field ?? 'content',
        sha256: e.sha256,
        reason: e.message ?? '',
      })
      continue
    }
    if (item) yield item
  }
}

async function* counted(
  items: AsyncIterable<ArchiveItem>,
  report: ArchiveExportReport,
): AsyncGenerator<ArchiveItem> {
  for await (const item of items) {
    report.items++
    yield item
  }
}

/** Remember which item and field first referred to each file (for the report). */
async function* tracked(
  items: AsyncIterable<ArchiveItem>,
  into: Map<string, { itemId: ItemId; field: string }>,
): AsyncGenerator<ArchiveItem> {
  for await (const item of items) {
    for (const { sha256, field } of blobFieldsOf(item)) {
      if (!into.has(sha256)) into.set(sha256, { itemId: item.id, field })
    }
    yield item
  }
}

/** The files an item refers to, with the field each sits in. */
export function blobFieldsOf(item: ArchiveItem): { sha256: string; field: string }[] {
  const out: { sha256: string; field: string }[] = []
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  photos.forEach((p, i) => {
    const at = item.kind === 'article' ? `photos[${i}]` : 'photo'
    if (p.image) out.push({ sha256: p.image.sha256, field: `${at}.image` })
    if (p.thumbnail) out.push({ sha256: p.thumbnail.sha256, field: `${at}.thumbnail` })
  })
  if (item.kind === 'article' && item.snapshot) {
    out.push({ sha256: item.snapshot.sha256, field: 'snapshot' })
  }
  // Every ref the exporter embeds is listed (keeps the two in step).
  for (const ref of blobRefsOf(item)) {
    if (!out.some((o) => o.sha256 === ref.sha256)) out.push({ sha256: ref.sha256, field: 'file' })
  }
  return out
}

function write(sink: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise<void>((ok, fail) => {
    sink.write(chunk, (e) => (e ? fail(e) : ok()))
  })
}

/**
 * Write `target` through a temp file beside it, renamed into place once `fill` is done and the
 * file is flushed; on any failure the temp file is removed and `target` is untouched.
 */
export async function writeAtomically(
  target: string,
  fill: (sink: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  const sink = createWriteStream(temp, { flags: 'wx', flush: true })
  const failed = new Promise<never>((_, fail) => sink.once('error', fail))
  try {
    await Promise.race([fill(sink), failed])
    await Promise.race([new Promise<void>((ok) => sink.end(ok)), failed])
    await rename(temp, target)
  } catch (error) {
    sink.destroy()
    await rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
}
