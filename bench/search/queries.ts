import lunr from 'lunr'
import type { Query as MiniQuery } from 'minisearch'
import type { Article } from '../../main/core/model'
import { createRng, type Rng } from '../corpus/prng'
import { misspell, EDIT_KINDS, type EditKind } from '../../main/core/search/testing/misspell'
import { PLACES } from '../corpus/vocabularies'
import type { WordCount } from '../corpus/wordModel'

/** What a benchmark query exercises; the report breaks latency down by kind. */
export type QueryKind =
  | 'word'
  | 'rare word'
  | 'name'
  | 'words'
  | 'phrase'
  | 'field'
  | 'prefix'
  | 'fuzzy'
  | 'word + filter'
  | 'typo'

type Field = 'title' | 'caption' | 'photographer' | 'agency' | 'tag'

/** One part of a query: words, optionally restricted to a field, a phrase, a prefix or fuzzy. */
export interface QueryClause {
  terms: string[]
  field?: Field
  phrase?: boolean
  prefix?: boolean
  fuzzy?: number
}

/** A query of the mix in each engine's own syntax. */
export interface BenchQuery {
  kind: QueryKind
  /** Our news query language (what a user types). */
  ours: string
  /** Plain lunr's query syntax: every term required (`+`), fields, `*`, `~1`. */
  lunr: string
  /** MiniSearch: an AND combination of sub-queries with their fields/prefix/fuzzy options. */
  mini: MiniQuery
  /** For a misspelt query: the same query spelt right (what the user meant). */
  intended?: BenchQuery
}

/** Where each of our fields lives in the baselines' documents (see `toBaselineDoc`). */
const BASELINE_FIELD: Record<Field, string> = {
  title: 'title',
  caption: 'caption',
  photographer: 'credit',
  agency: 'credit',
  tag: 'tags',
}

/** Words the baselines index for each agency id we query (their credit text says it so). */
const AGENCY_WORDS: Record<string, string[]> = {
  afp: ['afp'],
  ap: ['ap'],
  reuters: ['reuters'],
  getty: ['getty'],
  epa: ['epa'],
  shutterstock: ['shutterstock'],
  nyt: ['york', 'times'],
}

/** How each engine's syntax was approximated, for the report. */
export const TRANSLATION_NOTE = [
  'Query translation: our language is typed as a user would (`a b`, `"a b"`, `title:x`,',
  '`photographer:"first last"`, `agency:afp`, `tag:x`, `wor*`, `word~1`). Plain lunr gets every',
  'term as required (`+a +b`); a phrase becomes `+a +b` (lunr has no phrases); `photographer:`',
  'and `agency:` become `+credit:…` terms (`agency:nyt` → `+credit:york +credit:times`), `tag:` →',
  '`+tags:…`. MiniSearch gets `combineWith: "AND"` with per-clause `fields`, `prefix: true` and',
  '`fuzzy: 1`; phrases are an AND of their words. Neither baseline computes facets or snippets;',
  'both return the full ranked list, of which the top 20 are taken.',
].join(' ')

const isStopWord = (w: string): boolean => lunr.stopWordFilter(new lunr.Token(w, {})) === undefined

const isContentWord = (w: string): boolean => /^[a-z]{3,}$/.test(w) && !isStopWord(w)

/**
 * The deterministic query mix (~200 queries) for a corpus: frequent and rare single words, names
 * and places, several words and phrases taken from sample articles, field filters, prefixes and
 * fuzzy terms. With no photos in the sample (the BBC run), caption/photographer/agency filters
 * are replaced by title filters.
 */
