import type { CreditStyleSetting } from '../../../../main/core/model'
import { ArchiveFailure, archive, unwrap } from '../../api'

/**
 * Put a photo's caption and credit on the clipboard in the house style; returns the text
 * copied. The photo is read afresh, so a correction just made is what gets copied; main
 * writes the credit line (main/core/credits/creditLine.ts, shared with the CLI).
 */
export async function copyWithCredit(ref: string, style: CreditStyleSetting): Promise<string> {
  const record = await unwrap(archive.getPhoto(ref))
  if (!record) throw new ArchiveFailure('This photo is no longer in the archive.')
  const text = await unwrap(
    archive.formatCreditLine(
      {
        caption: record.photo.caption,
        credit: record.photo.credit,
        date: record.photo.meta?.dateCreated ?? record.publishedAt,
      },
      style,
    ),
  )
  if (!text) throw new ArchiveFailure('This photo has neither a caption nor a credit to copy.')
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    throw new ArchiveFailure(`The clipboard is not available here; the text is: ${text}`)
  }
  return text
}
