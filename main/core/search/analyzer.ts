import lunr from 'lunr'

/**
 * Text analysis shared by indexing, querying and snippets: lunr's tokenizer split, then lunr's
 * own pipeline functions (trimmer, stop-word filter, English stemmer), after folding case and
 * diacritics so `Souleïman` and `Souleiman` give the same term. Results are memoised per raw
 * token: a newsroom vocabulary is small next to the number of tokens it is read in.
 */

/** lunr splits on whitespace and hyphens (`lunr.tokenizer.separator`). */
const SEPARATOR = /[\s-]/

function isSeparator(code: number, text: string, i: number): boolean {
  if (code === 32 || code === 45 || (code >= 9 && code <= 13)) return true
  if (code < 128) return false
  return SEPARATOR.test(text[i])
}

/** Letters that NFD does not decompose into base + combining mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ʼ: "'",
  '’': "'",
}
const EXTRA_FOLD_RE = /[ßæœøđðłıþʼ’]/g
const MARKS_RE = /\p{M}+/gu
// eslint-disable-next-line no-control-regex -- the ASCII fast path
const ASCII_RE = /^[\x00-\x7f]*$/

/** Lower-case and strip diacritics: `Souleïman` → `souleiman`. Never adds separators. */
export function foldText(text: string): string {
  const lower = text.toLowerCase()
  if (ASCII_RE.test(lower)) return lower
  return lower
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c)
}

const MEMO_LIMIT = 400_000
let memo = new Map<string, string>()

/**
 * The index term for one raw token (no separators inside), or '' when the pipeline drops it
 * (stop word, punctuation only). Same result as lunr's builder pipeline on the folded token.
 */
export function termOf(raw: string): string {
  let term = memo.get(raw)
  if (term !== undefined) return term
  term = runPipeline(foldText(raw))
  if (memo.size >= MEMO_LIMIT) memo = new Map()
  memo.set(raw, term)
  return term
}

function runPipeline(folded: string): string {
  let token: lunr.Token | undefined = new lunr.Token(folded, {})
  token = lunr.trimmer(token) as lunr.Token
  if (token.toString() === '') return ''
  token = lunr.stopWordFilter(token) as lunr.Token | undefined
  if (token === undefined || token === null) return ''
  token = lunr.stemmer(token) as lunr.Token
  return token.toString()
}

/** Like `termOf` but without the stop-word filter (query words the user typed on purpose). */
export function stemOnly(raw: string): string {
  let token = lunr.trimmer(new lunr.Token(foldText(raw), {})) as lunr.Token
  if (token.toString() === '') return ''
  token = lunr.stemmer(token) as lunr.Token
  return token.toString()
}

/**
 * Walk the tokens of `text` as lunr's tokenizer would split it. `index` counts every token
 * (kept or dropped), as lunr's token metadata does, so phrase gaps left by stop words survive.
 * `start`/`end` are offsets into `text`. Returns the number of tokens seen.
 */
export function forEachToken(
  text: string,
  visit: (term: string, index: number, start: number, end: number) => void,
): number {
  const len = text.length
  let index = 0
  let start = 0
  for (let i = 0; i <= len; i++) {
    if (i === len || isSeparator(text.charCodeAt(i), text, i)) {
      if (i > start) {
        const term = termOf(text.slice(start, i))
        if (term !== '') visit(term, index, start, i)
        index++
      }
      start = i + 1
    }
  }
  return index
}

/** Walk the raw tokens (before the pipeline) of `text`, with lunr's token index. */
export function forEachRawToken(text: string, visit: (raw: string, index: number) => void): number {
  const len = text.length
  let index = 0
  let start = 0
  for (let i = 0; i <= len; i++) {
    if (i === len || isSeparator(text.charCodeAt(i), text, i)) {
      if (i > start) visit(text.slice(start, i), index++)
      start = i + 1
    }
  }
  return index
}

/** Walk the token spans [start, end) of `text` (no strings made). */
export function forEachTokenSpan(text: string, visit: (start: number, end: number) => void): void {
  const len = text.length
  let start = 0
  for (let i = 0; i <= len; i++) {
    if (i === len || isSeparator(text.charCodeAt(i), text, i)) {
      if (i > start) visit(start, i)
      start = i + 1
    }
  }
}

/** The terms of a text in order (dropped tokens left out). */
export function termsOf(text: string): string[] {
  const out: string[] = []
  forEachToken(text, (t) => out.push(t))
  return out
}
