import { EXPORT_FORMAT } from '../../export/exportFormat'
import type { ArchiveItem, ItemDraft } from '../../model'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  type ImportContext,
  type ImportInput,
  type Importer,
} from '../importer'
import { readMorgueExport } from './readMorgueExport'

const JSON_NAME = /\.(json|ndjson|jsonl)$/i
const JSON_MIME = /^application\/(json|x-ndjson|ndjson|jsonl)\b/i

/**
 * Re-imports Morgue's own export (JSON document or NDJSON; see export/exportFormat.ts).
 *
 * Drafts keep `id`, `archivedAt`, tags, credits, photos and notes exactly, so export → import
 * into an empty archive is lossless. Embedded files are put back with `ctx.putBlob` (after a
 * sha256 check) before any draft is returned. Accepts only files whose first 4 KB name the
 * format, so other JSON (a feed, a data dump) is left to other importers.
 *
 * Throws `ImportError` naming the first bad line or item; nothing from that file is imported.
 */
export const jsonImporter: Importer = {
  name: 'json',
  accepts(input: ImportInput): boolean {
    if (!JSON_NAME.test(input.source) && !JSON_MIME.test(input.contentType ?? '')) return false
    const head = new TextDecoder().decode(input.bytes.subarray(0, 4096))
    return head.includes(`"${EXPORT_FORMAT}"`)
  },
  async import(input: ImportInput, ctx: ImportContext): Promise<ItemDraft[]> {
    const name = input.source.split(/[\\/]/).pop() || input.source
    if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
      // An export with embedded photos can be large; refuse clearly rather than run out of memory.
      throw new ImportError(
        `${name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; export without images or in parts.`,
      )
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes)
    } catch {
      throw new ImportError(`${name} is not UTF-8 text, so it is not a Morgue export.`)
    }
    const parsed = readMorgueExport(text, name)
    for (const blob of parsed.blobs) {
      ctx.signal?.throwIfAborted()
      await ctx.putBlob(blob.bytes, blob.mime, blob.fileName)
    }
    return parsed.items.map(toDraft)
  },
}

/** The draft of an exported item: everything but the content hash, which the archive recomputes. */
export function toDraft(item: ArchiveItem): ItemDraft {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { contentHash, ...draft } = item
  return draft
}
