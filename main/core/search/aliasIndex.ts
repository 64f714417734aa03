import { analyseChunk, forEachChunk } from './analyzer'

/**
 * Name-variant groups (`Gaddafi`, `Qadhafi`, `Kadhafi`…) ready for query-time expansion: a
 * query word or run of words that spells one name of a group also matches every other name of
 * it. Applied when the query is planned, so an edit of the groups holds at once for every item
 * already indexed — no rebuild.
 */
export interface AliasIndex {
  /** Name key (see `nameKeys`) → the group's names as written. */
  byKey: Map<string, string[]>
  /** The most words a name of any group has. */
  maxWords: number
}

export const NO_ALIASES: AliasIndex = { byKey: new Map(), maxWords: 0 }

/**
 * The keys a name is found under: its words' index terms (the joined form of a hyphenated
 * word), once per spelling: `al-Assad` is found under `alassad`, `Müller` under `mueller` and
 * `muller`. Stop words drop out as they do in the index.
 */
export function nameKeys(name: string): string[] {
  const perWord: string[][] = []
  forEachChunk(name, (raw) => {
    const a = analyseChunk(raw)
    const spellings = [
      ...new Set(
        a.forms
          .map((f) => (a.width === 1 ? f.parts[0] : (f.joined ?? f.parts.join(' '))))
          .filter((t) => t.trim() !== ''),
      ),
    ]
    if (spellings.length > 0) perWord.push(spellings)
  })
  if (perWord.length === 0) return []
  // First spelling of every word, then the second spelling of every word that has one.
  const keys = new Set<string>()
  keys.add(perWord.map((s) => s[0]).join(' '))
  keys.add(perWord.map((s) => s[s.length - 1]).join(' '))
  return [...keys]
}

/** Number of words in a name as the query parser would split it. */
function wordCount(name: string): number {
  return name.split(/\s+/).filter((w) => w !== '').length
}

export function buildAliasIndex(groups: readonly (readonly string[])[]): AliasIndex {
  const byKey = new Map<string, string[]>()
  let maxWords = 0
  for (const group of groups) {
    const names = [...new Set(group.map((w) => w.trim()).filter((w) => w !== ''))]
    if (names.length < 2) continue
    for (const name of names) {
      maxWords = Math.max(maxWords, wordCount(name))
      for (const key of nameKeys(name)) {
        const known = byKey.get(key) ?? []
        byKey.set(key, [...new Set([...known, ...names])])
      }
    }
  }
  return { byKey, maxWords }
}

/** The names equivalent to `text` (itself included), or null when it names no group. */
export function aliasesOf(index: AliasIndex, text: string): string[] | null {
  if (index.byKey.size === 0) return null
  for (const key of nameKeys(text)) {
    const names = index.byKey.get(key)
    if (names) return names
  }
  return null
}
