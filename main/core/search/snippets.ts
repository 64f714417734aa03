import { analyseChunk, forEachTokenSpan } from './analyzer'
import type { Snippet } from './types'

/** About how long a passage is, in characters. */
export const PASSAGE_LENGTH = 200

interface Match {
  start: number
  end: number
  term: string
}

const heads = new WeakMap<ReadonlySet<string>, Set<number> | null>()

/**
 * The first two letters of every term (as a number), or null when a term is shorter. lunr's
 * stemmer only rewrites word endings, so a token whose folded start is not among these cannot
 * match: most tokens are skipped without slicing a string or running the pipeline.
 */
function headsOf(terms: ReadonlySet<string>): Set<number> | null {
  let h = heads.get(terms)
  if (h !== undefined) return h
  h = new Set<number>()
  for (const t of terms) {
    if (t.length < 2) {
      h = null
      break
    }
    h.add(t.charCodeAt(0) * 65536 + t.charCodeAt(1))
  }
  heads.set(terms, h)
  return h
}

const WORDISH = /[\p{L}\p{N}_]/u

/** Marks a token whose head cannot be told cheaply (non-ASCII start, inner parts). */
const ANY_HEAD = -2

/** Head of the token text[start, end) as `headsOf` codes it; -1 when it has none. */
function headOf(text: string, start: number, end: number): number {
  let i = start
  for (; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) break
    } else if (WORDISH.test(text[i])) break
  }
  if (i + 1 >= end) return -1
  // A hyphenated or apostrophed word is also indexed as its later parts.
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j)
    if (c === 45 || c === 39 || c === 0x2019 || c === 0x2010 || c === 0x2011 || c === 0x2bc)
      return ANY_HEAD
  }
  const a = text.charCodeAt(i)
  const b = text.charCodeAt(i + 1)
  // Folded letters may have two spellings (`Ø` → `o`, `oe`): let the analysis decide.
  if (a >= 128 || b >= 128) return ANY_HEAD
  return lower(a) * 65536 + lower(b)
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c
}

function matchesIn(text: string, terms: ReadonlySet<string>): Match[] {
  const out: Match[] = []
  if (terms.size === 0 || !text) return out
  const h = headsOf(terms)
  forEachTokenSpan(text, (start, end) => {
    if (h) {
      const head = headOf(text, start, end)
      if (head !== ANY_HEAD && !h.has(head)) return
    }
    for (const { term } of analyseChunk(text.slice(start, end)).terms)
      if (terms.has(term)) {
        out.push({ ...trimPunctuation(text, start, end), term })
        break
      }
  })
  return out
}

/** Highlight the word, not the quote marks or comma around it. */
function trimPunctuation(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /[^\p{L}\p{N}]/u.test(text[start])) start++
  while (end > start && /[^\p{L}\p{N}]/u.test(text[end - 1])) end--
  return { start, end }
}

/** The whole (short) text with every matching word highlighted. */
export function wholeSnippet(
  field: Snippet['field'],
  text: string,
  terms: ReadonlySet<string>,
): Snippet {
  return { field, text, highlights: matchesIn(text, terms).map((m) => [m.start, m.end]) }
}

/**
 * The best passage of about PASSAGE_LENGTH characters: the window with the most distinct
 * matching terms, then the most matches, cut at word boundaries. Null when nothing matches.
 */
export function bestPassage(
  field: Snippet['field'],
  text: string,
  terms: ReadonlySet<string>,
): { snippet: Snippet; distinct: number; count: number } | null {
  const matches = matchesIn(text, terms)
  if (matches.length === 0) return null
  let best = { from: 0, to: 0, distinct: -1, count: 0 }
  for (let i = 0; i < matches.length; i++) {
    const limit = matches[i].start + PASSAGE_LENGTH
    const seen = new Set<string>()
    let j = i
    while (j < matches.length && matches[j].end <= limit) seen.add(matches[j++].term)
    const count = j - i
    if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count))
      best = { from: i, to: j, distinct: seen.size, count }
  }
  const first = matches[best.from]
  const last = matches[Math.max(best.from, best.to - 1)]
  const span = last.end - first.start
  const slack = Math.max(0, PASSAGE_LENGTH - span)
  let start = Math.max(0, first.start - Math.floor(slack / 3))
  let end = Math.min(text.length, Math.max(last.end, start + PASSAGE_LENGTH))
  if (end - start < PASSAGE_LENGTH) start = Math.max(0, end - PASSAGE_LENGTH)
  if (start > 0) {
    const space = text.lastIndexOf(' ', first.start)
    start = space >= start - 20 && space >= 0 && space < first.start ? space + 1 : start
    if (start > first.start) start = first.start
  }
  if (end < text.length) {
    const space = text.indexOf(' ', end)
    if (space !== -1 && space - end < 20) end = space
  }
  const prefix = start > 0 ? '…' : ''
  const suffix = end < text.length ? '…' : ''
  const shift = prefix.length - start
  const highlights: [number, number][] = []
  for (const m of matches)
    if (m.start >= start && m.end <= end) highlights.push([m.start + shift, m.end + shift])
  return {
    snippet: { field, text: prefix + text.slice(start, end) + suffix, highlights },
    distinct: best.distinct,
    count: best.count,
  }
}

/** A passage from the beginning of a text when no word matched there (for context). */
export function leadSnippet(field: Snippet['field'], text: string): Snippet {
  if (text.length <= PASSAGE_LENGTH) return { field, text, highlights: [] }
  const space = text.indexOf(' ', PASSAGE_LENGTH)
  const end = space !== -1 && space - PASSAGE_LENGTH < 20 ? space : PASSAGE_LENGTH
  return { field, text: text.slice(0, end) + '…', highlights: [] }
}
