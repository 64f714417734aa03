import { tagKey } from '../tags'
import type { QueryError } from './types'

/**
 * The newsroom query language:
 * words ANDed and ranked; `OR` between two items; `-word` / `NOT word`; `"exact phrase"`;
 * `prefix*`; `word~1` (fuzzy, edit distance 1–2); `=word` (exact: never corrected as a typo,
 * as words inside quotes); field filters `title:` `body:` `caption:`
 * `credit:` `photographer:` `agency:` `source:` `tag:` with a word or a quoted value;
 * `after:2023-10-01` `before:` `year:2016`; `type:photo|article`; `is:untagged`; `is:undated`;
 * `credit:empty`; `credit:uncertain`; `similar:ID` (the item and its near duplicates).
 * Parentheses are accepted and ignored (OR binds tighter than AND, so `(a OR b) c` works).
 * Parsing never throws: a problem gives `error` (the first one) and the rest of the query still
 * runs as well as it can — except an unknown field or a malformed filter, which set `fatal`
 * (the result is then empty, not the archive minus a filter).
 */

export const SEARCH_FIELDS = [
  'title',
  'body',
  'caption',
  'credit',
  'photographer',
  'agency',
  'source',
  'tag',
] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

interface Located {
  start: number
  end: number
  negated: boolean
}

export interface TermClause extends Located {
  kind: 'term'
  field: SearchField | null
  /** The word as typed (without `*`, `~n`). */
  text: string
  prefix: boolean
  /** Edit distance (0 = exact). */
  fuzzy: number
  /** `=word`: the word as typed only, never replaced by a close word of the vocabulary. */
  exact?: true
  /** `tag:` values also name a node of the tag tree (see TagPath). */
  tagPath?: TagPath
}

/**
 * `tag:Places/Syria` matches items tagged with the node or anything below it (by tag identity);
 * `tag:=Places/Syria` (`exact`) the node only. A value without `/` also keeps matching the words
 * of tags as before (`tag:iran` finds `Iran nuclear deal`), a path only the tree.
 */
export interface TagPath {
  /** The node's tag key (see `tagKey`). */
  key: string
  exact: boolean
}

export interface PhraseClause extends Located {
  kind: 'phrase'
  field: SearchField | null
  text: string
  tagPath?: TagPath
}

export type FilterClause = Located & { kind: 'filter' } & (
    | { filter: 'after' | 'before'; day: number }
    | { filter: 'year'; year: number }
    | { filter: 'type'; type: 'photo' | 'article' }
    | { filter: 'untagged' }
    | { filter: 'creditEmpty' }
    | { filter: 'similar'; id: string; members?: ReadonlySet<string> }
    | { filter: 'undated' }
    | { filter: 'creditUncertain' }
  )

export interface OrClause extends Located {
  kind: 'or'
  options: (TermClause | PhraseClause)[]
}

export type QueryClause = TermClause | PhraseClause | FilterClause | OrClause

export interface ParsedQuery {
  clauses: QueryClause[]
  error?: QueryError
  /**
   * The query asks for something that does not exist (an unknown field, a malformed filter):
   * searching without that part would list far more than was meant, so nothing is listed.
   */
  fatal?: boolean
}

const FILTER_NAMES = ['after', 'before', 'year', 'type', 'is', 'similar'] as const

interface Lexeme {
  text: string
  start: number
  end: number
  negated: boolean
  /** Field name typed before `:` (lower-cased), if any. */
  field: string | null
  quoted: boolean
  /** For a quoted value: was the closing quote missing? */
  unterminated: boolean
  /** Start of the value (after `field:` and `-`). */
  valueStart: number
  /** `field:="…"`: a quoted value marked exact. */
  exactQuote?: true
}

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = []
  let i = 0
  const len = q.length
  const isSpace = (c: string) => /\s/.test(c) || c === '(' || c === ')'
  while (i < len) {
    while (i < len && isSpace(q[i])) i++
    if (i >= len) break
    const start = i
    let negated = false
    if (q[i] === '-' || q[i] === '+') {
      negated = q[i] === '-'
      i++
    }
    let field: string | null = null
    const fm = /^([A-Za-z]+):/.exec(q.slice(i, i + 20))
    if (fm) {
      field = fm[1].toLowerCase()
      i += fm[0].length
    }
    const valueStart = i
    const isQuote = (c: string | undefined) => c === '"' || c === '“' || c === '”'
    const exactQuote = field !== null && q[i] === '=' && isQuote(q[i + 1])
    if (exactQuote) i++
    if (isQuote(q[i])) {
      const close = q.slice(i + 1).search(/["“”]/)
      const end = close === -1 ? len : i + 1 + close
      out.push({
        text: q.slice(i + 1, end),
        start,
        end: close === -1 ? len : end + 1,
        negated,
        field,
        quoted: true,
        unterminated: close === -1,
        valueStart,
        ...(exactQuote ? { exactQuote: true as const } : {}),
      })
      i = close === -1 ? len : end + 1
      continue
    }
    while (i < len && !isSpace(q[i])) i++
    out.push({
      text: q.slice(valueStart, i),
      start,
      end: i,
      negated,
      field,
      quoted: false,
      unterminated: false,
      valueStart,
    })
  }
  return out
}

/** Parse a date such as `2023`, `2023-10` or `2023-10-01` into days since the epoch. */
export function parseDay(value: string): number | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value)
  if (!m) return null
  const y = Number(m[1])
  const mo = m[2] ? Number(m[2]) : 1
  const d = m[3] ? Number(m[3]) : 1
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCMonth() !== mo - 1) return null
  return Math.floor(t / 86_400_000)
}

