import type { Article } from '../../main/core/model'
import { SimilarIndex } from '../../main/core/similar/similarIndex'
import type { GeneratedStory } from './nearDuplicates'

/** Pair-level scores of the near-duplicate detector against a labelled set. */
export interface PairScores {
  threshold: number
  /** Pairs put in one cluster that are versions of one story / all pairs put in one cluster. */
  precision: number
  /** Pairs of versions of one story put in one cluster / all such pairs. */
  recall: number
  truePairs: number
  foundPairs: number
  correctPairs: number
  /** Recall of (original, version) pairs by edit rate band, e.g. `5–10 %`. */
  byEdit: { band: string; pairs: number; recall: number }[]
}

export function storyArticle(s: GeneratedStory, i: number): Article {
  return {
    kind: 'article',
    id: `g${String(i).padStart(15, '0')}`,
    title: s.title,
    body: s.body,
    photos: [],
    tags: [],
    source: s.source,
    archivedAt: '2025-01-01T00:00:00.000Z',
    contentHash: s.key,
  }
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`)

/** Run the detector (in memory, items added one batch at a time) and score it. */
export async function scoreDetector(
  stories: readonly GeneratedStory[],
  threshold: number,
): Promise<PairScores> {
  const index = SimilarIndex.inMemory(threshold)
  const articles = stories.map(storyArticle)
  for (let i = 0; i < articles.length; i += 100) await index.upsert(articles.slice(i, i + 100))
  const position = new Map(articles.map((a, i) => [a.id, i]))
  const found = new Set<string>()
  for (const a of articles) {
    const members = index.clusterOf(a.id)
    if (!members) continue
    const i = position.get(a.id)!
    for (const m of members) if (m !== a.id) found.add(pairKey(i, position.get(m)!))
  }
  const byGroup = new Map<string, number[]>()
  stories.forEach((s, i) => byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), i]))
  let truePairs = 0
  let correct = 0
  for (const members of byGroup.values()) {
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        truePairs++
        if (found.has(pairKey(members[x], members[y]))) correct++
      }
  }
  const bands = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3]
  const byEdit = bands.slice(0, -1).map((lo, b) => {
    const hi = bands[b + 1]
    let pairs = 0
    let hit = 0
    stories.forEach((s, i) => {
      if (s.editRate < lo || s.editRate >= hi) return
      const original = byGroup.get(s.group)![0]
      pairs++
      if (found.has(pairKey(original, i))) hit++
    })
    return {
      band: `${Math.round(lo * 100)}–${Math.round(hi * 100)} %`,
      pairs,
      recall: pairs ? hit / pairs : 1,
    }
  })
  return {
    threshold,
    precision: found.size ? correct / found.size : 1,
    recall: truePairs ? correct / truePairs : 1,
    truePairs,
    foundPairs: found.size,
    correctPairs: correct,
    byEdit,
  }
}
