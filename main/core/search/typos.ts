import { forEachRawToken, forEachTokenSpan, termOf } from './analyzer'
import { execute, planQuery, type AliasIndex, type Matches, type QueryPlan } from './executor'
import type { Scratch } from './executor'
import type { ParsedQuery, PhraseClause, TermClause } from './queryParser'
import type { SegmentSet } from './segmentSet'
import {
  closeTerms,
  isCorrectable,
  MAX_WORD,
  surfaceFor,
  surfaceOf,
  typoBudget,
  type CloseTerm,
} from './vocabulary'
import { parseQuery } from './queryParser'

/**
 * Typo tolerance without syntax. A plain word of the query with no exact match (or very few,
 * when the whole query finds almost nothing) is looked up in the index's own vocabulary: the
 * words as written in the texts, and the stemmed terms, within an edit budget that grows with
 * the word's length (vocabulary.ts). The closest, most frequent candidates stand in for it;
 * documents found only through them rank below every exact match, and the result says what
 * was done. A query left without any result gets a "Did you mean" built the same way.
 */

/** Distinct words looked up in the vocabulary per query (the rest stay as typed). */
const MAX_LOOKUPS = 6
/** Close terms used in place of one misspelled word. */
const CANDIDATES_PER_WORD = 3
/** A word found in fewer documents (fields) than this may be a typo of a common word... */
const FEW_DF = 3
/** ...when the query as typed finds fewer results than this... */
const FEW_HITS = 3
/** ...and the close word is this many times more frequent. */
const MORE_COMMON = 10
/** One misspelled word clause of the query and what stands in for it. */
export interface TypoFix {
  /** Where the clause's text is in the query string, and how it was typed. */
  start: number
  end: number
  typed: string
  /** The text with its misspelled words replaced by the closest ones. */
  replacement: string
  /** For a one-word clause: the close terms that join the word (any of them matches). */
  terms: string[]
}

/** A word clause that may be corrected: not quoted, `=word`, `prefix*` or `word~N`. */
function correctable(c: TermClause | PhraseClause): c is TermClause {
  return c.kind === 'term' && !c.prefix && c.fuzzy === 0 && !c.exact
}

/** The close words standing in for one typed word, or null when it looks right. */
function correctWord(
  set: SegmentSet,
  raw: string,
  exactCount: number,
): { best: CloseTerm; chosen: CloseTerm[] } | null {
  const folded = surfaceOf(raw)
  const term = termOf(raw)
  if (!term || !isCorrectable(folded) || folded.length > MAX_WORD) return null
  const budget = typoBudget(folded.length)
  const df = set.df(term)
  if (budget === 0 || df >= FEW_DF || (df > 0 && exactCount >= FEW_HITS)) return null
  const floor = df > 0 ? df * MORE_COMMON : 1
  const find = (max: number) =>
    closeTerms(set, raw, term, max, 16, 'fallback').filter((t) => t.term !== term && t.df >= floor)
  let close = find(budget)
  // A word of six or seven letters may have lost one or two of its letters: one more edit
  // when nothing was within the budget.
  if (close.length === 0 && budget === 1 && folded.length >= 6) close = find(2)
  if (close.length === 0) return null
  const best = close[0]
  const chosen = close
    .filter(
      (t) =>
        t.distance === best.distance &&
        (t.surface === null) === (best.surface === null) &&
        t.df * 20 >= best.df,
    )
    .slice(0, CANDIDATES_PER_WORD)
  return { best, chosen }
}

/** The surface to show for a close term (a word of the texts, cased like the typed word). */
function shown(set: SegmentSet, typed: string, c: CloseTerm): string {
  const word = c.surface ?? surfaceFor(set, c.term)
  return /^\p{Lu}/u.test(typed) ? word.charAt(0).toUpperCase() + word.slice(1) : word
}

/** Where `word` is typed inside the clause [start, end) of `query`. */
function wordSpan(
  query: string,
  start: number,
  end: number,
  word: string,
): { start: number; end: number } | null {
  const at = query.slice(start, end).lastIndexOf(word)
  return at === -1 ? null : { start: start + at, end: start + at + word.length }
}

/**
 * The word clauses of `parsed` to correct (not negated): their words with no exact match, or
 * with very few when the query as typed finds almost nothing. A clause of several words
 * (`Kilroy-Silk`) is matched as a phrase: its misspelled words are replaced by the closest.
 */
export function planFixes(
  set: SegmentSet,
  parsed: ParsedQuery,
  query: string,
  exactCount: number,
): Map<TermClause, TypoFix> {
  const fixes = new Map<TermClause, TypoFix>()
  // Each distinct word is looked up once, and only so many per query (pasted text).
  const looked = new Map<string, ReturnType<typeof correctWord>>()
  const lookUp = (raw: string) => {
    if (looked.has(raw)) return looked.get(raw)!
    if (looked.size >= MAX_LOOKUPS) return null
    const fix = correctWord(set, raw, exactCount)
    looked.set(raw, fix)
    return fix
  }
  for (const clause of parsed.clauses) {
    if (clause.kind === 'filter' || clause.negated) continue
    for (const c of clause.kind === 'or' ? clause.options : [clause]) {
      if (!correctable(c)) continue
      const span = wordSpan(query, c.start, c.end, c.text)
      if (!span) continue
      const tokens: { start: number; end: number }[] = []
      forEachTokenSpan(c.text, (start, end) => tokens.push({ start, end }))
      if (tokens.length === 0 || tokens.length > MAX_LOOKUPS) continue
      const edits: { start: number; end: number; text: string }[] = []
      let terms: string[] = []
      for (const t of tokens) {
        const raw = c.text.slice(t.start, t.end)
        const fix = lookUp(raw)
        if (!fix) continue
        edits.push({ ...t, text: shown(set, raw, fix.best) })
        terms = fix.chosen.map((x) => x.term)
      }
      if (edits.length === 0) continue
      fixes.set(c, {
        ...span,
        typed: c.text,
        replacement: rewrite(c.text, edits),
        terms: tokens.length === 1 ? terms : [],
      })
    }
  }
  return fixes
}

