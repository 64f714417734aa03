import type { Article, Photo } from '../../main/core/model'
import { contentHash } from '../../main/core/contentHash'
import { createCreditMaker, loadCreditFormats } from './creditFormats'
import { createRng, type Rng } from './prng'
import { FIRST_NAMES, LAST_NAMES, OUTLETS, PLACES, TAGS } from './vocabularies'
import { loadWordModel, type WordModel } from './wordModel'

/** Default seed of the benchmark corpus; change it and every number changes. */
export const DEFAULT_SEED = 20_251_124

const FIRST_DAY = Date.UTC(2011, 0, 1)
const LAST_DAY = Date.UTC(2025, 11, 31)
const DAY_MS = 86_400_000

/** A generated news corpus: article `i` depends only on the seed and `i`. */
export interface Corpus {
  seed: number
  model: WordModel
  /** Photographer names the credits draw from, most frequent first. */
  photographers: readonly string[]
  /** Article number `index` (0-based), generated on demand. */
  article(index: number): Article
}

/**
 * Build a corpus generator: ~550-word bodies from a bigram model of the real BBC texts, 1–3
 * photos with captions and credits in the real formats of `captions-dev.jsonl` (credits filled
 * in by construction, not parsed), 0–4 tags, 24 outlets, dates over 2011–2025. Loading the
 * statistics takes about 1.5 s; each article then costs about 0.2 ms. Throws if the shared
 * corpora are missing.
 */
export function createCorpus(seed = DEFAULT_SEED): Corpus {
  const model = loadWordModel()
  const credits = createCreditMaker(loadCreditFormats())
  const photographers = namePool(seed, 4000)
  const outletCum: number[] = []
  let outletTotal = 0
  for (const [, w] of OUTLETS) outletCum.push((outletTotal += w))

  const skewed = <T>(rng: Rng, items: readonly T[], power: number): T =>
    items[Math.floor(items.length * rng.next() ** power)]

  const photo = (rng: Rng, n: number): Photo => {
    let caption = model.sentence(rng, 24)
    if (rng.chance(0.5)) caption = `${caption.slice(0, -1)} in ${rng.pick(PLACES)}.`
    const [first, last] = skewed(rng, photographers, 2.5).split('\t')
    // About 1 photo in 20 arrives without a credit (what `credit:empty` finds).
    if (rng.chance(0.05)) return { id: `p${n}`, caption, credit: null }
    const { credit, inCaption } = credits.make(rng, first, last)
    return { id: `p${n}`, caption: inCaption ? `${caption} ${credit.raw}` : caption, credit }
  }

  const article = (index: number): Article => {
    const rng = createRng(seed, index)
    const id = hex8(rng) + hex8(rng)
    const title = model.headline(rng, 5, 10)
    const published = FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS
    const publishedAt = new Date(published + rng.int(5, 22) * 3_600_000).toISOString()
    const archivedAt = new Date(published + rng.int(1, 30) * DAY_MS).toISOString()
    const target = 400 + rng.int(0, 150) + rng.int(0, 150)
    const body: string[] = []
    let words = 0
    while (words < target) {
      const sentences: string[] = []
      for (let s = rng.int(1, 3); s > 0; s--) sentences.push(model.sentence(rng))
      if (rng.chance(0.12)) sentences[0] = `In ${rng.pick(PLACES)}, ${lowerFirst(sentences[0])}`
      const paragraph = sentences.join(' ')
      words += paragraph.split(' ').length
      body.push(paragraph)
    }
    const photos: Photo[] = []
    for (let n = rng.int(1, 3), i = 0; i < n; i++) photos.push(photo(rng, i))
    const tags = new Set<string>()
    for (let n = rng.int(0, 4); n > 0; n--) tags.add(skewed(rng, TAGS, 2))
    const outletTarget = rng.next() * outletTotal
    const source = OUTLETS[outletCum.findIndex((c) => c > outletTarget)][0]
    const [bf, bl] = rng.pick(photographers).split('\t')
    const draft = {
      kind: 'article' as const,
      title,
      source,
      byline: `By ${bf} ${bl}`,
      dateline: rng.pick(PLACES),
      publishedAt,
      language: 'en',
      body,
      photos,
    }
    return { ...draft, id, archivedAt, contentHash: contentHash(draft), tags: [...tags] }
  }

  return {
    seed,
    model,
    photographers: photographers.map((p) => p.replace('\t', ' ')),
    article,
  }
}

/** Articles `from` … `from + count - 1`, one at a time (nothing is kept). */
export function* generateArticles(corpus: Corpus, count: number, from = 0): Generator<Article> {
  for (let i = from; i < from + count; i++) yield corpus.article(i)
}

/** `size` distinct `first\tlast` pairs in a seeded order (earlier ones are drawn more often). */
function namePool(seed: number, size: number): string[] {
  const rng = createRng(seed, -1)
  const seen = new Set<string>()
  const max = FIRST_NAMES.length * LAST_NAMES.length
  while (seen.size < Math.min(size, max)) {
    seen.add(`${rng.pick(FIRST_NAMES)}\t${rng.pick(LAST_NAMES)}`)
  }
  return [...seen]
}

function hex8(rng: Rng): string {
  return Math.floor(rng.next() * 4294967296)
    .toString(16)
    .padStart(8, '0')
}

function lowerFirst(s: string): string {
  // Keep proper nouns and acronyms (`BBC`, `Mr`) capitalised.
  return /^[A-Z][a-z]/.test(s) && !/^(I|Mr|Mrs|Ms|Dr)\b/.test(s)
    ? s[0].toLowerCase() + s.slice(1)
    : s
}
