import { aliasesOf, type AliasIndex } from './aliasIndex'
import { foldText, stemOnly } from './analyzer'
import type { TimeSlicer } from './bytes'
import {
  DOC_ARTICLE,
  FACETS,
  FIELD_BOOSTS,
  FIELD_COUNT,
  FIELDS,
  FLAG_CREDIT_EMPTY,
  FLAG_UNDATED,
  FLAG_CREDIT_UNCERTAIN,
  FLAG_UNTAGGED,
  INHERITED_FIELDS,
  NO_DATE,
  type FieldName,
} from './documents'
import type {
  FilterClause,
  OrClause,
  ParsedQuery,
  PhraseClause,
  QueryClause,
  TagPath,
  TermClause,
} from './queryParser'
import { optionsForText, phraseTerms, type Option, type PhraseElement } from './queryTerms'
import { markTagPaths } from './tagPathMatch'
import { TAG_SEPARATOR } from '../tags'
import { forEachPosting, readPostings, type FieldPosting, type Segment } from './segment'
import { FIRST_YEAR, YEAR_FACET, YEAR_SPAN, type SegmentSet } from './segmentSet'
import { closeTerms, MAX_EXPANSIONS } from './vocabulary'

/** lunr's BM25 constants (lunr.Builder defaults). */
const K1 = 1.2
const B = 0.75
const ALL_FIELDS = FIELDS.map((_, i) => i)
// Module-level copies: imported bindings can compile to property reads in hot loops.
const NONE = NO_DATE
const NEG_BIT = 0x80000000
/** Clauses of one query planned at most (the rest are ignored), positive and negated each. */
const MAX_CLAUSES = 31
/** `word~N` clauses expanded per query; later ones match their word exactly. */
const MAX_FUZZY_CLAUSES = 8

interface PlannedClause {
  bit: number
  negated: boolean
  options: Option[]
  /** Article photos inherit matches of their article (field filters on article-level fields). */
  inherit: boolean
  /** Nodes of the tag tree the clause matches by tag identity (`tag:Places/Syria`). */
  tagPaths: TagPath[]
}

export interface QueryPlan {
  clauses: PlannedClause[]
  filters: FilterClause[]
  /** Every positive term, for highlighting. */
  highlightTerms: Set<string>
}

export type { AliasIndex }
export { buildAliasIndex } from './aliasIndex'

function fieldsOf(field: FieldName | null): number[] {
  return field === null ? ALL_FIELDS : [FIELDS.indexOf(field)]
}

/**
 * Compute what every query needs (each segment's length normalisation per field) in time
 * slices after a load, so the first query does not pay for it in one block.
 */
export async function prepareForQueries(set: SegmentSet, slicer: TimeSlicer): Promise<void> {
  for (const seg of set.segments)
    for (let f = 0; f < FIELD_COUNT; f++) {
      set.lengthNorms(seg, f, K1, B)
      if (slicer.due()) await slicer.yield()
    }
}

/** A prefix matches at most this many terms (its most frequent ones): `a*` must stay bounded. */
const MAX_PREFIX_TERMS = 2000

/** Every indexed term (in any segment) starting with `prefix`. */
function expandPrefix(set: SegmentSet, prefix: string): string[] {
  const found = new Set<string>()
  for (const seg of set.segments) {
    const terms = seg.data.terms
    for (let t = seg.lowerBound(prefix); t < terms.length && terms[t].startsWith(prefix); t++)
      found.add(terms[t])
  }
  if (found.size <= MAX_PREFIX_TERMS) return [...found]
  const df = new Map([...found].map((t) => [t, set.df(t)]))
  return [...found]
    .sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : 1))
    .slice(0, MAX_PREFIX_TERMS)
}

/**
 * Every indexed term within `edits` of the word, compared as typed (with the words of the
 * texts) and stemmed (with the terms): the closest and most frequent first, at most
 * MAX_EXPANSIONS of them.
 */
function expandFuzzy(set: SegmentSet, word: string, term: string, edits: number): string[] {
  return closeTerms(set, word, term, edits, MAX_EXPANSIONS).map((c) => c.term)
}

