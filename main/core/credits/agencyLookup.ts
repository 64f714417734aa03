import { KNOWN_AGENCIES, type KnownAgency } from './creditData'

/** An agency a user taught the archive (saved in its settings): a name and other spellings. */
export interface UserAgency {
  name: string
  aliases: string[]
}

/** One entry of the agency table as shown to a user: built in, or added in this archive. */
export interface AgencyEntry {
  id: string
  /** The canonical name shown beside the name as printed (`EPA-EFE (EPA)`). */
  name: string
  aliases: string[]
  builtIn: boolean
}

/** Compare organisation names without case, a leading "The", or spacing and dash differences. */
export function agencyKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
}

/** The id a user agency gets: `user:` and its name's key (`user:ritzau scanpix`). */
export function userAgencyId(name: string): string {
  return `user:${agencyKey(name)}`
}

let table: KnownAgency[] = [...KNOWN_AGENCIES]
let byKey = indexAgencies(table)
let userEntries: UserAgency[] = []

function indexAgencies(agencies: readonly KnownAgency[]): Map<string, KnownAgency> {
  const map = new Map<string, KnownAgency>()
  for (const agency of agencies) {
    for (const alias of agency.aliases) {
      const key = agencyKey(alias)
      if (!map.has(key)) map.set(key, agency)
    }
  }
  return map
}

/**
 * Put a user's agencies beside the built-in table. An entry whose name (or an alias) is already
 * known adds its aliases to that agency; any other entry becomes a new agency. Every parse after
 * this call uses the new table.
 */
export function setUserAgencies(entries: readonly UserAgency[]): void {
  userEntries = entries.map((e) => ({ name: e.name, aliases: [...e.aliases] }))
  const merged = KNOWN_AGENCIES.map((a) => ({ ...a, aliases: [...a.aliases] }))
  const builtIn = indexAgencies(merged)
  const added: KnownAgency[] = []
  for (const entry of userEntries) {
    const spellings = [entry.name, ...entry.aliases]
    const existing = spellings.map((s) => builtIn.get(agencyKey(s))).find((a) => a !== undefined)
    if (existing) existing.aliases.push(...spellings)
    else added.push({ id: userAgencyId(entry.name), name: entry.name, aliases: spellings })
  }
  table = [...merged, ...added]
  byKey = indexAgencies(table)
}

/** The user entries in force (as given to `setUserAgencies`). */
export function userAgencies(): UserAgency[] {
  return userEntries.map((e) => ({ name: e.name, aliases: [...e.aliases] }))
}

/** The known agency an organisation name refers to (`AFP`, `Agence France-Presse`), or null. */
export function findKnownAgency(name: string): KnownAgency | null {
  return byKey.get(agencyKey(name)) ?? null
}

/** The canonical name of an agency id (`epa` → `EPA`), or null when the id is unknown. */
export function canonicalAgencyName(id: string): string | null {
  const agency = table.find((a) => a.id === id)
  return agency ? (agency.name ?? agency.aliases[0]) : null
}

/** The whole table: built-in agencies (with any aliases a user added) and the user's own. */
export function listAgencyTable(): AgencyEntry[] {
  return table.map((a) => ({
    id: a.id,
    name: a.name ?? a.aliases[0],
    aliases: [...new Set(a.aliases)],
    builtIn: !a.id.startsWith('user:'),
  }))
}
