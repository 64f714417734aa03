import type { CompiledVocabulary } from './compiledVocabulary'
import type { WeightedText } from './itemFields'
import { tokenStream } from './tokenStream'
import type { TagSuggestion } from './suggestionTypes'

export interface RankInput {
  vocabulary: CompiledVocabulary
  fields: readonly WeightedText[]
  /** Tag keys not to suggest: the item's own tags and the user's rejections. */
  exclude: ReadonlySet<string>
  /** Articles in the archive. */
  total: number
  /** Articles holding a name (one of an entry's names), as search counts them. */
  documents(name: string): Promise<number>
  limit?: number
}

interface Tally {
  entry: number
  weighted: number
  count: number
  fields: Set<string>
  /** The matched text and name of the first, best-weighted occurrence. */
  matched: string
  name: string
  bestWeight: number
}

/**
 * Rank the vocabulary's entries found in an item, tf-idf style: each occurrence counts its
 * field's weight (title and captions above body), the sum is damped (1 + ln), and multiplied
 * by the entry's inverse document frequency over the archive's articles, so a name particular
 * to this story ranks above one most stories mention.
 */
export async function rankSuggestions(input: RankInput): Promise<TagSuggestion[]> {
  const { vocabulary, exclude } = input
  const tallies = new Map<number, Tally>()
  for (const f of input.fields) {
    for (const m of vocabulary.matcher.matchStream(tokenStream(f.text))) {
      const entry = vocabulary.entries[m.entry]
      if (exclude.has(entry.key)) continue
      let t = tallies.get(m.entry)
      const matched = f.text.slice(m.start, m.end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      if (!t) {
        t = {
          entry: m.entry,
          weighted: 0,
          count: 0,
          fields: new Set(),
          matched,
          name: entry.names[m.form],
          bestWeight: f.weight,
        }
        tallies.set(m.entry, t)
      } else if (f.weight > t.bestWeight) {
        Object.assign(t, { matched, name: entry.names[m.form], bestWeight: f.weight })
      }
      t.weighted += f.weight
      t.count++
      t.fields.add(f.field)
    }
  }
  const ranked: TagSuggestion[] = []
  for (const t of tallies.values()) {
    const entry = vocabulary.entries[t.entry]
    const documents = Math.max(1, await input.documents(t.name))
    const idf = Math.log(1 + input.total / documents)
    ranked.push({
      tag: entry.tag,
      matched: t.matched,
      fields: [...t.fields],
      count: t.count,
      documents,
      score: Math.round((1 + Math.log(t.weighted)) * idf * 1000) / 1000,
      source: entry.source,
    })
  }
  ranked.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag))
  return ranked.slice(0, input.limit ?? 12)
}
