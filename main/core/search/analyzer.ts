import lunr from 'lunr'

/**
 * Text analysis shared by indexing, querying and snippets. Text is cut into chunks at
 * whitespace and dashes; each chunk gives one or more *surface forms* (folded spellings, the
 * parts of a hyphenated or apostrophed word and their joined form), and each surface form goes
 * through lunr's own pipeline (trimmer, stop-word filter, English stemmer). Results are
 * memoised per chunk: a newsroom vocabulary is small next to the number of tokens it is read in.
 *
 * Spelling conventions (the same at index and at query time):
 * - case, diacritics, ligatures (`ﬁ`, `œ`, `Æ`) and compatibility forms are folded away
 *   (`Souleïman` = `Souleiman`, `İstanbul`/`ıstanbul` = `istanbul`, `ß` = `ss`);
 * - a German or Nordic letter that has a spelled-out form (`ä ö ü ø å`) is indexed under both
 *   of its ASCII spellings: `Müller` as `mueller` and `muller`, `Århus` as `aarhus` and
 *   `arhus`. A query typed with the letter looks for both, one typed in ASCII for what was
 *   typed, so `Müller`, `Mueller` and `Muller` all find `Müller`. ASCII text stays as written
 *   (`Mueller` is not also `Muller`: `ue` is not always an umlaut — `blue`, `Samuel`);
 * - a word with inner hyphens or apostrophes is indexed as its parts (one position each) and
 *   as the joined word (at the first part's position): `Wal-Mart` as `wal`, `mart`, `walmart`;
 *   `O'Neill` as `o`, `neill`, `oneill`; English clitics are not split (`don't` = `dont`) and
 *   a possessive `'s` is dropped (`Trump's` = `Trump`).
 */

/** Chunk separators: whitespace and dashes that never join a word (en, em, figure dashes…). */
function isSeparator(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true
  if (code < 128) return false
  return (
    code === 0xa0 ||
    (code >= 0x2012 && code <= 0x2015) ||
    code === 0x2212 ||
    code === 0x3000 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  )
}

