import { parseCredit } from './credits'
import {
  agencyKey,
  listAgencyTable,
  setUserAgencies,
  type AgencyEntry,
  type UserAgency,
} from './credits/agencyLookup'
import type { ArchiveItem, Credit, Photo } from './model'
import { keepPhotoEdits } from './photos/editPhoto'

/** Longest agency name or alias a user may add. */
export const MAX_AGENCY_NAME = 100
/** Most aliases one agency may have. */
const MAX_ALIASES = 50

/** What a change to the agency table did: the photos whose credit now reads differently. */
export interface AgencyChange {
  entries: AgencyEntry[]
  reparsed: number
}

/**
 * A user entry cleaned up, or an error message for the user: names trimmed, one to 100
 * characters, letters required, aliases de-duplicated.
 */
export function cleanAgencyEntry(entry: UserAgency): UserAgency | string {
  const name = entry.name.replace(/\s+/g, ' ').trim()
  if (!name) return 'An agency needs a name.'
  if (name.length > MAX_AGENCY_NAME)
    return `An agency name can have at most ${MAX_AGENCY_NAME} characters.`
  if (!/\p{L}/u.test(name)) return `"${name}" is not a name: it has no letters.`
  const aliases: string[] = []
  for (const raw of entry.aliases) {
    const alias = raw.replace(/\s+/g, ' ').trim()
    if (!alias || alias.length > MAX_AGENCY_NAME || !/\p{L}/u.test(alias))
      return `"${raw}" is not a usable alias.`
    if (
      agencyKey(alias) !== agencyKey(name) &&
      !aliases.some((a) => agencyKey(a) === agencyKey(alias))
    )
      aliases.push(alias)
  }
  if (aliases.length > MAX_ALIASES) return `An agency can have at most ${MAX_ALIASES} aliases.`
  return { name, aliases }
}

/** The user entries after adding one (an entry with the same name gains the new aliases). */
export function withAgency(entries: readonly UserAgency[], entry: UserAgency): UserAgency[] {
  const key = agencyKey(entry.name)
  const same = entries.find((e) => agencyKey(e.name) === key)
  if (!same) return [...entries, entry]
  const aliases = [...same.aliases]
  for (const a of entry.aliases)
    if (!aliases.some((x) => agencyKey(x) === agencyKey(a))) aliases.push(a)
  return entries.map((e) => (e === same ? { name: same.name, aliases } : e))
}

/** The user entries without the one named `name` (by name or alias), or null if none is. */
export function withoutAgency(entries: readonly UserAgency[], name: string): UserAgency[] | null {
  const key = agencyKey(name)
  const kept = entries.filter(
    (e) => agencyKey(e.name) !== key && !e.aliases.some((a) => agencyKey(a) === key),
  )
  return kept.length === entries.length ? null : kept
}

/** Make `entries` the parser's user table and return the whole table. */
export function applyAgencyTable(entries: readonly UserAgency[]): AgencyEntry[] {
  setUserAgencies(entries)
  return listAgencyTable()
}

/**
 * Read a credit again with the current table. The IPTC by-line an importer put in the
 * photographer slot is kept when the credit line alone names nobody.
 */
export function reparseCredit(credit: Credit): Credit {
  const fresh = parseCredit(credit.raw)
  const kept =
    credit.photographer &&
    !fresh.photographer &&
    !fresh.agencies.some((a) => agencyKey(a) === agencyKey(credit.photographer ?? ''))
  return kept ? { ...fresh, photographer: credit.photographer } : fresh
}

function reparsePhoto(photo: Photo): Photo {
  // A corrected photo is read again from its credit as imported; the correction is put back.
  const before = photo.edited?.original.credit ?? photo.credit
  if (!before || before.raw.trim() === '') return photo
  const credit = reparseCredit(before)
  if (!photo.edited) {
    return JSON.stringify(credit) === JSON.stringify(photo.credit) ? photo : { ...photo, credit }
  }
  const fresh: Photo = { ...photo, caption: photo.edited.original.caption, credit }
  delete fresh.edited
  const next = keepPhotoEdits(fresh, photo)
  return JSON.stringify(next) === JSON.stringify(photo) ? photo : next
}

/** The item with its photos' credits read again, or null when none of them changed. */
export function reparseItemCredits(item: ArchiveItem): ArchiveItem | null {
  if (item.kind === 'photo') {
    const photo = reparsePhoto(item.photo)
    return photo === item.photo ? null : { ...item, photo }
  }
  const photos = item.photos.map(reparsePhoto)
  return photos.every((p, i) => p === item.photos[i]) ? null : { ...item, photos }
}
