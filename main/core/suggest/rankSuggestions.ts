import { foldText } from '../search/analyzer'
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
  /** Least field-weighted occurrences (default `MIN_WEIGHT`). */
  minWeight?: number
}

/**
 * The least field-weighted occurrences a suggestion needs: one in the headline, the lede, a
 * caption or a credit, or two in the body.
 */
export const MIN_WEIGHT = 1.5

/** What an occurrence in lower case of a capitalised one-word name counts (see below). */
const LOWER_CASE_WEIGHT = 0.3

const EDGE_RE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu

/**
 * Names are not stemmed: a capitalised name matches its own words with at most a plural or
 * possessive ending (`Oscars`, `Blair's`), not every word with its stem (`Federer` ≠ `Federal`).
 */
export function sameName(name: string, text: string): boolean {
  const words = (s: string) =>
    foldText(s)
      .replace(/['’]s\b/g, '')
      // Spelled-out letters were matched by the trie already (`Mueller` for `Müller`).
      .replace(/([aou])e|(a)a/g, '$1$2')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '')
  const a = words(name)
  const b = words(text)
  if (a.join('') === b.join('')) return true
  if (a.length !== b.length) return false
  return a.every((w, i) => b[i] === w || (b[i].startsWith(w) && b[i].length - w.length <= 2))
}

/** Occurrences count less and less: 1 + ln(w) from 1 up, linear below. */
const damp = (w: number) => (w >= 1 ? 1 + Math.log(w) : w)

interface Tally {
  entry: number
  weighted: number
  count: number
  fields: Set<string>
  /** The matched text and name of the first, best-weighted occurrence. */
  matched: string
  name: string
  bestWeight: number
  /** Where it was found (field, positions): two entries found at the same places are one. */
  spans: string[]
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
  input.fields.forEach((f, fieldIndex) => {
    for (const m of vocabulary.matcher.matchStream(tokenStream(f.text), f.text)) {
      const entry = vocabulary.entries[m.entry]
      if (exclude.has(entry.key)) continue
      // A name written capitalised met in lower case: a common word (`sales` for `Sale`).
      // Several words (`Me Out Of`) never count so; one word counts little.
      const matched = f.text.slice(m.start, m.end).replace(EDGE_RE, '')
      if (m.capitalised && !sameName(entry.names[m.form], matched)) continue
      let weight = f.weight
      if (m.capitalised && !m.cased) {
        if (/\s/.test(entry.names[m.form].trim())) continue
        weight *= LOWER_CASE_WEIGHT
      }
      let t = tallies.get(m.entry)
      if (!t) {
        t = {
          entry: m.entry,
          weighted: 0,
          count: 0,
          fields: new Set(),
          matched,
          name: entry.names[m.form],
          bestWeight: weight,
          spans: [],
        }
        tallies.set(m.entry, t)
      } else if (weight > t.bestWeight) {
        Object.assign(t, { matched, name: entry.names[m.form], bestWeight: weight })
      }
      t.weighted += weight
      t.count++
      t.fields.add(f.field)
      t.spans.push(`${fieldIndex}:${m.first}-${m.last}`)
    }
  })
  // Entries found at exactly the same places (`Lib Dem` and `Lib Dems`, `Kiev` and `Kyiv` as
  // two terms) are one suggestion: the one whose name is the text as written wins.
  const bySpans = new Map<string, Tally>()
  for (const t of tallies.values()) {
    const key = t.spans.join(' ')
    const other = bySpans.get(key)
    const exact = (x: Tally) =>
      sameName(x.name, x.matched) && x.name.length === x.matched.length ? 1 : 0
    if (!other || exact(t) > exact(other)) bySpans.set(key, t)
  }
  const ranked: TagSuggestion[] = []
  for (const t of bySpans.values()) {
    // One passing mention deep in the body is no reason to tag the story.
    if (t.weighted < (input.minWeight ?? MIN_WEIGHT)) continue
    const entry = vocabulary.entries[t.entry]
    const documents = Math.max(1, await input.documents(t.name))
    const idf = Math.log(1 + input.total / documents)
    ranked.push({
      tag: entry.tag,
      matched: t.matched,
      fields: [...t.fields],
      count: t.count,
      documents,
      score: Math.round(damp(t.weighted) * idf * 1000) / 1000,
      source: entry.source,
    })
  }
  ranked.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag))
  return ranked.slice(0, input.limit ?? 12)
}