function termOptions(set: SegmentSet, c: TermClause, aliases: AliasIndex): Option[] {
  const fields = fieldsOf(c.field)
  if (c.prefix) {
    // Both spellings of a folded letter: `müll*` is `muell*` or `mull*`.
    const prefixes = new Set(
      [foldText(c.text), foldText(c.text.normalize('NFC').replace(/[äöüøå]/gi, digraph))].map((p) =>
        p.replace(/^\W+/, ''),
      ),
    )
    prefixes.delete('')
    if (prefixes.size === 0) return []
    return [{ fields, terms: [...prefixes].flatMap((p) => expandPrefix(set, p)), phrase: null }]
  }
  if (c.fuzzy > 0) {
    const first = optionsForText(c.text, fields)[0]
    let term = first ? (first.terms[0] ?? first.phrase?.[0].terms[0] ?? '') : ''
    if (term === '' && c.field !== null) term = stemOnly(c.text)
    if (term === '') return []
    return [{ fields, terms: expandFuzzy(set, c.text, term, c.fuzzy), phrase: null }]
  }
  const names = aliasesOf(aliases, c.text)
  if (names) return mergeTermOptions(names.flatMap((n) => optionsForText(n, fields)))
  const options = optionsForText(c.text, fields)
  // A stop word typed alone in a field filter is meant: keep it stemmed.
  if (options.length === 0 && c.field !== null) {
    const term = stemOnly(c.text)
    if (term) return [{ fields, terms: [term], phrase: null }]
  }
  return options
}

const DIGRAPH_OF: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa' }
const digraph = (c: string) => DIGRAPH_OF[c.toLowerCase()] ?? c

/** Single-term options of the same fields become one option (lunr's query vector per term). */
function mergeTermOptions(options: Option[]): Option[] {
  const out: Option[] = []
  let terms: Option | null = null
  for (const o of options) {
    if (o.phrase) out.push(o)
    else if (terms) terms.terms = [...new Set([...terms.terms, ...o.terms])]
    else out.unshift((terms = { ...o, terms: [...o.terms] }))
  }
  return out
}

function phraseOptions(c: PhraseClause, aliases: AliasIndex): Option[] {
  const fields = fieldsOf(c.field)
  const names = aliasesOf(aliases, c.text)
  return mergeTermOptions(
    names ? names.flatMap((n) => optionsForText(n, fields)) : optionsForText(c.text, fields),
  )
}

/**
 * Runs of plain words that spell a multi-word name of an alias group (`mao zedong`) become
 * one phrase clause for that name, so every variant (`"mao tse-tung"`) matches too.
 */
function groupAliasRuns(clauses: readonly QueryClause[], aliases: AliasIndex): QueryClause[] {
  if (aliases.maxWords < 2) return [...clauses]
  const plain = (c: QueryClause | undefined): c is TermClause =>
    c?.kind === 'term' && !c.negated && !c.prefix && c.fuzzy === 0
  const out: QueryClause[] = []
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i]
    let taken = 0
    if (plain(c)) {
      for (let n = Math.min(aliases.maxWords, clauses.length - i); n >= 2 && !taken; n--) {
        const run = clauses.slice(i, i + n)
        if (!run.every((r) => plain(r) && r.field === c.field)) continue
        const text = run.map((r) => (r as TermClause).text).join(' ')
        if (!aliasesOf(aliases, text)) continue
        const last = run[n - 1]
        out.push({
          kind: 'phrase',
          field: c.field,
          text,
          start: c.start,
          end: last.end,
          negated: false,
        })
        taken = n
      }
    }
    if (taken) i += taken - 1
    else out.push(c)
  }
  return out
}

/**
 * Turn the parsed query into clauses of expanded terms. `corrections` adds close words of the
 * vocabulary to some word clauses (typo tolerance, see typos.ts).
 */