/** Letters that NFKD does not decompose into base + combining mark. */
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
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ĸ: 'q',
}
const EXTRA_FOLD_RE = /[ßæœøđðłıþħŧŋĸ]/g
const MARKS_RE = /\p{M}+/gu
// eslint-disable-next-line no-control-regex -- the ASCII fast path
const ASCII_RE = /^[\x00-\x7f]*$/
/** Letters with a spelled-out ASCII form (after lower-casing and NFC). */
const DIGRAPH_RE = /[äöüøå]/
const DIGRAPHS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa' }
/** Inner word joiners: hyphens and apostrophes. */
const JOINER_RE = /[-\u2010\u2011'\u2019\u02bc\u2018]/
const JOINER_SPLIT_RE = /[-\u2010\u2011'\u2019\u02bc\u2018]/g
const APOSTROPHES = "'\u2019\u02bc\u2018"
/** English clitics left joined to their word (`don't` → `dont`, `they're` → `theyre`). */
const CLITICS = new Set(['t', 're', 'll', 've', 'd', 'm'])
const WORDISH_RE = /[\p{L}\p{N}]/u
const DIGITS_RE = /^\p{N}+$/u

/** Lower-case and strip diacritics: `Souleïman` → `souleiman`. Never adds separators. */
export function foldText(text: string): string {
  const lower = text.toLowerCase()
  if (ASCII_RE.test(lower)) return lower
  return lower
    .replace(/\u00ad/g, '')
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c)
}

/** The spellings of a (lower-cased) text: its spelled-out form first when it has one. */
function spellings(lower: string): string[] {
  const plain = foldText(lower)
  if (ASCII_RE.test(lower)) return [plain]
  const nfc = lower.normalize('NFC')
  if (!DIGRAPH_RE.test(nfc)) return [plain]
  const spelled = foldText(nfc.replace(/[äöüøå]/g, (c) => DIGRAPHS[c]))
  return spelled === plain ? [plain] : [spelled, plain]
}

/** One spelling of a chunk: its parts (one position each) and, for several, the joined word. */
export interface ChunkForm {
  /** Pipeline terms of the parts, by part offset ('' where the pipeline drops the part). */
  parts: string[]
  /** The joined word's term, or null (one part, all-digit parts, or dropped). */
  joined: string | null
}

/** What a chunk (text between separators) is indexed as. */
export interface ChunkAnalysis {
  /** Positions it takes: its number of parts (at least 1). */
  width: number
  /** One per spelling (see `spellings`). */
  forms: ChunkForm[]
  /** Every surface form (before lunr's pipeline) with its part offset; joined words at 0. */
  surfaces: { text: string; offset: number }[]
  /** Every index term with its offset and surface (the pipeline over `surfaces`, dropped out). */
  terms: { term: string; offset: number; surface: string }[]
}

/** Split a chunk at its hyphens and apostrophes into parts holding a letter or digit. */
function splitParts(raw: string): string[] {
  if (!JOINER_RE.test(raw)) return [raw]
  const pieces: string[] = []
  const joiners: string[] = []
  let last = 0
  for (const m of raw.matchAll(JOINER_SPLIT_RE)) {
    pieces.push(raw.slice(last, m.index))
    joiners.push(m[0])
    last = m.index + m[0].length
  }
  pieces.push(raw.slice(last))
  // Clitics and possessives: `don't` stays one word, `Trump's` is `Trump`.
  const tail = pieces.length >= 2 ? pieces[pieces.length - 1] : ''
  const lastJoiner = joiners[joiners.length - 1] ?? ''
  if (APOSTROPHES.includes(lastJoiner) && WORDISH_RE.test(pieces[pieces.length - 2])) {
    const t = tail.replace(/[^\p{L}\p{N}]+$/u, '').toLowerCase()
    if (t === 's') pieces.splice(pieces.length - 2, 2, pieces[pieces.length - 2])
    else if (CLITICS.has(t)) pieces.splice(pieces.length - 2, 2, pieces[pieces.length - 2] + tail)
  }
  const kept = pieces.filter((p) => WORDISH_RE.test(p))
  return kept.length > 0 ? kept : [raw]
}

function analyse(raw: string): ChunkAnalysis {
  const parts = splitParts(raw)
  const width = parts.length
  const lowerParts = parts.map((p) => p.toLowerCase())
  const spelled = lowerParts.map(spellings)
  const formCount = spelled.some((s) => s.length > 1) ? 2 : 1
  const forms: ChunkForm[] = []
  const surfaces: { text: string; offset: number }[] = []
  const seen = new Set<string>()
  const addSurface = (text: string, offset: number) => {
    const key = `${offset}\u0000${text}`
    if (seen.has(key)) return
    seen.add(key)
    surfaces.push({ text, offset })
  }
  const joinable =
    width > 1 && !parts.every((p) => DIGITS_RE.test(p.replace(/[^\p{L}\p{N}]/gu, '')))
  for (let f = 0; f < formCount; f++) {
    const texts = spelled.map((s) => s[Math.min(f, s.length - 1)])
    texts.forEach((t, offset) => addSurface(t, offset))
    let joined: string | null = null
    if (joinable) {
      const text = texts.join('')
      addSurface(text, 0)
      joined = runPipeline(text) || null
    }
    forms.push({ parts: texts.map(runPipeline), joined })
  }
  const terms: { term: string; offset: number; surface: string }[] = []
  for (const s of surfaces) {
    const term = runPipeline(s.text)
    if (term !== '') terms.push({ term, offset: s.offset, surface: s.text })
  }
  return { width, forms, surfaces, terms }
}

const MEMO_LIMIT = 400_000
let memo = new Map<string, ChunkAnalysis>()

/** The analysis of one chunk (text without separators), memoised. */
export function analyseChunk(raw: string): ChunkAnalysis {
  let a = memo.get(raw)
  if (a !== undefined) return a
  a = analyse(raw)
  if (memo.size >= MEMO_LIMIT) memo = new Map()
  memo.set(raw, a)
  return a
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

/**
 * The main index term of a single word (its first spelling, joined when it has parts), or ''
 * when the pipeline drops it. For words the caller knows are single (aliases keys, tests).
 */
export function termOf(raw: string): string {
  const a = analyseChunk(raw)
  const f = a.forms[0]
  return f.joined ?? f.parts.find((p) => p !== '') ?? ''
}

/** Like `termOf` but without the stop-word filter (query words the user typed on purpose). */
export function stemOnly(raw: string): string {
  let token = lunr.trimmer(new lunr.Token(foldText(raw.replace(JOINER_SPLIT_RE, '')), {}))
  if (token.toString() === '') return ''
  token = lunr.stemmer(token) as lunr.Token
  return token.toString()
}

/**
 * Walk the chunks of `text` with their first position and [start, end) offsets into `text`.
 * Positions count every part of every chunk (kept or dropped, as lunr's token index counts
 * tokens), so phrase gaps left by stop words survive. Returns the number of positions.
 */
export function forEachChunk(
  text: string,
  visit: (raw: string, index: number, start: number, end: number) => void,
): number {
  const len = text.length
  let index = 0
  let start = 0
  for (let i = 0; i <= len; i++) {
    if (i === len || isSeparator(text.charCodeAt(i))) {
      if (i > start) {
        const raw = text.slice(start, i)
        visit(raw, index, start, i)
        index += analyseChunk(raw).width
      }
      start = i + 1
    }
  }
  return index
}

/** Walk the chunks of `text` (raw, before analysis) with their first position. */
export function forEachRawToken(text: string, visit: (raw: string, index: number) => void): number {
  return forEachChunk(text, (raw, index) => visit(raw, index))
}

/** Walk every index term of `text` with its position and its chunk's [start, end). */
export function forEachToken(
  text: string,
  visit: (term: string, index: number, start: number, end: number) => void,
): number {
  return forEachChunk(text, (raw, index, start, end) => {
    for (const t of analyseChunk(raw).terms) visit(t.term, index + t.offset, start, end)
  })
}

/** Walk the chunk spans [start, end) of `text` (no analysis). */
export function forEachTokenSpan(text: string, visit: (start: number, end: number) => void): void {
  const len = text.length
  let start = 0
  for (let i = 0; i <= len; i++) {
    if (i === len || isSeparator(text.charCodeAt(i))) {
      if (i > start) visit(start, i)
      start = i + 1
    }
  }
}

/** Whether a chunk can give terms that do not start like the chunk (parts after a joiner). */
export function hasInnerParts(raw: string): boolean {
  return JOINER_RE.test(raw)
}

/** The index terms of a text in order (dropped tokens left out). */
export function termsOf(text: string): string[] {
  const out: string[] = []
  forEachToken(text, (t) => out.push(t))
  return out
}

/**
 * lunr tokens with the same surface forms as our index (for tests that compare rankings with
 * a plain lunr index: lunr's own pipeline then runs over them).
 */
export function surfaceTokens(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = []
  forEachChunk(text, (raw, index) => {
    for (const s of analyseChunk(raw).surfaces) out.push({ text: s.text, index: index + s.offset })
  })
  return out
}
