import { foldText } from './analyzer'

/**
 * Name-variant groups as the user edits them: each group lists spellings of one name
 * (`Gaddafi`, `Qadhafi`, `Kadhafi`). Pure functions over `string[][]`, shared by the archive,
 * the IPC handlers and the CLI. Names keep the case they were written in; two names are the
 * same when they fold alike (case, accents, spaces), and groups sharing a name are one group.
 */

export type NameGroups = string[][]

/** At most this many groups and names per group (a list is edited by hand). */
export const MAX_GROUPS = 5000
export const MAX_NAMES = 50
export const MAX_NAME_LENGTH = 100

/** Thrown for input a user can fix (an empty name, a bad CSV line). */
export class NameVariantError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NameVariantError'
  }
}

/** `  Mao   Tse-tung ` → `Mao Tse-tung`. */
export function cleanName(name: string): string {
  return name
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The identity of a name: folded, single-spaced. */
export function nameKey(name: string): string {
  return foldText(cleanName(name))
}

/**
 * Clean a list of groups: names trimmed, duplicates dropped (first spelling wins), groups that
 * share a name merged (in the first one's place), groups of fewer than two names dropped.
 */
export function normalizeGroups(groups: readonly (readonly string[])[]): NameGroups {
  const out: string[][] = []
  const groupOf = new Map<string, number>()
  for (const group of groups) {
    const names = group.map(cleanName).filter((n) => n !== '' && n.length <= MAX_NAME_LENGTH)
    const targets = [
      ...new Set(names.map((n) => groupOf.get(nameKey(n))).filter((g) => g !== undefined)),
    ].sort((a, b) => a - b)
    let into: number
    if (targets.length === 0) {
      into = out.length
      out.push([])
    } else {
      into = targets[0]
      // Fold every other group this one touches into the first.
      for (const t of targets.slice(1)) {
        for (const n of out[t]) {
          out[into].push(n)
          groupOf.set(nameKey(n), into)
        }
        out[t] = []
      }
    }
    for (const n of names) {
      const key = nameKey(n)
      if (groupOf.get(key) === into && out[into].some((m) => nameKey(m) === key)) continue
      out[into].push(n)
      groupOf.set(key, into)
    }
  }
  return out.filter((g) => g.length >= 2).map((g) => g.slice(0, MAX_NAMES))
}

/** Add `variants` to the group holding `name` (a new group when none does). */
export function addVariants(
  groups: readonly (readonly string[])[],
  name: string,
  variants: readonly string[],
): NameGroups {
  const clean = [name, ...variants].map(cleanName).filter((n) => n !== '')
  if (cleanName(name) === '') throw new NameVariantError('A name cannot be empty.')
  if (clean.length < 2) throw new NameVariantError(`Give at least one variant of “${name}”.`)
  const tooLong = clean.find((n) => n.length > MAX_NAME_LENGTH)
  if (tooLong) throw new NameVariantError(`“${tooLong.slice(0, 40)}…” is too long for a name.`)
  return normalizeGroups([...groups, clean])
}

/**
 * Remove `name` from its group; a group left with one name goes. Throws when no group holds
 * the name.
 */
export function removeName(groups: readonly (readonly string[])[], name: string): NameGroups {
  const key = nameKey(name)
  if (!groups.some((g) => g.some((n) => nameKey(n) === key)))
    throw new NameVariantError(`No name variant group holds “${cleanName(name)}”.`)
  return normalizeGroups(groups.map((g) => g.filter((n) => nameKey(n) !== key)))
}

/** Merge the groups at `indexes` into one (at the first one's place). */
export function mergeGroups(
  groups: readonly (readonly string[])[],
  indexes: readonly number[],
): NameGroups {
  const picked = [...new Set(indexes)].filter((i) => i >= 0 && i < groups.length)
  if (picked.length < 2) throw new NameVariantError('Choose at least two groups to merge.')
  picked.sort((a, b) => a - b)
  const first = picked[0]
  const merged = picked.flatMap((i) => groups[i])
  return normalizeGroups(
    groups.flatMap((g, i) => (i === first ? [merged] : picked.includes(i) ? [] : [g])),
  )
}

// CSV (RFC 4180): one group per line, one name per cell.

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** The groups as CSV: one line per group, its names in cells (`Gaddafi,Qadhafi,Kadhafi`). */
export function groupsToCsv(groups: readonly (readonly string[])[]): string {
  return groups.map((g) => g.map(csvCell).join(',')).join('\r\n') + (groups.length ? '\r\n' : '')
}

/**
 * Read groups from CSV: one group per line, names in cells, quoted cells allowed (`"a, b"`),
 * blank lines and lines starting with `#` skipped. A line with a single name is an error
 * (a group needs two names), as is an unclosed quote; the message gives the line number.
 */
export function groupsFromCsv(text: string): NameGroups {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''))
  const groups: string[][] = []
  for (const { line, cells } of rows) {
    const names = cells.map(cleanName).filter((n) => n !== '')
    if (names.length === 0) continue
    if (cells.length > 0 && cells[0].trimStart().startsWith('#')) continue
    if (names.length < 2)
      throw new NameVariantError(`Line ${line}: “${names[0]}” needs at least one variant.`)
    const tooLong = names.find((n) => n.length > MAX_NAME_LENGTH)
    if (tooLong) throw new NameVariantError(`Line ${line}: a name is longer than 100 characters.`)
    groups.push(names)
    if (groups.length > MAX_GROUPS)
      throw new NameVariantError(`More than ${MAX_GROUPS} groups: split the file.`)
  }
  return normalizeGroups(groups)
}

function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  let i = 0
  const endRow = () => {
    cells.push(cell)
    rows.push({ line: rowLine, cells })
    cells = []
    cell = ''
  }
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
      i++
      continue
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      endRow()
      if (c === '\r' && text[i + 1] === '\n') i++
      line++
      rowLine = line
    } else cell += c
    i++
  }
  if (quoted) throw new NameVariantError(`Line ${rowLine}: a quote is never closed.`)
  if (cell !== '' || cells.length > 0) endRow()
  return rows
}

/**
 * The groups in force for an archive: its own once its user has edited them (or saved any
 * before this setting existed), the starter list until then.
 */
export function groupsInForce(
  settings: { aliases: string[][]; aliasesEdited?: boolean },
  starter: readonly (readonly string[])[],
): NameGroups {
  const own = settings.aliasesEdited === true || settings.aliases.length > 0
  return (own ? settings.aliases : starter).map((g) => [...g])
}
