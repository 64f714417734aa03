import lunr from 'lunr'
import { foldText } from './analyzer'
import type { Segment } from './segment'
import type { SegmentSet } from './segmentSet'

/**
 * The surface vocabulary behind typo tolerance: every segment keeps its distinct words as
 * written (folded and trimmed, before stemming), sorted, each pointing at its index term.
 * `closeWords` walks such a sorted list as if it were a trie: words sharing a prefix share the
 * rows of the edit-distance table, and a whole prefix range is skipped (one binary search) as
 * soon as no cell of its last row is within the budget. Cost grows with the number of distinct
 * prefixes within reach of the query, not with the vocabulary.
 */

/** The folded surface form of a raw token, as the vocabulary stores it ('' when none). */
export function surfaceOf(raw: string): string {
  const token = lunr.trimmer(new lunr.Token(foldText(raw), {})) as lunr.Token
  return token.toString()
}

/** Words worth correcting or offering: letters only (numbers and codes are never "close"). */
export function isCorrectable(word: string): boolean {
  return word.length > 0 && !/[\d_]/.test(word)
}

/** Edits allowed for a word of this length: 0 up to 3 letters, 1 up to 7, then 2. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0
  if (length <= 7) return 1
  return 2
}

/** The longest query word compared (longer words are never corrected). */
export const MAX_WORD = 40

/** Reused rows of the distance table: row d belongs to the first d letters of a candidate. */
let table: Int32Array[] = []
/** The smallest cell of each row. */
let rowMins = new Int32Array(0)

function rowsFor(depth: number, width: number): Int32Array[] {
  if (table.length <= depth || (table[0]?.length ?? 0) < width) {
    const rows = Math.max(depth + 1, table.length)
    const w = Math.max(width, table[0]?.length ?? 0)
    table = Array.from({ length: rows }, () => new Int32Array(w))
    rowMins = new Int32Array(rows)
  }
  return table
}

