import { analyseChunk, forEachChunk, type ChunkAnalysis } from './analyzer'

/** One word of a phrase: any of `terms` at `offset` positions from the phrase's start. */
export interface PhraseElement {
  terms: string[]
  offset: number
}

/** One way a clause can match: terms in fields, optionally as a phrase. */
export interface Option {
  fields: number[]
  /** Expanded terms (prefix, fuzzy, spellings, aliases) — any of them matches. */
  terms: string[]
  /** For a phrase: its words with their offsets; the option matches only verified docs. */
  phrase: PhraseElement[] | null
}

/** At most this many spellings of one phrase are tried (each joined-or-split choice doubles). */
const MAX_PHRASE_VARIANTS = 8

const unique = (xs: string[]) => [...new Set(xs.filter((x) => x !== ''))]

/**
 * The options a typed word or phrase matches, with the index's conventions (analyzer.ts):
 * one word gives its spellings as terms (`Müller` → `mueller`, `muller`); a hyphenated or
 * apostrophed word gives its joined form as a term and its parts as a phrase (`Wal-Mart` →
 * `walmart`, or `wal mart` in a row); several words give a phrase, once with each such word
 * split and once joined, so `"the Wal-Mart store"` finds `the Walmart store` too.
 * Empty when every word is a stop word.
 */
export function optionsForText(text: string, fields: number[]): Option[] {
  const chunks: ChunkAnalysis[] = []
  forEachChunk(text, (raw) => void chunks.push(analyseChunk(raw)))
  if (chunks.length === 1) return wordOptions(chunks[0], fields)
  return phraseOptions(chunks, fields)
}

function wordOptions(chunk: ChunkAnalysis, fields: number[]): Option[] {
  const single = unique(chunk.forms.map((f) => (chunk.width === 1 ? f.parts[0] : (f.joined ?? ''))))
  const out: Option[] = []
  if (single.length > 0) out.push({ fields, terms: single, phrase: null })
  if (chunk.width > 1) {
    const phrase = splitElements(chunk, 0)
    if (phrase.length === 1) {
      const terms = unique([...(out[0]?.terms ?? []), ...phrase[0].terms])
      if (out[0]) out[0].terms = terms
      else out.push({ fields, terms, phrase: null })
    } else if (phrase.length > 1) out.push({ fields, terms: [], phrase })
  }
  return out
}

/** A chunk's parts as phrase elements from `offset` (dropped parts leave their slot). */
function splitElements(chunk: ChunkAnalysis, offset: number): PhraseElement[] {
  const out: PhraseElement[] = []
  for (let p = 0; p < chunk.width; p++) {
    const terms = unique(chunk.forms.map((f) => f.parts[p]))
    if (terms.length > 0) out.push({ terms, offset: offset + p })
  }
  return out
}

function phraseOptions(chunks: ChunkAnalysis[], fields: number[]): Option[] {
  const joinable = chunks.map((c) => c.width > 1 && c.forms.some((f) => f.joined !== null))
  // Which joinable chunks are tried joined: every subset while few, else all split or all joined.
  const choices = joinable.filter(Boolean).length
  const masks: number[] = []
  if (1 << choices <= MAX_PHRASE_VARIANTS) for (let m = 0; m < 1 << choices; m++) masks.push(m)
  else masks.push(0, (1 << choices) - 1)
  const out: Option[] = []
  const seen = new Set<string>()
  for (const mask of masks) {
    const elements: PhraseElement[] = []
    let offset = 0
    let bit = 0
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]
      const joined = joinable[i] && (mask >> bit++) & 1
      if (joined) {
        const terms = unique(c.forms.map((f) => f.joined ?? ''))
        if (terms.length > 0) elements.push({ terms, offset })
        offset += 1
      } else {
        elements.push(...splitElements(c, offset))
        offset += c.width
      }
    }
    if (elements.length === 0) continue
    // Offsets relative to the first kept word.
    const first = elements[0].offset
    for (const e of elements) e.offset -= first
    const key = JSON.stringify(elements)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(
      elements.length === 1
        ? { fields, terms: elements[0].terms, phrase: null }
        : { fields, terms: [], phrase: elements },
    )
  }
  return out
}

/** Every term a phrase can match with (for scoring and highlighting). */
export function phraseTerms(phrase: readonly PhraseElement[]): string[] {
  const out = new Set<string>()
  for (const e of phrase) for (const t of e.terms) out.add(t)
  return [...out]
}