/** `query` with each span replaced (spans do not overlap). */
function rewrite(query: string, edits: { start: number; end: number; text: string }[]): string {
  let out = query
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

export interface ForgivingRun {
  plan: QueryPlan
  matches: Matches
  /** Set when close words stood in for misspelled ones. */
  correctedQuery?: string
  /** The query as typed with the corrected words forced exact (`=word`). */
  exactQuery?: string
}

/**
 * Run the query as typed; when some of its words look misspelled, run it again with their
 * close words added. Documents the query as typed finds keep their scores and order on top;
 * those found only through close words follow, their scores scaled below the lowest exact one.
 */
export function runForgiving(
  set: SegmentSet,
  parsed: ParsedQuery,
  query: string,
  aliases: AliasIndex,
  scratch: Scratch,
  forgive: boolean,
): ForgivingRun {
  const plan = planQuery(set, parsed, aliases)
  const exact = execute(set, plan, scratch)
  if (!forgive || !exact.scored) return { plan, matches: exact }
  const fixes = planFixes(set, parsed, query, exact.count)
  if (fixes.size === 0) return { plan, matches: exact }
  const exactScores = new Map<number, number>()
  for (let i = 0; i < exact.count; i++) {
    const g = exact.docs[i]
    exactScores.set(g, scratch.score[g])
  }
  scratch.reset()
  // One-word clauses gain their close terms; longer ones are run with the corrected text.
  const extra = new Map<TermClause, string[]>()
  const swap = (c: TermClause | PhraseClause): TermClause | PhraseClause => {
    const fix = c.kind === 'term' ? fixes.get(c) : undefined
    if (!fix || c.kind !== 'term') return c
    if (fix.terms.length > 0) {
      extra.set(c, fix.terms)
      return c
    }
    return { ...c, text: fix.replacement }
  }
  const corrected: ParsedQuery = {
    clauses: parsed.clauses.map((c) => {
      if (c.kind === 'filter') return c
      if (c.kind === 'or') return { ...c, options: c.options.map(swap) }
      return swap(c)
    }),
  }
  const forgiving = planQuery(set, corrected, aliases, extra)
  const matches = execute(set, forgiving, scratch)
  if (exactScores.size > 0) {
    let lowest = Infinity
    let highest = 0
    for (const s of exactScores.values()) if (s < lowest) lowest = s
    for (let i = 0; i < matches.count; i++) {
      const g = matches.docs[i]
      if (!exactScores.has(g) && scratch.score[g] > highest) highest = scratch.score[g]
    }
    const factor = highest > 0 ? (lowest * 0.5) / highest : 1
    for (let i = 0; i < matches.count; i++) {
      const g = matches.docs[i]
      const s = exactScores.get(g)
      scratch.score[g] = s ?? scratch.score[g] * factor
    }
  }
  if (matches.count === exact.count) return { plan: forgiving, matches }
  const list = [...fixes.values()]
  return {
    plan: forgiving,
    matches,
    correctedQuery: rewrite(
      query,
      list.map((f) => ({ start: f.start, end: f.end, text: f.replacement })),
    ),
    exactQuery: rewrite(
      query,
      list.map((f) => ({ start: f.start, end: f.end, text: `=${f.typed}` })),
    ),
  }
}

/**
 * For a query without results: the same query with every unknown word (quoted, `=word` and
 * short words included) replaced by its closest frequent word, when that query finds
 * something. Uses the scratch arrays: call it after the results were built.
 */
export function suggestQuery(
  set: SegmentSet,
  parsed: ParsedQuery,
  query: string,
  aliases: AliasIndex,
  scratch: Scratch,
): string | undefined {
  const edits: { start: number; end: number; text: string }[] = []
  const words: { raw: string; start: number; end: number }[] = []
  for (const clause of parsed.clauses) {
    if (clause.kind === 'filter' || clause.negated) continue
    for (const c of clause.kind === 'or' ? clause.options : [clause]) {
      if (c.kind === 'term' && (c.prefix || c.fuzzy > 0)) continue
      forEachRawToken(c.text, (raw) => words.push({ raw, start: c.start, end: c.end }))
    }
  }
  const looked = new Set<string>()
  for (const w of words) {
    if (looked.has(w.raw)) continue
    const folded = surfaceOf(w.raw)
    const term = termOf(w.raw)
    if (!term || !isCorrectable(folded) || folded.length < 3 || folded.length > MAX_WORD) continue
    if (set.df(term) > 0) continue
    if (looked.size >= MAX_LOOKUPS) break
    looked.add(w.raw)
    const [best] = closeTerms(set, w.raw, term, Math.max(1, typoBudget(folded.length)), 1)
    const span = best && wordSpan(query, w.start, w.end, w.raw)
    if (!span || edits.some((e) => e.start < span.end && span.start < e.end)) continue
    edits.push({ ...span, text: shown(set, w.raw, best) })
  }
  if (edits.length === 0) return undefined
  const suggestion = rewrite(query, edits)
  scratch.reset()
  try {
    const found = execute(set, planQuery(set, parseQuery(suggestion), aliases), scratch)
    return found.count > 0 ? suggestion : undefined
  } finally {
    scratch.reset()
  }
}