export function planQuery(
  set: SegmentSet,
  parsed: ParsedQuery,
  aliases: AliasIndex,
  corrections?: ReadonlyMap<TermClause, readonly string[]>,
): QueryPlan {
  const clauses: PlannedClause[] = []
  const filters: FilterClause[] = []
  const highlightTerms = new Set<string>()
  let nextBit = 0
  let negatedCount = 0
  let fuzzyCount = 0
  for (const c of groupAliasRuns(parsed.clauses, aliases)) {
    if (c.kind === 'filter') {
      filters.push(c)
      continue
    }
    const parts: OrClause['options'] = c.kind === 'or' ? c.options : [c]
    const options: Option[] = []
    const tagPaths: TagPath[] = []
    let scoped = true
    if (c.negated ? negatedCount >= MAX_CLAUSES : nextBit >= MAX_CLAUSES) continue // ignored
    for (const part of parts) {
      let p = part
      if (p.kind === 'term' && p.fuzzy > 0 && fuzzyCount++ >= MAX_FUZZY_CLAUSES)
        p = { ...p, fuzzy: 0 }
      if (p.tagPath) {
        tagPaths.push(p.tagPath)
        // A path or `=` names a node of the tree only; a plain value also matches tag words.
        if (p.tagPath.exact || p.tagPath.key.includes(TAG_SEPARATOR)) continue
      }
      const found = p.kind === 'term' ? termOptions(set, p, aliases) : phraseOptions(p, aliases)
      // Close words of the vocabulary (typo tolerance) join the word's own terms.
      const extra = part.kind === 'term' ? corrections?.get(part) : undefined
      if (extra) {
        const own = found.find((o) => !o.phrase)
        if (own) own.terms = [...new Set([...own.terms, ...extra])]
        else found.push({ fields: fieldsOf(p.field), terms: [...extra], phrase: null })
      }
      if (found.length === 0) continue
      options.push(...found)
      if (p.field === null || !INHERITED_FIELDS.has(p.field)) scoped = false
    }
    if (options.length === 0 && tagPaths.length === 0) continue // stop words only, as in lunr
    if (c.negated) negatedCount++
    if (!c.negated)
      for (const o of options) {
        for (const t of o.terms) highlightTerms.add(t)
        for (const t of phraseTerms(o.phrase ?? [])) highlightTerms.add(t)
      }
    clauses.push({
      bit: c.negated ? NEG_BIT : 1 << nextBit++,
      negated: c.negated,
      options,
      inherit: scoped,
      tagPaths,
    })
  }
  return { clauses, filters, highlightTerms }
}

/** Scratch arrays reused between queries (searches run one at a time on the main thread). */
export class Scratch {
  score = new Float64Array(0)
  mask = new Uint32Array(0)
  fieldHits = new Uint16Array(0)
  touched = new Int32Array(0)
  touchedCount = 0
  /** Matching docs of the current query (valid until the next query). */
  docs = new Int32Array(0)
  /** 1 for docs that can still match (see `markCandidates`); all 0 between queries. */
  gate = new Uint8Array(0)
  gated = false

  ensure(capacity: number): void {
    if (this.score.length >= capacity) return
    const size = Math.max(capacity, Math.ceil(this.score.length * 1.5), 1024)
    this.score = new Float64Array(size)
    this.mask = new Uint32Array(size)
    this.fieldHits = new Uint16Array(size)
    this.touched = new Int32Array(size)
    this.docs = new Int32Array(size)
    this.gate = new Uint8Array(size)
    this.gated = false
    this.touchedCount = 0
  }

  touch(g: number): void {
    if (this.mask[g] === 0 && this.fieldHits[g] === 0 && this.score[g] === 0) {
      this.touched[this.touchedCount++] = g
    }
  }

  /** Facet counters of the last query (see `countFacets`), reused: all 0 between queries. */
  facetCounts = new Int32Array(0)
  /** Which item last counted each facet slot, reused like `facetCounts`. */
  facetCounted = new Int32Array(0)

  reset(): void {
    if (this.touchedCount > this.score.length >> 3) {
      // Many docs touched (a common word): clearing whole arrays is faster than one by one.
      this.score.fill(0)
      this.mask.fill(0)
      this.fieldHits.fill(0)
    } else
      for (let i = 0; i < this.touchedCount; i++) {
        const g = this.touched[i]
        this.score[g] = 0
        this.mask[g] = 0
        this.fieldHits[g] = 0
      }
    this.touchedCount = 0
    if (this.gated) this.gate.fill(0)
    this.gated = false
  }
}

