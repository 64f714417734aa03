import type { BbcRecord } from './wordModel'
import { createRng, type Rng } from './prng'

/**
 * A generated near-duplicate set for tuning and measuring the near-duplicate detector: real BBC
 * articles, each re-published by one to three other outlets with 5–30 % of its words edited
 * (substitutions, insertions, deletions), sentences reordered, and the outlet's boilerplate
 * added (a `WASHINGTON (AP) —` dateline, a copyright footer) — next to distinct stories of the
 * same BBC category, which share topic words but not the story. Deterministic for a seed.
 */

export interface GeneratedStory {
  /** Unique within the set. */
  key: string
  /** Stories with the same group are versions of one story (ground truth). */
  group: string
  source: string
  title: string
  body: string[]
  /** Share of words edited (0 for an original). */
  editRate: number
  category: string
}

export interface NearDuplicateSetOptions {
  seed?: number
  /** Originals that get re-published versions. */
  stories: number
  /** Distinct same-category articles added beside them (no versions). */
  distinct: number
  minEdit?: number
  maxEdit?: number
}

export const OUTLETS = [
  {
    name: 'AP',
    dateline: (city: string) => `${city.toUpperCase()} (AP) —`,
    footer:
      'Copyright 2005 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  },
  {
    name: 'Reuters',
    dateline: (city: string) => `${city.toUpperCase()} (Reuters) -`,
    footer:
      'Reporting by staff; editing by the Reuters desk. Our Standards: The Thomson Reuters Trust Principles.',
  },
  {
    name: 'AFP',
    dateline: (city: string) => `${city} (AFP) -`,
    footer: '© 2005 AFP. All rights reserved.',
  },
  {
    name: 'The Guardian',
    dateline: () => '',
    footer:
      'This article was amended to correct a detail. Sign up to our daily newsletter for more stories like this.',
  },
  {
    name: 'Evening Standard',
    dateline: (city: string) => `${city}:`,
    footer: 'Share this article. Follow us on social media for the latest news.',
  },
]
const CITIES = ['London', 'Washington', 'Brussels', 'New York', 'Paris', 'Tokyo', 'Geneva']

/** Words to draw substitutions and insertions from: the corpus's own vocabulary. */
function vocabularyOf(records: readonly BbcRecord[]): string[] {
  const words = new Set<string>()
  for (const r of records.slice(0, 400))
    for (const w of r.text.split(/\s+/)) if (/^[a-z]{3,}$/.test(w)) words.add(w)
  return [...words].sort()
}

/** Body paragraphs of a BBC record (its first line is the title). */
export function bbcBody(record: BbcRecord): string[] {
  return record.text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && p !== record.title.trim())
}

/** Rewrite a story: edit `rate` of its words, reorder a few sentences, add an outlet's boilerplate. */
export function rewrite(
  body: readonly string[],
  rate: number,
  outlet: (typeof OUTLETS)[number],
  vocabulary: readonly string[],
  rng: Rng,
): string[] {
  const paragraphs = body.map((p) => p.split(/(?<=[.!?])\s+/))
  // Sentence reorders: swap a few pairs of neighbouring sentences or paragraphs.
  const swaps = rng.int(0, 2)
  for (let s = 0; s < swaps && paragraphs.length > 1; s++) {
    const i = rng.int(0, paragraphs.length - 2)
    ;[paragraphs[i], paragraphs[i + 1]] = [paragraphs[i + 1], paragraphs[i]]
  }
  const words = paragraphs.map((sentences) => sentences.map((s) => s.split(' ')))
  const total = words.flat(2).length
  const edits = Math.round(total * rate)
  for (let e = 0; e < edits; e++) {
    const p = rng.int(0, words.length - 1)
    const s = rng.int(0, words[p].length - 1)
    const sentence = words[p][s]
    if (sentence.length === 0) continue
    const w = rng.int(0, sentence.length - 1)
    const op = rng.next()
    if (op < 0.5) sentence[w] = rng.pick(vocabulary)
    else if (op < 0.75) sentence.splice(w, 0, rng.pick(vocabulary))
    else if (sentence.length > 1) sentence.splice(w, 1)
  }
  const out = words.map((sentences) => sentences.map((s) => s.join(' ')).join(' '))
  const dateline = outlet.dateline(rng.pick(CITIES))
  if (dateline) out[0] = `${dateline} ${out[0]}`
  out.push(outlet.footer)
  return out
}

/**
 * Build the set from BBC records: `stories` originals with 1–3 versions each, plus `distinct`
 * other articles of the same categories. Articles whose body or headline equals another's are
 * left out (the corpus has such duplicates: they would be unlabelled positives).
 */
export function generateNearDuplicates(
  records: readonly BbcRecord[],
  options: NearDuplicateSetOptions,
): GeneratedStory[] {
  const rng = createRng(options.seed ?? 12, 7)
  const minEdit = options.minEdit ?? 0.05
  const maxEdit = options.maxEdit ?? 0.3
  // The corpus republishes some stories (same body, or same headline over an edited body):
  // those would be unlabelled positives, so no article sharing either with another is used.
  const counts = new Map<string, number>()
  const keysOf = (r: BbcRecord) => [
    `b:${bbcBody(r).join(' ').toLowerCase()}`,
    `t:${r.title.trim().toLowerCase()}`,
  ]
  for (const r of records) for (const k of keysOf(r)) counts.set(k, (counts.get(k) ?? 0) + 1)
  const unique = records.filter((r) => keysOf(r).every((k) => counts.get(k) === 1))
  // A seeded shuffle, then originals first and distinct stories after them.
  const order = unique.map((r, i) => ({ r, k: createRng(options.seed ?? 12, i).next() }))
  order.sort((a, b) => a.k - b.k)
  const picked = order.map((o) => o.r)
  const originals = picked.slice(0, options.stories)
  const categories = new Set(originals.map((r) => r.category))
  const distinct = picked
    .slice(options.stories)
    .filter((r) => categories.has(r.category))
    .slice(0, options.distinct)
  const vocabulary = vocabularyOf(records)
  const out: GeneratedStory[] = []
  for (const r of originals) {
    const body = bbcBody(r)
    out.push({
      key: `${r.id}`,
      group: r.id,
      source: 'BBC News',
      title: r.title.trim(),
      body,
      editRate: 0,
      category: r.category,
    })
    const versions = rng.int(1, 3)
    const outlets = [...OUTLETS].sort(() => rng.next() - 0.5)
    for (let v = 0; v < versions; v++) {
      const rate = minEdit + rng.next() * (maxEdit - minEdit)
      out.push({
        key: `${r.id}~${v + 1}`,
        group: r.id,
        source: outlets[v].name,
        title: r.title.trim(),
        body: rewrite(body, rate, outlets[v], vocabulary, rng),
        editRate: rate,
        category: r.category,
      })
    }
  }
  for (const r of distinct) {
    out.push({
      key: r.id,
      group: r.id,
      source: 'BBC News',
      title: r.title.trim(),
      body: bbcBody(r),
      editRate: 0,
      category: r.category,
    })
  }
  return out
}
