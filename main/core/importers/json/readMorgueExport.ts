import { createHash } from 'node:crypto'
import type { z } from 'zod'
import { EXPORT_VERSION, type ExportedBlob, type ExportHeader } from '../../export/exportFormat'
import type { ArchiveItem } from '../../model'
import { ImportError } from '../importer'
import {
  exportDocumentSchema,
  exportHeaderSchema,
  exportRecordSchema,
  toArticle,
  toPhotoItem,
} from './exportSchema'

export interface MorgueExport {
  header: ExportHeader
  items: ArchiveItem[]
  /** Embedded files, checked against their sha256; `bytes` decoded from base64. */
  blobs: { sha256: string; mime: string; fileName?: string; bytes: Uint8Array }[]
}

/**
 * Parse and validate a Morgue export (JSON document or NDJSON, told apart by the first line).
 * All or nothing: the first bad record throws `ImportError` naming it (`line 7` in NDJSON,
 * `item 4` in a JSON document) and what is wrong, so a caller never imports half a file.
 * Also throws for a newer format version and an embedded file whose bytes do not match its hash.
 */
export function readMorgueExport(text: string, label = 'The file'): MorgueExport {
  const body = text.replace(/^\uFEFF/, '')
  const newline = body.indexOf('\n')
  const firstLine = (newline < 0 ? body : body.slice(0, newline)).trim()
  // NDJSON starts with a complete header object on its own line; a document's first line is
  // `{"format":…,"items":[` (or the whole document, when written on one line, with `items`).
  const first = firstLine.startsWith('{') ? tryJson(firstLine) : undefined
  const ndjson = isObject(first) && !('items' in first)
  return ndjson ? readNdjson(body, label) : readDocument(body, label)
}

function readNdjson(text: string, label: string): MorgueExport {
  const lines = text.split('\n')
  const header = readHeaderLine(lines[0], label)
  const out: MorgueExport = { header, items: [], blobs: [] }
  for (let i = 1; i < lines.length; i++) {
    const record = readRecordLine(lines[i], i + 1, label)
    if (record?.kind === 'blob') out.blobs.push(record.blob)
    else if (record) out.items.push(record.item)
  }
  return out
}

/** An NDJSON record after the header: an item, or an embedded file (checked), or a blank line. */
export type ExportRecord =
  { kind: 'item'; item: ArchiveItem } | { kind: 'blob'; blob: MorgueExport['blobs'][number] }

/** Validate an NDJSON header line (line 1). Throws `ImportError` like `readMorgueExport`. */
export function readHeaderLine(line: string, label: string): ExportHeader {
  return checkHeader(parseLine(line.replace(/^\uFEFF/, ''), 1, label), `${label}, line 1`)
}

/** Validate NDJSON line `n` (1-based). Undefined for a blank line; throws `ImportError`. */
export function readRecordLine(line: string, n: number, label: string): ExportRecord | undefined {
  if (!line.trim()) return undefined
  return toRecord(parseLine(line, n, label), `${label}, line ${n}`)
}

function readDocument(text: string, label: string): MorgueExport {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new ImportError(`${label} is not valid JSON: ${(error as Error).message}.`)
  }
  checkHeader(raw, label)
  const doc = exportDocumentSchema.safeParse(raw)
  if (!doc.success) throw new ImportError(`${label}: ${describe(doc.error)}.`)
  const { items, blobs, ...header } = doc.data
  const out: MorgueExport = { header: header as ExportHeader, items: [], blobs: [] }
  items.forEach((record, i) => addRecord(out, record, `${label}, item ${i + 1}`, 'item'))
  blobs?.forEach((record, i) => addRecord(out, record, `${label}, file ${i + 1}`, 'blob'))
  return out
}

function checkHeader(raw: unknown, where: string): ExportHeader {
  const header = exportHeaderSchema.safeParse(raw)
  if (!header.success) {
    throw new ImportError(`${where}: not a Morgue export (${describe(header.error)}).`)
  }
  if (header.data.version > EXPORT_VERSION) {
    throw new ImportError(
      `${where}: made by a newer Morgue (export version ${header.data.version}); this one reads version ${EXPORT_VERSION}.`,
    )
  }
  return header.data as ExportHeader
}

function addRecord(out: MorgueExport, raw: unknown, where: string, expect: 'item' | 'blob') {
  const record = toRecord(raw, where)
  if (record.kind !== expect) {
    throw new ImportError(
      `${where} has the wrong shape: expected ${expect === 'blob' ? 'a file' : 'an item'}.`,
    )
  }
  if (record.kind === 'blob') out.blobs.push(record.blob)
  else out.items.push(record.item)
}

function toRecord(raw: unknown, where: string): ExportRecord {
  const parsed = exportRecordSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ImportError(`${where} has the wrong shape: ${describe(parsed.error)}.`)
  }
  const record = parsed.data
  if (record.kind === 'blob') return { kind: 'blob', blob: decodeBlob(record, where) }
  return {
    kind: 'item',
    item: record.kind === 'article' ? toArticle(record) : toPhotoItem(record),
  }
}

function decodeBlob(blob: ExportedBlob, where: string): MorgueExport['blobs'][number] {
  const bytes = new Uint8Array(Buffer.from(blob.base64, 'base64'))
  const actual = createHash('sha256').update(bytes).digest('hex')
  if (actual !== blob.sha256) {
    throw new ImportError(
      `${where}: the embedded file ${blob.fileName ?? blob.sha256} is damaged (its checksum does not match).`,
    )
  }
  return {
    sha256: blob.sha256,
    mime: blob.mime,
    ...(blob.fileName ? { fileName: blob.fileName } : {}),
    bytes,
  }
}

function parseLine(line: string, n: number, label: string): unknown {
  try {
    return JSON.parse(line)
  } catch (error) {
    throw new ImportError(`${label}, line ${n} is not valid JSON: ${(error as Error).message}.`)
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The first few problems of a zod error, as `path: message` (`photos.0.credit: …`). */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}