export function buildQueryMix(
  vocabulary: readonly WordCount[],
  sample: readonly Article[],
  seed: number,
): BenchQuery[] {
  const rng = createRng(seed, 7_777)
  const content = vocabulary.filter((w) => isContentWord(w.word))
  const frequent = content.slice(20, 800).map((w) => w.word)
  const midFrequency = content.slice(100, 3000).map((w) => w.word)
  const rare = content.filter((w) => w.count >= 2 && w.count <= 5).map((w) => w.word)
  const withPhotos = sample.filter((a) => a.photos.length > 0)
  const credits = withPhotos.flatMap((a) => a.photos.flatMap((p) => (p.credit ? [p.credit] : [])))
  const photographers = credits.flatMap((c) => (c.photographer ? [c.photographer] : []))
  const tags = sample.flatMap((a) => a.tags)
  const out: BenchQuery[] = []
  const add = (kind: QueryKind, clauses: QueryClause[]): void => {
    out.push({ kind, ours: toOurs(clauses), lunr: toLunr(clauses), mini: toMini(clauses) })
  }
  const bodyWords = (): string[] => wordsOf(rng.pick(sample).body.join(' '))

  for (let i = 0; i < 30; i++) add('word', [{ terms: [rng.pick(frequent)] }])
  for (let i = 0; i < 20; i++) add('rare word', [{ terms: [rng.pick(rare)] }])
  // Names users search for: places and photographers in the generated corpus; in a corpus
  // without credits (BBC), words written with a capital inside sentences.
  const names =
    photographers.length > 0
      ? [...PLACES.filter((p) => !p.includes(' ')), ...photographers.map(lastName)]
      : properNouns(sample)
  for (let i = 0; i < 10; i++) add('name', [{ terms: [rng.pick(names).toLowerCase()] }])
  for (let i = 0; i < 30; i++) {
    const words = bodyWords()
    const n = rng.int(2, 3)
    const picked = new Set<string>()
    while (picked.size < n) picked.add(rng.pick(words))
    add('words', [{ terms: [...picked] }])
  }
  for (let i = 0; i < 25; i++) add('phrase', [{ terms: adjacentPair(rng, sample), phrase: true }])

  const fieldKinds: Field[] =
    credits.length > 0
      ? ['title', 'caption', 'photographer', 'agency', 'tag']
      : ['title', 'title', 'title', 'title', 'tag']
  for (const field of fieldKinds) {
    for (let i = 0; i < 8; i++) {
      if (field === 'title') add('field', [{ field, terms: [rng.pick(titleWords(rng, sample))] }])
      if (field === 'caption') {
        const caption = rng.pick(rng.pick(withPhotos).photos).caption
        add('field', [{ field, terms: [rng.pick(wordsOf(caption))] }])
      }
      if (field === 'photographer') add('field', [{ field, terms: [rng.pick(photographers)] }])
      if (field === 'agency')
        add('field', [{ field, terms: [rng.pick(Object.keys(AGENCY_WORDS))] }])
      if (field === 'tag') add('field', [{ field, terms: [rng.pick(tags)] }])
    }
  }
  for (let i = 0; i < 20; i++) {
    const word = rng.pick(midFrequency.filter((w) => w.length >= 6))
    add('prefix', [{ terms: [word.slice(0, rng.int(3, 5))], prefix: true }])
  }
  for (let i = 0; i < 15; i++) {
    add('fuzzy', [
      { terms: [typo(rng, rng.pick(midFrequency.filter((w) => w.length >= 6)))], fuzzy: 1 },
    ])
  }
  for (let i = 0; i < 10; i++) {
    const filter: QueryClause =
      credits.length > 0 && i % 2 === 0
        ? { field: 'agency', terms: [rng.pick(Object.keys(AGENCY_WORDS))] }
        : { field: 'tag', terms: [rng.pick(tags)] }
    add('word + filter', [{ terms: [rng.pick(frequent)] }, filter])
  }
  return out
}

/**
 * The misspelt group (30 queries, typed without syntax): 10 names (places, photographers' last
 * names), 10 long words and 10 two-word queries with one word misspelt, one edit in words of up
 * to 7 letters and one or two in longer ones (testing/misspell.ts: keyboard neighbours, dropped,
 * doubled and swapped letters), never a word of the corpus. Each keeps its correct spelling
 * (`intended`). MiniSearch runs them with `fuzzy: 0.2`, its usual typo tolerance; plain lunr
 * has none without syntax and gets the words as typed.
 */
export function buildTypoMix(
  vocabulary: readonly WordCount[],
  sample: readonly Article[],
  seed: number,
): BenchQuery[] {
  const rng = createRng(seed, 4_242)
  const random = () => rng.next()
  const known = new Set(vocabulary.map((w) => w.word))
  const content = vocabulary.filter((w) => isContentWord(w.word))
  const long = content.slice(100, 3000).filter((w) => w.word.length >= 8)
  const photographers = sample.flatMap((a) =>
    a.photos.flatMap((p) => (p.credit?.photographer ? [lastName(p.credit.photographer)] : [])),
  )
  const names = [...PLACES.filter((p) => !p.includes(' ')), ...photographers].filter(
    (n) => n.length >= 5,
  )
  for (const n of names) known.add(n.toLowerCase())
  const out: BenchQuery[] = []
  let n = 0
  const typoOf = (word: string): string => {
    const kinds: EditKind[] = [EDIT_KINDS[n % 4]]
    if (word.length >= 8 && n % 2 === 0) kinds.push(EDIT_KINDS[(n + 1) % 4])
    n++
    for (let t = 0; t < 30; t++) {
      const typo = misspell(word, kinds, random)
      if (typo && !known.has(typo.toLowerCase())) return typo
    }
    return word
  }
  const add = (words: string[], misspelt: string[]): void => {
    const intended = plainQuery(words, false)
    out.push({ ...plainQuery(misspelt, true), kind: 'typo', intended })
  }
  for (let i = 0; i < 10; i++) {
    const name = rng.pick(names)
    add([name], [typoOf(name)])
  }
  for (let i = 0; i < 10; i++) {
    const word = rng.pick(long).word
    add([word], [typoOf(word)])
  }
  for (let i = 0; i < 10; i++) {
    const words = wordsOf(rng.pick(sample).body.join(' ')).filter((w) => w.length >= 5)
    const pair = [rng.pick(words), rng.pick(words)]
    if (pair[0] === pair[1]) pair[1] = rng.pick(long).word
    add(pair, [pair[0], typoOf(pair[1])])
  }
  return out
}