export interface Matches {
  /** Global doc numbers that satisfy the query, unordered. */
  docs: Int32Array
  count: number
  scored: boolean
}

/**
 * Run a plan: score every posting of every query term in typed arrays with lunr's formula
 * (BM25 per field, rounded to 3 decimals as lunr stores it, cosine-normalised per field by the
 * query vector), collect required/prohibited clause bits, verify phrases, apply filters.
 */
export function execute(set: SegmentSet, plan: QueryPlan, scratch: Scratch): Matches {
  scratch.ensure(set.capacity)
  const { mask } = scratch
  const positive = plan.clauses.filter((c) => !c.negated)
  let required = 0
  for (const c of positive) required |= c.bit

  // lunr's query vectors: per field, boost 1 summed for every (clause, expanded term).
  const qv: Map<string, number>[] = FIELDS.map(() => new Map())
  // (term, field) → clause bits it satisfies on its own (not phrase parts).
  const termBits: Map<string, number>[] = FIELDS.map(() => new Map())
  for (const c of positive) {
    for (const o of c.options) {
      const terms = o.phrase ? phraseTerms(o.phrase) : o.terms
      for (const t of terms) {
        if (set.df(t) === 0) continue
        for (const f of o.fields) {
          qv[f].set(t, (qv[f].get(t) ?? 0) + 1)
          if (!o.phrase) termBits[f].set(t, (termBits[f].get(t) ?? 0) | c.bit)
        }
      }
    }
  }
  const gate = markCandidates(set, positive, scratch) ? scratch.gate : null
  const N = set.liveDocs
  const lists: (FieldPosting | undefined)[] = []
  for (let f = 0; f < FIELD_COUNT; f++) {
    if (qv[f].size === 0) continue
    let magnitude = 0
    for (const w of qv[f].values()) magnitude += w * w
    magnitude = Math.sqrt(magnitude)
    const boost = FIELD_BOOSTS[f]
    const fieldBit = 1 << f
    for (const [term, weight] of qv[f]) {
      const df = set.df(term)
      const idf = Math.log(1 + Math.abs((N - df + 0.5) / (df + 0.5)))
      const w = weight / magnitude
      const bits = termBits[f].get(term) ?? 0
      for (const seg of set.segments) {
        const t = seg.findTerm(term)
        if (t === -1) continue
        readPostings(seg, t, lists)
        const p = lists[f]
        if (!p) continue
        const norms = set.lengthNorms(seg, f, K1, B)
        scorePostings(seg, p, norms, idf, boost, w, bits, fieldBit, gate, scratch)
      }
    }
  }
  // Phrases and prohibited terms: mark clause bits.
  for (const c of plan.clauses) {
    for (const o of c.options) {
      if (o.phrase) {
        for (const f of o.fields) markPhrase(set, o.phrase, f, c.bit, scratch)
      } else if (c.negated) {
        for (const term of o.terms) for (const f of o.fields) markTerm(set, term, f, c.bit, scratch)
      }
    }
  }
  // Tag tree nodes: docs carrying a tag of the node's subtree (their article's tags included).
  for (const c of plan.clauses) if (c.tagPaths.length) markTagPaths(set, c.tagPaths, c.bit, scratch)
  // Article photos inherit field-filter matches (title:, tag:, source:, body:) of their article.
  let inheritBits = 0
  for (const c of plan.clauses) if (c.inherit) inheritBits |= c.bit
  if (inheritBits !== 0) {
    for (const seg of set.segments) {
      const parent = seg.data.parent
      for (const local of seg.photoDocs) {
        const from = mask[seg.base + parent[local]] & inheritBits
        if (from === 0) continue
        const g = seg.base + local
        scratch.touch(g)
        mask[g] |= from
      }
    }
  }

  const filter = filterFn(plan.filters)
  const segs = set.segments
  if (positive.length > 0) {
    // Candidates in doc order: scan the mask when many docs were touched, else sort the few.
    let order: Int32Array
    const touchedCount = scratch.touchedCount
    if (touchedCount > set.capacity / 16) order = allDocs(set.capacity)
    else order = scratch.touched.slice(0, touchedCount).sort()
    const docs = scratch.docs
    let count = 0
    let si = 0
    for (let i = 0; i < order.length; i++) {
      const g = order[i]
      const m = mask[g]
      if ((m & required) !== required || m & NEG_BIT) continue
      while (g >= segs[si].base + segs[si].n) si++
      const seg = segs[si]
      const local = g - seg.base
      if (seg.deleted[local]) continue
      if (filter && !filter(seg, local)) continue
      docs[count++] = g
    }
    return { docs, count, scored: true }
  }
  const docs = scratch.docs
  let count = 0
  for (const seg of segs) {
    for (let local = 0; local < seg.n; local++) {
      if (seg.deleted[local]) continue
      const g = seg.base + local
      if (mask[g] & NEG_BIT) continue
      if (filter && !filter(seg, local)) continue
      docs[count++] = g
    }
  }
  return { docs, count, scored: false }
}

