import { analyseChunk, foldText, forEachChunk } from '../search/analyzer'

/**
 * Short names written in capitals (`US`, `WHO`, `U.N.`, `AT&T`) are keys of their own, `#us`:
 * many are stop words to search (`us`, `who`, `it`), and in lower case they are other words.
 */
export function acronymKey(raw: string): string | null {
  const bare = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/\./g, '')
  return /^\p{Lu}[\p{Lu}\p{N}&]{1,5}$/u.test(bare) ? `#${foldText(bare)}` : null
}

/** One way to read the text at a position: an index term and how many positions it spans. */
export interface TokenAlt {
  term: string
  advance: number
}

/**
 * A text as search reads it: positions (every part of every chunk, stop words kept as '' so
 * phrases keep their gaps), each with the terms it may be (its spellings; at a hyphenated
 * word's first part also the joined word, spanning all its parts), and where in the text it is.
 */
export interface TokenStream {
  alts: TokenAlt[][]
  /** [start, end) of the chunk each position belongs to. */
  start: number[]
  end: number[]
}

export function tokenStream(text: string): TokenStream {
  const alts: TokenAlt[][] = []
  const start: number[] = []
  const end: number[] = []
  forEachChunk(text, (raw, _index, s, e) => {
    const a = analyseChunk(raw)
    for (let offset = 0; offset < a.width; offset++) {
      const here: TokenAlt[] = []
      const add = (term: string, advance: number) => {
        if (!here.some((h) => h.term === term && h.advance === advance))
          here.push({ term, advance })
      }
      for (const f of a.forms) add(f.parts[offset] ?? '', 1)
      if (offset === 0) {
        for (const f of a.forms) if (f.joined) add(f.joined, a.width)
        const acronym = acronymKey(raw)
        if (acronym) add(acronym, a.width)
      }
      alts.push(here)
      start.push(s)
      end.push(e)
    }
  })
  return { alts, start, end }
}

/**
 * The term sequences a name is found under: each word's spellings, a hyphenated word as its
 * parts or as its joined word; leading and trailing stop words dropped (a name of stop words
 * only has none). At most `limit` sequences.
 */
export function keySequences(name: string, limit = 8): string[][] {
  const acronym = acronymKey(name.trim())
  if (acronym && !/\s/.test(name.trim())) return [[acronym]]
  let seqs: string[][] = [[]]
  forEachChunk(name, (raw) => {
    const a = analyseChunk(raw)
    const options: string[][] = []
    const seen = new Set<string>()
    const push = (seq: string[]) => {
      const k = seq.join('\u0000')
      if (!seen.has(k)) {
        seen.add(k)
        options.push(seq)
      }
    }
    for (const f of a.forms) {
      push(f.parts)
      if (f.joined) push([f.joined])
    }
    const next: string[][] = []
    for (const s of seqs) for (const o of options) if (next.length < limit) next.push([...s, ...o])
    seqs = next
  })
  const out: string[][] = []
  const seen = new Set<string>()
  for (const s of seqs) {
    let a = 0
    let b = s.length
    while (a < b && s[a] === '') a++
    while (b > a && s[b - 1] === '') b--
    const trimmed = s.slice(a, b)
    const k = trimmed.join('\u0000')
    if (trimmed.length > 0 && !seen.has(k)) {
      seen.add(k)
      out.push(trimmed)
    }
  }
  return out
}
