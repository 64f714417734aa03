import { describe, expect, it } from 'vitest'
import { loadBbcArticles } from '../../bench/corpus/bbcArticles'
import { scoreDetector } from '../../bench/corpus/nearDuplicateEval'
import { bbcBody, generateNearDuplicates } from '../../bench/corpus/nearDuplicates'
import { readBbcRecords } from '../../bench/corpus/wordModel'
import { SIMILARITY_THRESHOLD, SimilarIndex } from '../../main/core/similar/similarIndex'

// Floors for the shipped threshold; bench/similar.ts measures the full sets (docs/BENCHMARKS.md).
describe('near-duplicate detection quality', () => {
  const records = readBbcRecords()

  it('finds edited re-publications and keeps same-topic stories apart (generated set)', async () => {
    // Seed 303 is neither the tuning (101) nor the bench's evaluation (202) seed.
    const set = generateNearDuplicates(records, { seed: 303, stories: 60, distinct: 120 })
    const scores = await scoreDetector(set, SIMILARITY_THRESHOLD)
    expect(scores.truePairs).toBeGreaterThan(100)
    expect(scores.precision).toBeGreaterThanOrEqual(0.95)
    expect(scores.recall).toBeGreaterThanOrEqual(0.97)
    for (const band of scores.byEdit) expect(band.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('finds the stories the BBC corpus itself carries twice', async () => {
    const articles = loadBbcArticles(records)
    const byBody = new Map<string, number[]>()
    records.forEach((r, i) => {
      const key = bbcBody(r).join(' ')
      byBody.set(key, [...(byBody.get(key) ?? []), i])
    })
    const groups = [...byBody.values()].filter((g) => g.length > 1)
    expect(groups.length).toBeGreaterThan(90)
    const index = SimilarIndex.inMemory()
    for (let i = 0; i < articles.length; i += 250) await index.upsert(articles.slice(i, i + 250))
    let found = 0
    for (const [a, b] of groups)
      if (index.clusterOf(articles[a].id)?.includes(articles[b].id)) found++
    expect(found / groups.length).toBeGreaterThanOrEqual(0.98)
    // Clusters stay story-sized: no chain swallows a topic.
    let largest = 0
    for (const a of articles) largest = Math.max(largest, index.clusterOf(a.id)?.length ?? 0)
    expect(largest).toBeLessThanOrEqual(6)
  })
})
