import { captionWithCredit, creditLineOnly, DEFAULT_CREDIT_STYLE } from '../credits/creditLine'
import type { ArchiveItem, CreditStyleSetting, Photo } from '../model'
import { photoRef } from '../photos/photoRef'

/** The columns of the photo-desk CSV, in order. */
export const PHOTO_CSV_COLUMNS = [
  'caption',
  'photographer',
  'agency',
  'agencies',
  'credit',
  'outlet',
  'article_title',
  'url',
  'date',
  'item_id',
  'photo_id',
  'via',
  'for',
  'credit_line',
  'caption_with_credit',
  'ref',
  'edited',
] as const

export interface PhotosCsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads accents and Arabic correctly. */
  bom?: boolean
  /** The house style of the `credit_line` columns (default: plain). */
  creditStyle?: CreditStyleSetting
}

/**
 * Every photo of every item as CSV for a photo desk: a header row, then one row per photo
 * (articles' photos and standalone photos alike), with the credit line in the house style. RFC 4180: fields quoted when they hold a
 * comma, quote or line break, quotes doubled, rows ended by CRLF. Each yielded string is one
 * whole row. Cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`)
 * get a leading apostrophe (OWASP's CSV-injection advice): captions come from the web.
 */
export async function* photosCsv(
  items: AsyncIterable<ArchiveItem> | Iterable<ArchiveItem>,
  options: PhotosCsvOptions = {},
): AsyncIterable<string> {
  yield (options.bom ? '\uFEFF' : '') + csvRow([...PHOTO_CSV_COLUMNS])
  for await (const item of items) {
    for (const photo of item.kind === 'article' ? item.photos : [item.photo]) {
      yield csvRow(photoRow(item, photo, options.creditStyle ?? DEFAULT_CREDIT_STYLE))
    }
  }
}

function photoRow(item: ArchiveItem, photo: Photo, style: CreditStyleSetting): string[] {
  const credit = photo.credit
  const url = item.kind === 'article' ? (item.url ?? item.canonicalUrl) : undefined
  const source = {
    caption: photo.caption,
    credit,
    date: photo.meta?.dateCreated ?? item.publishedAt,
  }
  return [
    photo.caption,
    credit?.photographer ?? '',
    credit?.agency ?? '',
    credit?.agencies.join('; ') ?? '',
    credit?.raw ?? '',
    item.source ?? '',
    item.kind === 'article' ? item.title : '',
    url ?? photo.src ?? '',
    item.publishedAt ?? '',
    item.id,
    photo.id,
    credit?.via?.join('; ') ?? '',
    credit?.for ?? '',
    creditLineOnly(source, style),
    captionWithCredit(source, style),
    photoRef(item, photo.id),
    photo.edited ? 'yes' : '',
  ]
}

/** One CSV row (RFC 4180), CRLF-terminated. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