/** First index in `sorted` (from `from` on) whose word does not start with `prefix`. */
function afterPrefix(sorted: readonly string[], prefix: string, from: number): number {
  let lo = from
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid].startsWith(prefix) || sorted[mid] < prefix) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index in `sorted` whose word is >= `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < word) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The range of `sorted` whose words start with `prefix`. */
export function prefixRange(sorted: readonly string[], prefix: string): [number, number] {
  const from = lowerBound(sorted, prefix)
  return [from, afterPrefix(sorted, prefix, from)]
}

/**
 * Call `visit(index, distance)` for every word of `sorted` (UTF-16 order; only the indexes in
 * [from, to)) within `max` edits of `query` (optimal string alignment: insertion, deletion,
 * substitution, and a swap of two neighbours count one edit each). Stops after `limit` words.
 * Only the diagonal band of the table that can stay within `max` is computed; cells outside it
 * count as `max + 1`, which changes no decision.
 */
export function closeWords(
  sorted: readonly string[],
  query: string,
  max: number,
  visit: (index: number, distance: number) => void,
  limit = 10_000,
  from = 0,
  to = sorted.length,
): void {
  const q = query.length
  if (q === 0 || q > MAX_WORD || from >= to) return
  const maxLen = q + max
  const over = max + 1
  const rows = rowsFor(maxLen + 1, q + 2)
  const row0 = rows[0]
  for (let j = 0; j <= q + 1; j++) row0[j] = j <= max ? j : over
  rowMins[0] = 0
  let prev = '' // the word whose rows 0..valid are in the table
  let valid = 0
  let found = 0
  let i = from
  while (i < to) {
    const w = sorted[i]
    // Rows for the prefix shared with the previous word are still right.
    let d = 0
    const shared = Math.min(valid, w.length, prev.length)
    while (d < shared && w.charCodeAt(d) === prev.charCodeAt(d)) d++
    let pruned = -1
    const end = Math.min(w.length, maxLen)
    for (let k = d + 1; k <= end; k++) {
      const cur = rows[k]
      const up = rows[k - 1]
      const c = w.charCodeAt(k - 1)
      const lo = Math.max(1, k - max)
      const hi = Math.min(q, k + max)
      cur[0] = k <= max ? k : over
      cur[lo - 1] = lo - 1 === 0 ? cur[0] : over
      if (hi < q) cur[hi + 1] = over
      let rowMin = k <= max ? k : over
      for (let j = lo; j <= hi; j++) {
        const qc = query.charCodeAt(j - 1)
        let v = up[j - 1] + (qc === c ? 0 : 1)
        const del = up[j] + 1
        if (del < v) v = del
        const ins = cur[j - 1] + 1
        if (ins < v) v = ins
        if (k > 1 && j > 1 && qc === w.charCodeAt(k - 2) && query.charCodeAt(j - 2) === c) {
          const swap = rows[k - 2][j - 2] + 1
          if (swap < v) v = swap
        }
        if (v > over) v = over
        cur[j] = v
        if (v < rowMin) rowMin = v
      }
      rowMins[k] = rowMin
      // Later rows never drop below this row's minimum, except through a swap, which adds one
      // to a cell of the row before: past both, no word with this prefix can come close.
      if (rowMin > max && rowMins[k - 1] >= max) {
        pruned = k
        break
      }
    }
    prev = w
    if (pruned !== -1) {
      valid = pruned - 1
      i = Math.min(to, afterPrefix(sorted, w.slice(0, pruned), i + 1))
      continue
    }
    valid = end
    if (w.length <= maxLen && w.length >= q - max) {
      const dist = rows[w.length][q]
      if (dist <= max) {
        visit(i, dist)
        if (++found >= limit) return
      }
    }
    i++
  }
}

/** At most this many terms for one `word~N`. */
export const MAX_EXPANSIONS = 64
/** Vocabulary matches gathered per walk before ranking. */
const WALK_LIMIT = 512

export interface CloseTerm {
  term: string
  /** A word of the texts that indexes as `term` (null when only the stems were close). */
  surface: string | null
  distance: number
  df: number
}

/**
 * The vocabulary of a whole segment set: every surface word and every term of its segments,
 * sorted, each with the term it indexes as (a term stands for itself). Built on first use and
 * grown as segments arrive (a merged segment adds nothing new); words whose documents are gone
 * stay, and are filtered by their document frequency (0) when offered.
 */
interface SetVocabulary {
  words: string[]
  terms: string[]
  /** 1 when the word occurs as written in some text (not only as a stem). */
  surface: Uint8Array
  included: WeakSet<Segment>
}

const vocabularies = new WeakMap<SegmentSet, SetVocabulary>()

export function vocabularyOf(set: SegmentSet): SetVocabulary {
  let v = vocabularies.get(set)
  if (!v) {
    v = { words: [], terms: [], surface: new Uint8Array(0), included: new WeakSet() }
    vocabularies.set(set, v)
  }
  const fresh = set.segments.filter((s) => !v.included.has(s))
  if (fresh.length === 0) return v
  const known = new Map<string, number>()
  v.words.forEach((w, i) => known.set(w, i))
  const added = new Map<string, { term: string; surface: boolean }>()
  const offer = (word: string, term: string, surface: boolean) => {
    const at = known.get(word)
    if (at !== undefined) {
      if (surface && !v.surface[at]) {
        v.surface[at] = 1
        v.terms[at] = term
      }
      return
    }
    const had = added.get(word)
    if (!had || (surface && !had.surface)) added.set(word, { term, surface })
  }
  for (const seg of fresh) {
    const { words, wordTerm, terms } = seg.data
    for (let i = 0; i < words.length; i++) offer(words[i], terms[wordTerm[i]], true)
    for (const t of terms) if (isCorrectable(t)) offer(t, t, false)
    v.included.add(seg)
  }
  if (added.size === 0) return v
  const incoming = [...added.keys()].sort()
  const total = v.words.length + incoming.length
  const words: string[] = new Array<string>(total)
  const terms: string[] = new Array<string>(total)
  const surface = new Uint8Array(total)
  let i = 0
  let j = 0
  for (let k = 0; k < total; k++) {
    if (j >= incoming.length || (i < v.words.length && v.words[i] < incoming[j])) {
      words[k] = v.words[i]
      terms[k] = v.terms[i]
      surface[k] = v.surface[i++]
    } else {
      const e = added.get(incoming[j])!
      words[k] = incoming[j++]
      terms[k] = e.term
      surface[k] = e.surface ? 1 : 0
    }
  }
  v.words = words
  v.terms = terms
  v.surface = surface
  return v
}

/** A word of the texts that indexes as `term` (the term itself when none is near it). */
export function surfaceFor(set: SegmentSet, term: string): string {
  const v = vocabularyOf(set)
  let lo = 0
  let hi = v.words.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (v.words[mid] < term) lo = mid + 1
    else hi = mid
  }
  for (let i = lo; i < Math.min(v.words.length, lo + 64) && v.words[i].startsWith(term); i++)
    if (v.surface[i] && v.terms[i] === term) return v.words[i]
  return term
}

/**
 * The index terms close to `word`: its folded form against the set's vocabulary (words as
 * written and stems), and its stem `stem` too when `stems` says so ('always', or 'fallback':
 * only when the word itself found nothing). The stem's budget is the smaller of `max` and
 * what its own length allows. Ranked by distance, words as written first, then by document
 * frequency.
 */
export function closeTerms(
  set: SegmentSet,
  word: string,
  stem: string,
  max: number,
  limit: number,
  stems: 'always' | 'fallback' = 'always',
): CloseTerm[] {
  const folded = surfaceOf(word).slice(0, MAX_WORD + 1)
  const found = new Map<string, CloseTerm>()
  const v = vocabularyOf(set)
  const offer = (i: number, distance: number) => {
    const term = v.terms[i]
    const surface = v.surface[i] ? v.words[i] : null
    const had = found.get(term)
    if (
      !had ||
      distance < had.distance ||
      (distance === had.distance && had.surface === null && surface !== null)
    )
      found.set(term, { term, surface, distance, df: 0 })
  }
  // Words that keep the first letter first (most typos do; it is a tenth of the walk), then
  // the rest when that found nothing.
  const walk = (query: string, budget: number) => {
    if (query === '') return
    const [from, to] = prefixRange(v.words, query.charAt(0))
    closeWords(v.words, query, budget, offer, WALK_LIMIT, from, to)
    if (found.size > 0) return
    closeWords(v.words, query, budget, offer, WALK_LIMIT, 0, from)
    closeWords(v.words, query, budget, offer, WALK_LIMIT, to, v.words.length)
  }
  walk(folded, max)
  const stemMax = Math.min(max, Math.max(1, typoBudget(stem.length)))
  if (stem !== folded && (stems === 'always' || found.size === 0)) walk(stem, stemMax)
  const out: CloseTerm[] = []
  for (const c of found.values()) {
    c.df = set.df(c.term)
    if (c.df > 0) out.push(c)
  }
  out.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(a.surface === null) - Number(b.surface === null) ||
      b.df - a.df ||
      (a.term < b.term ? -1 : 1),
  )
  return out.slice(0, limit)
}