/** Longer queries are searched up to here (pasted text, not something typed). */
export const MAX_QUERY_CHARS = 2000

/** Parse a query. Never throws; see the module comment for the syntax. */
export function parseQuery(query: string): ParsedQuery {
  const clauses: QueryClause[] = []
  let error: QueryError | undefined
  let fatal = false
  const fail = (message: string, start: number, end: number) => {
    if (!error) error = { message, start, end: Math.max(end, start + 1) }
  }
  /** A problem that empties the result; it is reported before any lesser one. */
  const failFatal = (message: string, start: number, end: number) => {
    if (!fatal) error = { message, start, end: Math.max(end, start + 1) }
    fatal = true
  }
  const q = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query
  if (q !== query)
    fail(
      `Only the first ${MAX_QUERY_CHARS.toLocaleString('en')} characters are searched.`,
      MAX_QUERY_CHARS,
      query.length,
    )
  const lexemes = lex(q)
  let pendingNot = false
  let pendingOr: { start: number; end: number } | null = null

  const push = (clause: QueryClause) => {
    if (pendingNot) {
      clause.negated = !clause.negated
      pendingNot = false
    }
    if (pendingOr) {
      const prev = clauses[clauses.length - 1]
      pendingOr = null
      const joinable = (c: QueryClause) => (c.kind === 'term' || c.kind === 'phrase') && !c.negated
      if (prev && (prev.kind === 'or' || joinable(prev)) && joinable(clause)) {
        const options = prev.kind === 'or' ? prev.options : [prev as TermClause | PhraseClause]
        clauses[clauses.length - 1] = {
          kind: 'or',
          options: [...options, clause as TermClause | PhraseClause],
          start: prev.start,
          end: clause.end,
          negated: false,
        }
        return
      }
      if (prev && prev.kind !== 'filter' && clause.kind !== 'filter')
        fail('OR can only join words or phrases without "-".', clause.start, clause.end)
    }
    clauses.push(clause)
  }

  for (const lx of lexemes) {
    if (!lx.quoted && !lx.field && !lx.negated && lx.text === 'OR') {
      if (clauses.length === 0 || pendingOr) fail('OR needs a word on each side.', lx.start, lx.end)
      else pendingOr = { start: lx.start, end: lx.end }
      continue
    }
    if (!lx.quoted && !lx.field && !lx.negated && lx.text === 'AND') continue
    if (!lx.quoted && !lx.field && !lx.negated && lx.text === 'NOT') {
      pendingNot = true
      continue
    }
    if (lx.unterminated) fail('This quote is never closed.', lx.valueStart, lx.valueStart + 1)
    if (lx.text === '' && !lx.quoted) {
      if (lx.field) fail(`"${lx.field}:" needs a value.`, lx.start, lx.end)
      else fail('"-" needs a word after it.', lx.start, lx.end)
      continue
    }
    const base = { start: lx.start, end: lx.end, negated: lx.negated }
    let field: SearchField | null = null
    if (lx.field && !lx.quoted && lx.text.startsWith('//')) {
      // A pasted URL (`https://…`), not a field.
      for (const clause of wordClauses({ ...lx, text: `${lx.field}:${lx.text}` }, null, base, fail))
        push(clause)
      continue
    }
    if (lx.field) {
      const value = lx.text.trim().toLowerCase()
      if ((FILTER_NAMES as readonly string[]).includes(lx.field)) {
        const f = filterClause(lx.field, value, base)
        if (typeof f === 'string') failFatal(f, lx.valueStart, lx.end)
        else push(f)
        continue
      }
      if (lx.field === 'credit' && value === 'empty' && !lx.quoted) {
        push({ ...base, kind: 'filter', filter: 'creditEmpty' })
        continue
      }
      if (lx.field === 'credit' && value === 'uncertain' && !lx.quoted) {
        push({ ...base, kind: 'filter', filter: 'creditUncertain' })
        continue
      }
      if (lx.field === 'photo' || lx.field === 'photographer' || lx.field === 'by')
        field = 'photographer'
      else if (lx.field === 'tags') field = 'tag'
      else if (lx.field === 'agence') field = 'agency'
      else if ((SEARCH_FIELDS as readonly string[]).includes(lx.field))
        field = lx.field as SearchField
      else {
        // Probably a typo: say so, and list nothing rather than everything but this part.
        failFatal(
          `Unknown field "${lx.field}:". Known: ${[...SEARCH_FIELDS, ...FILTER_NAMES].join(', ')}.`,
          lx.start,
          lx.valueStart - 1,
        )
        continue
      }
    }
    if (lx.quoted) {
      if (lx.text.trim() === '') {
        fail('Empty quotes.', lx.valueStart, lx.end)
        continue
      }
      const phrase: PhraseClause = { ...base, kind: 'phrase', field, text: lx.text }
      if (field === 'tag') phrase.tagPath = tagPathOf(lx.text, !!lx.exactQuote)
      push(phrase)
      continue
    }
    for (const clause of wordClauses(lx, field, base, fail)) {
      if (field === 'tag' && !clause.prefix && clause.fuzzy === 0)
        clause.tagPath = tagPathOf(clause.text, !!clause.exact)
      push(clause)
    }
  }
  if (pendingOr) fail('OR needs a word on each side.', pendingOr.start, pendingOr.end)
  if (pendingNot) fail('NOT needs a word after it.', q.length - 3, q.length)
  if (fatal) return { clauses, error, fatal }
  return error ? { clauses, error } : { clauses }
}