let identity = new Int32Array(0)
function allDocs(capacity: number): Int32Array {
  if (identity.length < capacity) {
    identity = new Int32Array(Math.max(capacity, identity.length * 2))
    for (let i = 0; i < identity.length; i++) identity[i] = i
  }
  return identity.subarray(0, capacity)
}

export function segmentIndex(segs: readonly Segment[], g: number, hint: number): number {
  const s = segs[hint]
  if (s && g >= s.base && g < s.base + s.n) return hint
  let lo = 0
  let hi = segs.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (segs[mid].base <= g) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Score one posting list into the scratch arrays. The hottest loop of a query: it decodes the
 * varints inline rather than through `forEachPosting`, whose shared callback site would not be
 * inlined (measured: ~25% of a typical query is spent here).
 */
function scorePostings(
  seg: Segment,
  p: FieldPosting,
  norms: Float64Array,
  idf: number,
  boost: number,
  w: number,
  bits: number,
  fieldBit: number,
  gate: Uint8Array | null,
  scratch: Scratch,
): void {
  const buf = seg.data.post
  const deleted = seg.deleted
  const base = seg.base
  const { score, mask, fieldHits, touched } = scratch
  let pos = p.docStart
  let doc = -1
  for (let i = 0; i < p.count; i++) {
    let b = buf[pos++]
    let v = b & 0x7f
    let shift = 7
    while (b >= 0x80) {
      b = buf[pos++]
      v |= (b & 0x7f) << shift
      shift += 7
    }
    doc += v
    b = buf[pos++]
    let tf = b & 0x7f
    shift = 7
    while (b >= 0x80) {
      b = buf[pos++]
      tf |= (b & 0x7f) << shift
      shift += 7
    }
    const g = base + doc
    if (deleted[doc] || (gate !== null && gate[g] === 0)) continue
    // Same operations in the same order as lunr.Builder#createFieldVectors.
    let s = (idf * ((K1 + 1) * tf)) / (norms[doc] + tf)
    s *= boost
    s = Math.round(s * 1000) / 1000
    // Only scoring runs before this point, and it always sets fieldHits: zero means untouched.
    if (fieldHits[g] === 0) touched[scratch.touchedCount++] = g
    score[g] += s * w
    mask[g] |= bits
    fieldHits[g] |= fieldBit
  }
}

/**
 * Every result must satisfy every positive clause, so only docs that can satisfy the cheapest
 * one need scoring: mark them in `scratch.gate` (a doc matching a term option contains one of
 * its terms; one matching a phrase contains the phrase's rarest term). Scores of the docs that
 * stay are summed exactly as before. Returns false when gating would not save work: one plain
 * clause, or only clauses that photos satisfy through their article (those match docs without
 * postings of their own).
 */
function markCandidates(set: SegmentSet, positive: PlannedClause[], scratch: Scratch): boolean {
  let best: { term: string; fields: number[] }[] | null = null
  let bestCost = Infinity
  let phrases = false
  for (const c of positive) {
    // Tag tree matches have no postings to gate on.
    if (c.inherit || c.tagPaths.length) continue
    const probes: { term: string; fields: number[] }[] = []
    let cost = 0
    for (const o of c.options) {
      if (o.phrase) {
        phrases = true
        const dfOf = (e: PhraseElement) => e.terms.reduce((sum, t) => sum + set.df(t), 0)
        let rarest = o.phrase[0]
        for (const e of o.phrase) if (dfOf(e) < dfOf(rarest)) rarest = e
        for (const term of rarest.terms) probes.push({ term, fields: o.fields })
        cost += dfOf(rarest)
      } else
        for (const term of o.terms) {
          probes.push({ term, fields: o.fields })
          cost += set.df(term)
        }
    }
    if (cost < bestCost) {
      bestCost = cost
      best = probes
    }
  }
  if (!best || (positive.length < 2 && !phrases)) return false
  const gate = scratch.gate
  scratch.gated = true
  const lists: (FieldPosting | undefined)[] = []
  for (const { term, fields } of best)
    for (const seg of set.segments) {
      const t = seg.findTerm(term)
      if (t === -1) continue
      readPostings(seg, t, lists)
      for (const f of fields) {
        const p = lists[f]
        if (p) forEachPosting(seg, p, (doc) => (gate[seg.base + doc] = 1))
      }
    }
  return true
}

/** Set `bit` on every live doc containing `term` in field `f` (prohibited clauses). */
function markTerm(set: SegmentSet, term: string, f: number, bit: number, scratch: Scratch): void {
  const lists: (FieldPosting | undefined)[] = []
  for (const seg of set.segments) {
    const t = seg.findTerm(term)
    if (t === -1) continue
    readPostings(seg, t, lists)
    const p = lists[f]
    if (!p) continue
    const docs = decodeDocs(seg, p)
    for (const d of docs.docs) {
      const g = seg.base + d
      scratch.touch(g)
      scratch.mask[g] |= bit
    }
  }
}

interface DecodedList {
  docs: Int32Array
  tfs: Int32Array
  /** Positions of docs[i] start at posStart[i] in `positions`. */
  posStart: Int32Array
  positions: Int32Array
}

function decodeDocs(seg: Segment, p: FieldPosting): DecodedList {
  const docs = new Int32Array(p.count)
  const tfs = new Int32Array(p.count)
  const posStart = new Int32Array(p.count + 1)
  let i = 0
  let total = 0
  forEachPosting(seg, p, (doc, tf) => {
    docs[i] = doc
    tfs[i] = tf
    posStart[i++] = total
    total += tf
  })
  posStart[p.count] = total
  return { docs, tfs, posStart, positions: new Int32Array(0) }
}

function decodePositions(seg: Segment, p: FieldPosting, list: DecodedList): void {
  const buf = seg.data.post
  const positions = new Int32Array(list.posStart[list.docs.length])
  let pos = p.posStart
  let k = 0
  for (let i = 0; i < list.docs.length; i++) {
    let prev = 0
    for (let j = 0; j < list.tfs[i]; j++) {
      let b = buf[pos++]
      let v = b & 0x7f
      let shift = 7
      while (b >= 0x80) {
        b = buf[pos++]
        v |= (b & 0x7f) << shift
        shift += 7
      }
      prev += v
      positions[k++] = prev
    }
  }
  list.positions = positions
}

/**
 * Verify a phrase in field `f` with the stored token positions: every term at its offset from
 * the first one (stop words keep their slots, as lunr's token index counts them).
 */
function markPhrase(
  set: SegmentSet,
  phrase: PhraseElement[],
  f: number,
  bit: number,
  scratch: Scratch,
): void {
  const lists: (FieldPosting | undefined)[] = []
  for (const seg of set.segments) {
    const decoded: DecodedList[] = []
    let missing = false
    for (const { terms } of phrase) {
      // Any of the element's spellings: their lists merged into one.
      const alternatives: DecodedList[] = []
      for (const term of terms) {
        const t = seg.findTerm(term)
        if (t === -1) continue
        readPostings(seg, t, lists)
        const p = lists[f]
        if (!p) continue
        const list = decodeDocs(seg, p)
        decodePositions(seg, p, list)
        alternatives.push(list)
      }
      if (alternatives.length === 0) {
        missing = true
        break
      }
      decoded.push(alternatives.length === 1 ? alternatives[0] : mergeLists(alternatives))
    }
    if (missing) continue
    // Intersect from the rarest list.
    let rarest = 0
    for (let i = 1; i < decoded.length; i++)
      if (decoded[i].docs.length < decoded[rarest].docs.length) rarest = i
    const cursors = new Int32Array(decoded.length)
    for (let r = 0; r < decoded[rarest].docs.length; r++) {
      const doc = decoded[rarest].docs[r]
      if (seg.deleted[doc]) continue
      const at: number[] = []
      let ok = true
      for (let i = 0; i < decoded.length; i++) {
        const docs = decoded[i].docs
        let c = cursors[i]
        while (c < docs.length && docs[c] < doc) c++
        cursors[i] = c
        if (c >= docs.length || docs[c] !== doc) {
          ok = false
          break
        }
        at.push(c)
      }
      if (!ok || !phraseAt(decoded, at, phrase)) continue
      const g = seg.base + doc
      scratch.touch(g)
      scratch.mask[g] |= bit
      scratch.fieldHits[g] |= 1 << f
    }
  }
}

/** The union of several decoded lists of one segment: docs in order, positions sorted. */
function mergeLists(lists: DecodedList[]): DecodedList {
  const byDoc = new Map<number, number[]>()
  for (const l of lists)
    for (let i = 0; i < l.docs.length; i++) {
      const at = byDoc.get(l.docs[i]) ?? []
      for (let k = l.posStart[i]; k < l.posStart[i + 1]; k++) at.push(l.positions[k])
      byDoc.set(l.docs[i], at)
    }
  const docs = Int32Array.from([...byDoc.keys()].sort((a, b) => a - b))
  const tfs = new Int32Array(docs.length)
  const posStart = new Int32Array(docs.length + 1)
  const positions: number[] = []
  docs.forEach((d, i) => {
    const at = [...new Set(byDoc.get(d)!)].sort((a, b) => a - b)
    tfs[i] = at.length
    posStart[i] = positions.length
    positions.push(...at)
  })
  posStart[docs.length] = positions.length
  return { docs, tfs, posStart, positions: Int32Array.from(positions) }
}

function phraseAt(decoded: DecodedList[], at: number[], phrase: PhraseElement[]): boolean {
  const first = decoded[0]
  for (let k = first.posStart[at[0]]; k < first.posStart[at[0] + 1]; k++) {
    const start = first.positions[k] - phrase[0].offset
    let all = true
    for (let i = 1; i < decoded.length && all; i++) {
      const want = start + phrase[i].offset
      const list = decoded[i]
      let found = false
      for (let j = list.posStart[at[i]]; j < list.posStart[at[i] + 1]; j++) {
        if (list.positions[j] === want) {
          found = true
          break
        }
      }
      all = found
    }
    if (all) return true
  }
  return false
}

type DocFilter = (seg: Segment, local: number) => boolean

function filterFn(filters: readonly FilterClause[]): DocFilter | null {
  if (filters.length === 0) return null
  const checks = filters.map((c): DocFilter => {
    let test: DocFilter
    switch (c.filter) {
      case 'after':
        test = (s, d) => s.data.date[d] !== NONE && s.data.date[d] >= c.day
        break
      case 'before':
        test = (s, d) => s.data.date[d] !== NONE && s.data.date[d] < c.day
        break
      case 'year': {
        const from = Math.floor(Date.UTC(c.year, 0, 1) / 86_400_000)
        const to = Math.floor(Date.UTC(c.year + 1, 0, 1) / 86_400_000)
        test = (s, d) => s.data.date[d] >= from && s.data.date[d] < to
        break
      }
      case 'type':
        test =
          c.type === 'article'
            ? (s, d) => s.data.kind[d] === DOC_ARTICLE
            : (s, d) => s.data.kind[d] !== DOC_ARTICLE
        break
      case 'untagged':
        test = (s, d) => (s.data.flags[d] & FLAG_UNTAGGED) !== 0
        break
      case 'creditEmpty':
        test = (s, d) => (s.data.flags[d] & FLAG_CREDIT_EMPTY) !== 0
        break
      case 'similar': {
        // An article's document is keyed by the item id (its photos by `id#n`).
        const members = c.members ?? new Set([c.id])
        test = (s, d) => members.has(s.data.keys[d])
        break
      }
      case 'undated':
        test = (s, d) => (s.data.flags[d] & FLAG_UNDATED) !== 0
        break
      case 'creditUncertain':
        test = (s, d) => (s.data.flags[d] & FLAG_CREDIT_UNCERTAIN) !== 0
        break
    }
    return c.negated ? (s, d) => !test(s, d) : test
  })
  return (s, d) => {
    for (const check of checks) if (!check(s, d)) return false
    return true
  }
}

/** A year facet value: `archived` of `count` are undated items filed by their archived date. */
export interface YearCount {
  value: string
  count: number
  archived: number
}

/**
 * Facet value counts over the whole result set (matches are in doc order). Each result row
 * counts once per value, and an article counts once with the photo hits it contains: a value
 * is counted once per item however many of the item's documents matched (an article's photos
 * are documents of their own, so without this an article and its photo would count twice).
 */
export function countFacets(
  set: SegmentSet,
  matches: Matches,
  top: number,
  scratch?: Scratch,
): { values: { value: string; count: number }[][]; years: YearCount[] } {
  const [counts, counted] = facetCounters(set.slotTotal, scratch)
  const docs = matches.docs
  let i = 0
  for (const seg of set.segments) {
    const end = seg.base + seg.n
    if (i >= matches.count || docs[i] >= end) continue
    const base = seg.base
    const parent = seg.data.parent
    const { off, slots } = set.facetSlots(seg)
    for (; i < matches.count && docs[i] < end; i++) {
      const local = docs[i] - base
      const item = base + (parent[local] >= 0 ? parent[local] : local) + 1
      for (let j = off[local]; j < off[local + 1]; j++) {
        const slot = slots[j]
        if (counted[slot] === item) continue
        counted[slot] = item
        counts[slot]++
      }
    }
  }
  const out = FACETS.map((_, k) =>
    topFacetValues(counts.subarray(set.slotBase[k]), set.facetNames[k], top),
  )
  const yearList: YearCount[] = []
  const years = set.slotBase[YEAR_FACET]
  for (let y = YEAR_SPAN - 1; y >= 0; y--) {
    const published = counts[years + y]
    const archived = counts[years + YEAR_SPAN + y]
    if (published + archived > 0)
      yearList.push({ value: String(y + FIRST_YEAR), count: published + archived, archived })
  }
  if (scratch) {
    counts.fill(0)
    counted.fill(0)
  }
  return { values: out, years: yearList }
}

/**
 * The counters `countFacets` needs (value counts, and the item, its first document + 1, that
 * last counted each slot), all 0: the scratch's, grown to `size`, or fresh ones.
 */
function facetCounters(size: number, scratch?: Scratch): [Int32Array, Int32Array] {
  if (!scratch) return [new Int32Array(size), new Int32Array(size)]
  if (scratch.facetCounts.length < size) {
    scratch.facetCounts = new Int32Array(size)
    scratch.facetCounted = new Int32Array(size)
  }
  return [scratch.facetCounts, scratch.facetCounted]
}

/**
 * The `top` values with the highest counts (ties by value), without sorting every value: an
 * archive has tens of thousands of photographers, a facet shows a few dozen.
 */
function topFacetValues(
  counts: Int32Array,
  names: readonly string[],
  top: number,
): { value: string; count: number }[] {
  const before = (a: number, b: number): boolean =>
    counts[a] > counts[b] || (counts[a] === counts[b] && names[a] < names[b])
  // `best` stays sorted best-first; a value enters only if it beats the current last one.
  const best: number[] = []
  for (let id = 0; id < names.length; id++) {
    if (counts[id] === 0) continue
    if (best.length === top && !before(id, best[top - 1])) continue
    let at = best.length === top ? top - 1 : best.length
    while (at > 0 && before(id, best[at - 1])) {
      best[at] = best[at - 1]
      at--
    }
    best[at] = id
  }
  return best.map((id) => ({ value: names[id], count: counts[id] }))
}
