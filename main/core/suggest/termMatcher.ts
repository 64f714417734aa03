import { keySequences, tokenStream, type TokenStream } from './tokenStream'

/** Something the matcher finds: an entry index and the name it was found under. */
interface Hit {
  entry: number
  form: number
  capitalised: boolean
}

interface TrieNode {
  next: Map<string, TrieNode>
  hits: Hit[]
}

/** One occurrence of an entry in a text. */
export interface TermMatch {
  entry: number
  /** Which of the entry's names matched (index into the `names` it was compiled with). */
  form: number
  /** Positions [first, last) in the token stream and characters [start, end) in the text. */
  first: number
  last: number
  start: number
  end: number
  /** The name is written capitalised (`Sale`, `Bank of England`): a proper name, perhaps. */
  capitalised: boolean
  /** The text there starts with a capital letter. */
  cased: boolean
}

/** The first letter (after any opening quote or bracket) is a capital. */
const CASED_RE = /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u
/** `Sale`, `Tony Blair` (not `economy`, not `WHO`: acronyms have keys of their own). */
const CAPITALISED_RE = /^\p{Lu}/u

/**
 * A compiled vocabulary: every name of every entry as a sequence of index terms (the
 * analyzer search uses: case, diacritics, spellings, hyphenation and English stems folded) in
 * one trie, so one pass over a text finds every whole-word occurrence of every name, in time
 * proportional to the text, not to the vocabulary. Where names overlap, the longest wins
 * (`New York` hides `York` inside it). Short names in capitals match only in capitals
 * (`acronymKey`: `US` is not `us`).
 */
export class TermMatcher {
  private readonly root: TrieNode = { next: new Map(), hits: [] }
  private nodes = 0

  /** `names[i]`: the names entry i is found under (its label first). */
  constructor(names: readonly (readonly string[])[]) {
    names.forEach((forms, entry) => {
      forms.forEach((form, f) => {
        for (const seq of keySequences(form)) {
          if (seq.length === 1 && seq[0].length < 2) continue
          let node = this.root
          for (const term of seq) {
            let child = node.next.get(term)
            if (!child) {
              child = { next: new Map(), hits: [] }
              node.next.set(term, child)
              this.nodes++
            }
            node = child
          }
          if (!node.hits.some((h) => h.entry === entry)) {
            node.hits.push({ entry, form: f, capitalised: CAPITALISED_RE.test(form.trim()) })
          }
        }
      })
    })
  }

  get size(): number {
    return this.nodes
  }

  /** Every occurrence in `text`, longest first where they overlap. */
  match(text: string): TermMatch[] {
    return this.matchStream(tokenStream(text), text)
  }

  matchStream(stream: TokenStream, text: string): TermMatch[] {
    const found: TermMatch[] = []
    const n = stream.alts.length
    const visit = (node: TrieNode, first: number, at: number) => {
      for (const h of node.hits) {
        found.push({
          entry: h.entry,
          form: h.form,
          first,
          last: at,
          start: stream.start[first],
          end: stream.end[at - 1],
          capitalised: h.capitalised,
          cased: CASED_RE.test(text.slice(stream.start[first], stream.start[first] + 4)),
        })
      }
      if (at >= n || node.next.size === 0) return
      for (const alt of stream.alts[at]) {
        const child = node.next.get(alt.term)
        if (child) visit(child, first, at + alt.advance)
      }
    }
    for (let i = 0; i < n; i++) {
      for (const alt of stream.alts[i]) {
        if (alt.term === '') continue
        const child = this.root.next.get(alt.term)
        if (child) visit(child, i, i + alt.advance)
      }
    }
    return longestFirst(found)
  }
}

/** Drop matches lying inside a longer match (`Blair` inside `Tony Blair`); one per entry and start. */
function longestFirst(found: TermMatch[]): TermMatch[] {
  found.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first)
  const kept: TermMatch[] = []
  const seen = new Set<string>()
  for (const m of found) {
    const key = `${m.entry}:${m.first}`
    if (seen.has(key)) continue
    const inside = kept.some(
      (k) => k.first <= m.first && k.last >= m.last && k.last - k.first > m.last - m.first,
    )
    if (inside) continue
    seen.add(key)
    kept.push(m)
  }
  return kept.sort((a, b) => a.first - b.first)
}