function wordClauses(
  lx: Lexeme,
  field: SearchField | null,
  base: Located,
  fail: (message: string, start: number, end: number) => void,
): TermClause[] {
  let text = lx.text
  let exact = false
  if (text.startsWith('=')) {
    exact = true
    text = text.slice(1)
    if (text === '') {
      fail('"=" needs a word after it (=word).', lx.valueStart, lx.end)
      return []
    }
  }
  // Offsets below are into lx.text; `shift` accounts for a leading `=`.
  const shift = exact ? 1 : 0
  let prefix = false
  let fuzzy = 0
  const tildeAt = text.lastIndexOf('~')
  const tilde = tildeAt === -1 ? -1 : tildeAt + shift
  if (tilde !== -1) {
    const dist = text.slice(tildeAt + 1)
    if (dist === '') fuzzy = 1
    else if (/^\d+$/.test(dist)) {
      fuzzy = Number(dist)
      if (fuzzy > 2) {
        fail('Fuzzy matching allows at most 2 edits (word~2).', lx.valueStart + tilde, lx.end)
        fuzzy = 2
      }
    } else fail(`"~" must be followed by 1 or 2, not "${dist}".`, lx.valueStart + tilde, lx.end)
    text = text.slice(0, tildeAt)
  }
  const starAt = text.indexOf('*')
  const star = starAt === -1 ? -1 : starAt + shift
  if (star !== -1) {
    if (starAt !== text.length - 1 || starAt === 0) {
      fail('"*" can only end a word (prefix*).', lx.valueStart + star, lx.valueStart + star + 1)
      return []
    }
    prefix = starAt > 0
    text = text.replace(/\*/g, '')
  }
  if (prefix && fuzzy) {
    fail('A word cannot be both prefix* and fuzzy~.', lx.start, lx.end)
    fuzzy = 0
  }
  if (exact && (prefix || fuzzy)) {
    fail('"=word" is exact: it cannot also be prefix* or fuzzy~.', lx.valueStart, lx.end)
    prefix = false
    fuzzy = 0
  }
  if (text === '') {
    if (tilde === -1 && star === -1) fail('Expected a word.', lx.start, lx.end)
    return []
  }
  // A field value written without quotes may hold hyphens (`tag:syria-war`): keep it whole so
  // the analysis splits it like the indexed text.
  const clause: TermClause = { ...base, kind: 'term', field, text, prefix, fuzzy }
  if (exact) clause.exact = true
  return [clause]
}

function tagPathOf(text: string, exact: boolean): TagPath {
  return { key: tagKey(text), exact }
}

function filterClause(name: string, value: string, base: Located): FilterClause | string {
  if (name === 'after' || name === 'before') {
    const day = parseDay(value)
    if (day === null) return `"${name}:" needs a date like 2023-10-01.`
    return { ...base, kind: 'filter', filter: name, day }
  }
  if (name === 'year') {
    if (!/^\d{4}$/.test(value)) return '"year:" needs a four-digit year like 2016.'
    return { ...base, kind: 'filter', filter: 'year', year: Number(value) }
  }
  if (name === 'type') {
    const v = value.replace(/s$/, '')
    if (v === 'photo' || v === 'image' || v === 'picture')
      return { ...base, kind: 'filter', filter: 'type', type: 'photo' }
    if (v === 'article' || v === 'story')
      return { ...base, kind: 'filter', filter: 'type', type: 'article' }
    return '"type:" is photo or article.'
  }
  if (name === 'similar') {
    if (!/^[0-9a-z_-]{1,64}$/.test(value))
      return '"similar:" needs an item id like 1f0c3a9e5d7b2468.'
    return { ...base, kind: 'filter', filter: 'similar', id: value }
  }
  if (value === 'untagged') return { ...base, kind: 'filter', filter: 'untagged' }
  if (value === 'undated') return { ...base, kind: 'filter', filter: 'undated' }
  return '"is:" is is:untagged or is:undated.'
}
