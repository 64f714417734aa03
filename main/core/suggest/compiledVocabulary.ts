import { buildAliasIndex, aliasesOf } from '../search/aliasIndex'
import { tagKey } from '../tags'
import { lastSegment, type VocabularyTerm } from '../vocabulary/vocabularyTypes'
import { TermMatcher } from './termMatcher'

/** One suggestible tag with every name it is found under. */
export interface VocabularyEntry {
  tag: string
  key: string
  /** Its label (last path segment) first, then synonyms and name variants. */
  names: string[]
  source: 'tag' | 'vocabulary'
}

export interface CompiledVocabulary {
  entries: VocabularyEntry[]
  matcher: TermMatcher
  /** Tag key → entry index. */
  byKey: Map<string, number>
}

/**
 * Compile the archive's vocabulary once: the imported terms (label = last path segment, plus
 * synonyms and alternative labels), the archive's own tags (their last segment), and for
 * every name its variants from the name-variant groups (`Gaddafi` finds `Qadhafi`). Terms and
 * tags naming the same tag are one entry.
 */
export function compileVocabulary(
  terms: readonly VocabularyTerm[],
  tags: readonly string[],
  aliasGroups: readonly (readonly string[])[],
): CompiledVocabulary {
  const entries: VocabularyEntry[] = []
  const byKey = new Map<string, number>()
  const add = (tag: string, names: readonly string[], source: VocabularyEntry['source']) => {
    const key = tagKey(tag)
    if (!key) return
    const at = byKey.get(key)
    if (at === undefined) {
      byKey.set(key, entries.length)
      entries.push({ tag, key, names: [...new Set(names)], source })
    } else {
      const e = entries[at]
      e.names = [...new Set([...e.names, ...names])]
    }
  }
  for (const t of terms) add(t.path, [lastSegment(t.path), ...(t.synonyms ?? [])], 'vocabulary')
  for (const tag of tags) add(tag, [lastSegment(tag)], 'tag')
  const aliases = buildAliasIndex(aliasGroups)
  if (aliases.byKey.size > 0) {
    for (const e of entries) {
      const extra = e.names.flatMap((n) => aliasesOf(aliases, n) ?? [])
      if (extra.length > 0) e.names = [...new Set([...e.names, ...extra])]
    }
  }
  return { entries, matcher: new TermMatcher(entries.map((e) => e.names)), byKey }
}
