import { ArchiveError } from '../core/archiveError'
import { captionWithCredit, readCreditStyle } from '../core/credits/creditLine'
import type { Archive } from '../core/archiveApi'
import { isItemId } from '../core/ids'
import type { PhotoPatch, PhotoRecord } from '../core/model'
import { parseRef } from '../core/photos/photoRef'
import { formatCredit } from './format'

/** The options the photo commands read (a subset of the CLI's). */
export interface PhotoOptions {
  json?: boolean
  photographer?: string[]
  agency?: string
  via?: string[]
  for?: string
  caption?: string
  style?: string
}

/** Thrown for a mistake in how a photo command was called (the CLI prints its usage). */
export class PhotoUsageError extends Error {}

/** Whether a CLI argument names a photo inside an article (`ARTICLE/p0`). */
export function isPhotoRefArg(arg: string | undefined): arg is string {
  return !!arg && parseRef(arg)?.photoId !== undefined
}

/** The photo a ref names, or an error a user understands. */
export async function mustGetPhoto(
  archive: Archive,
  ref: string | undefined,
): Promise<PhotoRecord> {
  if (!ref)
    throw new PhotoUsageError('give a photo id (ITEM, or ARTICLE/p0 for a photo in an article)')
  const parsed = parseRef(ref)
  if (!parsed || !isItemId(parsed.itemId)) {
    throw new ArchiveError(
      `“${ref}” is not a photo id (ITEM, or ARTICLE/p0 for a photo in an article).`,
    )
  }
  const found = await archive.photo(ref)
  if (found) return found
  const item = await archive.get(parsed.itemId)
  if (!item) throw new ArchiveError(`No item with id ${parsed.itemId}.`)
  if (item.kind === 'article' && parsed.photoId === undefined) {
    const refs = item.photos.map((p) => `${item.id}/${p.id}`)
    throw new ArchiveError(
      `${item.id} is an article; its photos are ${refs.length ? refs.join(', ') : '(none)'}.`,
    )
  }
  throw new ArchiveError(`${item.id} has no photo ${parsed.photoId}.`)
}

/** `show ARTICLE/p0`: one photo as a record of its own. */
export function formatPhoto(record: PhotoRecord): string {
  const { photo } = record
  const lines = [
    `${record.ref}  ${record.kind === 'photo' ? 'photo' : `photo in “${record.title}”`}`,
  ]
  if (photo.caption) lines.push(`  caption: ${photo.caption}`)
  const credit = formatCredit(photo.credit)
  if (credit) lines.push(`  credit:  ${credit}${photo.edited ? '  (edited)' : ''}`)
  if (photo.credit?.via?.length) lines.push(`  via:     ${photo.credit.via.join(', ')}`)
  if (photo.credit?.for) lines.push(`  for:     ${photo.credit.for}`)
  if (photo.edited?.original.credit?.raw) {
    lines.push(`  printed: ${photo.edited.original.credit.raw}`)
  }
  lines.push(`  tags:    ${record.tags.length ? record.tags.join(', ') : '(none)'}`)
  if (record.articleTags?.length) lines.push(`  article tags: ${record.articleTags.join(', ')}`)
  return lines.join('\n')
}

function patchOf(values: PhotoOptions): PhotoPatch {
  const patch: PhotoPatch = {}
  if (values.caption !== undefined) patch.caption = values.caption
  if (values.photographer !== undefined) patch.photographers = values.photographer
  if (values.agency !== undefined) patch.agency = values.agency.trim() || null
  if (values.via !== undefined) patch.via = values.via.filter((v) => v.trim() !== '')
  if (values.for !== undefined) patch.for = values.for.trim() || null
  return patch
}

/**
 * `credit ID [--photographer NAME]… [--agency NAME] [--via NAME]… [--for NAME] [--caption TEXT]`:
 * without options print the credit as JSON; with options correct it (the correction sticks)
 * and print the corrected credit.
 */
export async function creditCommand(
  archive: Archive,
  args: string[],
  values: PhotoOptions,
  out: (s: string) => void,
): Promise<number> {
  if (args.length !== 1) throw new PhotoUsageError('give one photo id')
  let record = await mustGetPhoto(archive, args[0])
  const patch = patchOf(values)
  if (Object.keys(patch).length > 0) record = await archive.editPhoto(record.ref, patch)
  const { photo } = record
  out(
    JSON.stringify(
      {
        ref: record.ref,
        caption: photo.caption,
        credit: photo.credit,
        edited: photo.edited ?? null,
      },
      null,
      2,
    ),
  )
  return 0
}

/** A style name or template from the command line, or a usage error saying what is wrong. */
function styleOrUsageError(text: string, saved: ReturnType<Archive['creditStyle']>) {
  const style = readCreditStyle(text, saved)
  if ('problem' in style) throw new PhotoUsageError(style.problem)
  return style
}

/** `credit-line ID [--style STYLE|TEMPLATE]`: the caption with its credit in a house style. */
export async function creditLineCommand(
  archive: Archive,
  args: string[],
  values: PhotoOptions,
  out: (s: string) => void,
): Promise<number> {
  if (args.length !== 1) throw new PhotoUsageError('give one photo id')
  const saved = archive.creditStyle()
  const style = values.style === undefined ? saved : styleOrUsageError(values.style, saved)
  const record = await mustGetPhoto(archive, args[0])
  const line = captionWithCredit(
    {
      caption: record.photo.caption,
      credit: record.photo.credit,
      date: record.photo.meta?.dateCreated ?? record.publishedAt,
    },
    style,
  )
  out(values.json ? JSON.stringify({ ref: record.ref, style: style.style, line }) : line)
  return 0
}

/** `credit-style [STYLE|TEMPLATE]`: print or set the archive's house style. */
export async function creditStyleCommand(
  archive: Archive,
  args: string[],
  values: PhotoOptions,
  out: (s: string) => void,
): Promise<number> {
  if (args.length > 1) throw new PhotoUsageError('give one style or template (quote it)')
  if (args.length === 1) {
    await archive.setCreditStyle(styleOrUsageError(args[0], archive.creditStyle()))
  }
  const now = archive.creditStyle()
  out(
    values.json
      ? JSON.stringify(now)
      : now.style === 'template'
        ? `template: ${now.template}`
        : now.style,
  )
  return 0
}
