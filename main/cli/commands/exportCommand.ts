import { resolve } from 'node:path'
import type { Archive } from '../../core/archiveApi'
import { exportArchive, type ExportFormatName } from '../../core/export'

/**
 * `morgue export`: the whole archive as JSON/NDJSON (every item, setting and file), Markdown
 * files or a photo-desk CSV. Damaged items are skipped and listed on stderr (exit code 1); a
 * file is written under a temp name and renamed when complete.
 */
export async function exportCommand(
  archive: Archive,
  options: {
    format: ExportFormatName
    out?: string
    noBlobs?: boolean
    stdout: NodeJS.WritableStream
  },
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const target = options.out === undefined ? undefined : resolve(options.out)
  const report = await exportArchive(archive, {
    format: options.format,
    out: target,
    stream: options.stdout,
    blobs: !options.noBlobs,
  })
  for (const s of report.skipped) {
    err(
      `skipped ${s.field === 'content' ? `item ${s.itemId}` : `${s.field} of item ${s.itemId}`}: ${s.reason}`,
    )
  }
  const what =
    report.format === 'markdown'
      ? `Wrote ${report.items} Markdown file${report.items === 1 ? '' : 's'} to ${target}.`
      : `Exported ${report.items} item${report.items === 1 ? '' : 's'}${target ? ` to ${target}` : ''}.`
  if (target) out(what)
  if (report.skipped.length > 0) {
    err(
      `${report.skipped.length} damaged entr${report.skipped.length === 1 ? 'y' : 'ies'} left out; run “morgue verify” for details.`,
    )
    return 1
  }
  return 0
}
