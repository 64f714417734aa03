import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { ExportHeader } from '../../export/exportFormat'
import type { ItemDraft } from '../../model'
import { ImportError, type ImportContext } from '../importer'
import { toDraft } from './jsonImporter'
import { readHeaderLine, readRecordLine } from './readMorgueExport'

/**
 * Import an NDJSON export from disk line by line, for exports too large to read whole (embedded
 * photos make them grow past `MAX_IMPORT_BYTES` quickly). Two passes keep it all or nothing: the
 * first validates every line (shapes, checksums of embedded files) and stores nothing; the
 * second puts the files back with `ctx.putBlob` and returns the drafts. Memory holds one line
 * and the drafts (no file bytes).
 *
 * @throws ImportError naming the first bad line, or when the file is not NDJSON with a header
 *   (a JSON document has to be read whole: use `jsonImporter`).
 */
export async function importMorgueExportFile(
  path: string,
  ctx: ImportContext,
): Promise<{ header: ExportHeader; drafts: ItemDraft[] }> {
  const label = path.split(/[\\/]/).pop() || path
  let header: ExportHeader | undefined
  await forEachLine(path, ctx.signal, async (line, n) => {
    if (n === 1) {
      if (/"items"\s*:\s*\[/.test(line)) {
        throw new ImportError(`${label} is a JSON document, not NDJSON: import it as a whole.`)
      }
      header = readHeaderLine(line, label)
    } else {
      readRecordLine(line, n, label)
    }
  })
  if (!header) throw new ImportError(`${label} is empty.`)
  const drafts: ItemDraft[] = []
  await forEachLine(path, ctx.signal, async (line, n) => {
    if (n === 1) return
    const record = readRecordLine(line, n, label)
    if (record?.kind === 'blob') {
      await ctx.putBlob(record.blob.bytes, record.blob.mime, record.blob.fileName)
    } else if (record) {
      drafts.push(toDraft(record.item))
    }
  })
  return { header, drafts }
}

async function forEachLine(
  path: string,
  signal: AbortSignal | undefined,
  each: (line: string, n: number) => Promise<void>,
): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8' })
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let n = 0
  try {
    for await (const line of lines) {
      signal?.throwIfAborted()
      await each(line, ++n)
    }
  } finally {
    lines.close()
    stream.destroy()
  }
}
