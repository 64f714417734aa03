import { foldText } from '../search/analyzer'

/**
 * Word shingles of a text for near-duplicate detection: the text is folded (case, diacritics)
 * and split into words (letters and digits); every run of `size` consecutive words is hashed to
 * 32 bits. Punctuation, layout and spacing never matter, so the same wire copy set in another
 * outlet's template gives the same shingles.
 */

/** Words per shingle. Tuned on the generated set (bench/similar.ts): see docs/BENCHMARKS.md. */
export const SHINGLE_WORDS = 2

const WORD_RE = /[\p{L}\p{N}]+/gu

/** The folded words of a text, in order. */
export function wordsOf(text: string): string[] {
  return foldText(text).match(WORD_RE) ?? []
}

/** FNV-1a over a string's UTF-16 code units, 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
export function mix32(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/**
 * The distinct shingle hashes of a text, sorted ascending. A text shorter than `size` words
 * gives one shingle of all its words; an empty text gives none.
 */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Uint32Array {
  const words = wordsOf(text)
  if (words.length === 0) return new Uint32Array(0)
  const wordHashes = words.map(hashString)
  const count = Math.max(1, words.length - size + 1)
  const out = new Uint32Array(count)
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c
    const end = Math.min(words.length, i + size)
    for (let j = i; j < end; j++) h = mix32(Math.imul(h, 31) ^ wordHashes[j])
    out[i] = h
  }
  out.sort()
  let n = 0
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]
  return out.slice(0, n)
}

/** Exact Jaccard similarity of two sorted, distinct shingle sets (for tests and tuning). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1
  let i = 0
  let j = 0
  let both = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return both / (a.length + b.length - both)
}
