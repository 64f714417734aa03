import type { Article, Credit } from '../../model'

/**
 * Deterministic synthetic articles for tests: a Zipf-like vocabulary of real English words and
 * made-up names, 1–3 credited photos per article. Not realistic prose; realistic statistics
 * enough that ranking differences would show.
 */

const WORDS = (
  'police minister election government attack forces border village province city market ' +
  'policy policies fighters army refugees border talks peace ceasefire protest protesters ' +
  'report reported reporting president council court judge ruling trial water drought ' +
  'flood floods storm harvest school schools teacher students hospital doctors nurses ' +
  'vaccine economy inflation prices bank banks oil gas pipeline energy power station ' +
  'journalist journalists photographer camera agency news story stories archive running ' +
  'runner runs bridge road roads convoy aid workers charity mission bombing bombings ' +
  'strike strikes union workers factory factories coast island islands mountain mountains'
).split(/\s+/)
const NAMES = [
  'Souleiman',
  'Sulaiman',
  'Kanani',
  'Kanaani',
  'Ortega',
  'Nakamura',
  'Haddad',
  'Okafor',
]
const AGENCIES: [string, string][] = [
  ['AFP', 'afp'],
  ['AP', 'ap'],
  ['REUTERS', 'reuters'],
  ['EPA', 'epa'],
]

/** Mulberry32: a small seeded PRNG so every run sees the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticArticles(count: number, seed = 1): Article[] {
  const rand = rng(seed)
  const zipf = (n: number) => Math.floor(Math.pow(rand(), 2.2) * n)
  const word = () => (rand() < 0.08 ? NAMES[zipf(NAMES.length)] : WORDS[zipf(WORDS.length)])
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ')
  const out: Article[] = []
  for (let i = 0; i < count; i++) {
    const photos = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, p) => {
      const [agency, id] = AGENCIES[zipf(AGENCIES.length)]
      const name = `${NAMES[zipf(NAMES.length)]} ${NAMES[zipf(NAMES.length)]}`
      const credit: Credit = {
        raw: `${name.toUpperCase()} / ${agency}`,
        photographer: name,
        agency,
        agencies: [agency],
        agencyIds: [id],
      }
      return { id: `p${p}`, caption: sentence(8 + Math.floor(rand() * 20)), credit }
    })
    const year = 2010 + Math.floor(rand() * 14)
    out.push({
      kind: 'article',
      id: (0x1000000 + i).toString(16).padStart(16, '0'),
      title: sentence(4 + Math.floor(rand() * 6)),
      tags: rand() < 0.3 ? [] : [WORDS[zipf(20)]],
      archivedAt: '2024-01-01T00:00:00Z',
      publishedAt: `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      contentHash: `h${i}`,
      source: rand() < 0.5 ? 'AFP' : 'The Guardian',
      body: Array.from({ length: 2 + Math.floor(rand() * 4) }, () =>
        sentence(20 + Math.floor(rand() * 60)),
      ),
      photos,
    })
  }
  return out
}
