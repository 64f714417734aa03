import { ArchiveError } from '../archiveError'
import { findKnownAgency } from '../credits'
import type { Credit, EditableField, Photo, PhotoPatch } from '../model'

const MAX_NAME = 200
const MAX_CAPTION = 20_000
const MAX_NAMES = 20

function cleanName(value: string, what: string): string {
  const v = value.normalize('NFC').replace(/\s+/g, ' ').trim()
  if (v.length > MAX_NAME)
    throw new ArchiveError(`${what} can have at most ${MAX_NAME} characters.`)
  if (v.includes(';')) throw new ArchiveError(`${what} cannot contain “;”: give each name apart.`)
  return v
}

function cleanNames(values: readonly string[], what: string): string[] {
  if (values.length > MAX_NAMES) throw new ArchiveError(`At most ${MAX_NAMES} ${what} per photo.`)
  const out: string[] = []
  for (const v of values) {
    const name = cleanName(v, what)
    if (name && !out.some((o) => o.toLowerCase() === name.toLowerCase())) out.push(name)
  }
  return out
}

/** The fields a patch sets, in a stable order. */
export function patchFields(patch: PhotoPatch): EditableField[] {
  const fields: EditableField[] = []
  if (patch.caption !== undefined) fields.push('caption')
  if (patch.photographers !== undefined) fields.push('photographer')
  if (patch.agency !== undefined) fields.push('agency')
  if (patch.via !== undefined) fields.push('via')
  if (patch.for !== undefined) fields.push('for')
  return fields
}

const EMPTY_CREDIT: Credit = {
  raw: '',
  photographer: null,
  agency: null,
  agencies: [],
  agencyIds: [],
}

/** Canonical ids of the known organisations among `names`, in order, once each. */
function agencyIdsOf(names: readonly string[]): string[] {
  const ids: string[] = []
  for (const n of names) {
    const id = findKnownAgency(n)?.id
    if (id && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/** A credit with the person's values for the given fields; the raw text stays as printed. */
function creditWith(base: Credit | null, values: CreditValues, fields: readonly EditableField[]) {
  const credit: Credit = { ...EMPTY_CREDIT, ...base }
  if (fields.includes('photographer')) {
    credit.photographer = values.photographers.length ? values.photographers.join('; ') : null
  }
  if (fields.includes('agency')) {
    credit.agency = values.agency
    credit.agencies = values.agency ? [values.agency] : []
    credit.agencyIds = agencyIdsOf(credit.agencies)
  }
  if (fields.includes('via')) credit.via = values.via
  if (fields.includes('for')) credit.for = values.for
  credit.confidence = 1
  credit.uncertain = false
  const empty =
    !credit.raw.trim() &&
    !credit.photographer &&
    !credit.agency &&
    !(credit.via ?? []).length &&
    !credit.for
  return empty ? null : credit
}

interface CreditValues {
  photographers: string[]
  agency: string | null
  via: string[]
  for: string | null
}

function valuesOf(credit: Credit | null): CreditValues {
  return {
    photographers: credit?.photographer ? credit.photographer.split('; ') : [],
    agency: credit?.agency ?? null,
    via: credit?.via ?? [],
    for: credit?.for ?? null,
  }
}

/**
 * Apply a person's correction to a photo. The fields given win from now on (over any
 * re-parse or re-import); the caption and credit as imported are kept in `edited.original`.
 * @throws ArchiveError for an empty patch or a value that cannot be a name.
 */
export function applyPhotoEdit(photo: Photo, patch: PhotoPatch, at: string): Photo {
  const fields = patchFields(patch)
  if (fields.length === 0) throw new ArchiveError('Nothing to change: give a field to correct.')
  let caption = photo.caption
  if (patch.caption !== undefined) {
    caption = patch.caption.normalize('NFC').trim()
    if (caption.length > MAX_CAPTION) {
      throw new ArchiveError(`A caption can have at most ${MAX_CAPTION} characters.`)
    }
  }
  const values = valuesOf(photo.credit)
  if (patch.photographers !== undefined)
    values.photographers = cleanNames(patch.photographers, 'photographers')
  if (patch.agency !== undefined) values.agency = cleanName(patch.agency ?? '', 'An agency') || null
  if (patch.via !== undefined) values.via = cleanNames(patch.via, 'distributors (via)')
  if (patch.for !== undefined) values.for = cleanName(patch.for ?? '', 'A client (for)') || null
  const creditFields = fields.filter((f) => f !== 'caption')
  const credit = creditFields.length ? creditWith(photo.credit, values, creditFields) : photo.credit
  const before = photo.edited
  const edited = {
    at,
    fields: [...(before?.fields ?? []), ...fields.filter((f) => !before?.fields.includes(f))],
    original: before?.original ?? { caption: photo.caption, credit: photo.credit },
  }
  return { ...photo, caption, credit, edited }
}

/**
 * A fresh parse (or import) of a photo that a person corrected: the fresh caption and credit,
 * with every field the person set put back. Photos never corrected come back as parsed.
 */
export function keepPhotoEdits(fresh: Photo, previous: Photo): Photo {
  const edit = previous.edited
  if (!edit) return fresh
  const creditFields = edit.fields.filter((f) => f !== 'caption')
  const credit = creditFields.length
    ? creditWith(fresh.credit, valuesOf(previous.credit), creditFields)
    : fresh.credit
  return {
    ...fresh,
    caption: edit.fields.includes('caption') ? previous.caption : fresh.caption,
    credit,
    tags: previous.tags ?? fresh.tags,
    edited: { ...edit, original: { caption: fresh.caption, credit: fresh.credit } },
  }
}