/** Words typed without syntax, in each engine's form (MiniSearch with `fuzzy: 0.2` if `fuzzy`). */
function plainQuery(words: string[], fuzzy: boolean): BenchQuery {
  const lower = words.map((w) => w.toLowerCase())
  return {
    kind: 'words',
    ours: words.join(' '),
    lunr: lower.map((w) => `+${w}`).join(' '),
    mini: {
      combineWith: 'AND',
      queries: [
        { queries: [lower.join(' ')], combineWith: 'AND', ...(fuzzy ? { fuzzy: 0.2 } : {}) },
      ],
    },
  }
}

function wordsOf(text: string): string[] {
  const words = (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter(isContentWord)
  return words.length > 0 ? words : ['news']
}

function properNouns(sample: readonly Article[]): string[] {
  const found = new Set<string>()
  for (const article of sample.slice(0, 300)) {
    for (const m of article.body.join(' ').matchAll(/[a-z,] ([A-Z][a-z]{3,})\b/g)) {
      if (isContentWord(m[1].toLowerCase())) found.add(m[1])
    }
  }
  return found.size > 0 ? [...found].sort() : ['London']
}

function titleWords(rng: Rng, sample: readonly Article[]): string[] {
  for (;;) {
    const words = wordsOf(rng.pick(sample).title)
    if (words[0] !== 'news' || words.length > 1) return words
  }
}

function lastName(name: string): string {
  const parts = name.split(' ')
  return parts[parts.length - 1]
}

/** Two adjacent content words from a sample body: a phrase that does occur. */
function adjacentPair(rng: Rng, sample: readonly Article[]): string[] {
  for (let attempt = 0; ; attempt++) {
    const paragraph = rng.pick(rng.pick(sample).body)
    const tokens = paragraph.toLowerCase().split(/\s+/)
    const start = rng.int(0, Math.max(0, tokens.length - 2))
    for (let i = start; i < tokens.length - 1; i++) {
      const [a, b] = [tokens[i], tokens[i + 1]]
      if (isContentWord(a) && isContentWord(b)) return [a, b]
    }
    if (attempt > 50) return ['prime', 'minister']
  }
}

/** One letter replaced: what `~1` must forgive. */
function typo(rng: Rng, word: string): string {
  const at = rng.int(1, word.length - 2)
  const letters = 'abcdefghijklmnopqrstuvwxyz'.replace(word[at], '')
  return word.slice(0, at) + rng.pick([...letters]) + word.slice(at + 1)
}

function quoteIfSpaced(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value
}

function toOurs(clauses: QueryClause[]): string {
  return clauses
    .map((c) => {
      // Users type filter values in lower case (`photographer:"delil souleiman"`).
      if (c.field) return `${c.field}:${quoteIfSpaced(c.terms.join(' ').toLowerCase())}`
      if (c.phrase) return `"${c.terms.join(' ')}"`
      if (c.prefix) return `${c.terms[0]}*`
      if (c.fuzzy) return `${c.terms[0]}~${c.fuzzy}`
      return c.terms.join(' ')
    })
    .join(' ')
}

/** Lower-case words as lunr's tokenizer would split them, stop words dropped (lunr ignores them). */
function lunrWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/^\W+|\W+$/g, ''))
    .filter((w) => w !== '' && !isStopWord(w))
}

function baselineWords(c: QueryClause): string[] {
  if (c.field === 'agency') return AGENCY_WORDS[c.terms[0]] ?? [c.terms[0]]
  // A prefix or a misspelling is not a word: `off*` must not be dropped as a stop word.
  if (c.prefix || c.fuzzy) return c.terms.map((t) => t.toLowerCase())
  return c.terms.flatMap(lunrWords)
}

function toLunr(clauses: QueryClause[]): string {
  return clauses
    .flatMap((c) => {
      const field = c.field ? `${BASELINE_FIELD[c.field]}:` : ''
      const suffix = c.prefix ? '*' : c.fuzzy ? `~${c.fuzzy}` : ''
      return baselineWords(c).map((w) => `+${field}${w}${suffix}`)
    })
    .join(' ')
}

function toMini(clauses: QueryClause[]): MiniQuery {
  return {
    combineWith: 'AND',
    queries: clauses.map((c) => ({
      queries: [baselineWords(c).join(' ')],
      combineWith: 'AND',
      ...(c.field ? { fields: [BASELINE_FIELD[c.field]] } : {}),
      ...(c.prefix ? { prefix: true } : {}),
      ...(c.fuzzy ? { fuzzy: c.fuzzy } : {}),
    })),
  }
}
