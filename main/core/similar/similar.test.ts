import { mkdtemp, rm, stat, truncate, writeFile, appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../model'
import { ClusterGraph } from './clusters'
import { LshIndex } from './lshIndex'
import { estimate, minhash, NUM_HASHES } from './minhash'
import { jaccard, shingleHashes, wordsOf } from './shingles'
import { SimilarIndex } from './similarIndex'

/** A deterministic text of `n` words from a seeded generator. */
function text(seed: number, n = 200): string {
  let s = seed >>> 0
  const words: string[] = []
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    words.push(`w${s % 5000}`)
  }
  return words.join(' ')
}

/** Replace every `step`-th word (a copy edited at ~1/step of its words). */
function edit(t: string, step: number, tag = 'x'): string {
  return t
    .split(' ')
    .map((w, i) => (i % step === 0 ? `${tag}${i}` : w))
    .join(' ')
}

const article = (id: string, body: string, source = 'AP'): Article => ({
  kind: 'article',
  id,
  title: `Story ${id}`,
  body: body.split('\n'),
  photos: [],
  tags: [],
  source,
  archivedAt: '2025-01-01T00:00:00.000Z',
  contentHash: id,
})

describe('shingles', () => {
  it('folds case, diacritics and punctuation and gives sorted distinct hashes', () => {
    expect(wordsOf('Souleïman, SAID: “no” — twice.')).toEqual(['souleiman', 'said', 'no', 'twice'])
    const a = shingleHashes('The cat sat. The cat sat.')
    const b = shingleHashes('the CAT sat the cat sat')
    expect([...a]).toEqual([...b])
    expect(a.length).toBe(3) // the cat, cat sat, sat the
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1])
    expect(shingleHashes('').length).toBe(0)
    expect(shingleHashes('alone').length).toBe(1)
  })

  it('computes exact Jaccard of shingle sets', () => {
    const a = shingleHashes('a b c d e')
    expect(jaccard(a, a)).toBe(1)
    expect(jaccard(a, shingleHashes('v w x y z'))).toBe(0)
    expect(jaccard(shingleHashes('a b c'), shingleHashes('a b d'))).toBeCloseTo(1 / 3)
  })
})

describe('minhash', () => {
  it('is deterministic and estimates Jaccard within a few standard errors', () => {
    const base = text(1)
    expect([...minhash(shingleHashes(base))!]).toEqual([...minhash(shingleHashes(base))!])
    expect(minhash(new Uint32Array(0))).toBeNull()
    for (const step of [3, 5, 10, 20]) {
      const a = shingleHashes(base)
      const b = shingleHashes(edit(base, step))
      const exact = jaccard(a, b)
      const est = estimate(minhash(a)!, minhash(b)!)
      const se = Math.sqrt((exact * (1 - exact)) / NUM_HASHES)
      expect(Math.abs(est - exact)).toBeLessThan(4 * se + 0.01)
    }
    expect(estimate(minhash(shingleHashes(text(1)))!, minhash(shingleHashes(text(2)))!)).toBe(0)
  })
})

describe('LSH buckets', () => {
  it('makes near duplicates candidates and unrelated texts not', () => {
    const sigs = [text(1), edit(text(1), 6), text(2), text(3)].map((t) =>
      minhash(shingleHashes(t))!,
    )
    const source = { values: new Uint16Array(sigs.length * NUM_HASHES) }
    sigs.forEach((s, i) => source.values.set(s, i * NUM_HASHES))
    const lsh = new LshIndex(source)
    for (let i = 0; i < sigs.length; i++) lsh.add(i)
    expect(lsh.candidates(sigs[0]).sort()).toEqual([0, 1])
    expect(lsh.candidates(sigs[2])).toEqual([2])
    lsh.remove(1)
    expect(lsh.candidates(sigs[0])).toEqual([0])
  })

  it('keeps every entry findable as the table grows', () => {
    const n = 300
    const source = { values: new Uint16Array(n * NUM_HASHES) }
    const sigs = Array.from({ length: n }, (_, i) => minhash(shingleHashes(text(100 + i)))!)
    sigs.forEach((s, i) => source.values.set(s, i * NUM_HASHES))
    const lsh = new LshIndex(source)
    for (let i = 0; i < n; i++) lsh.add(i)
    for (let i = 0; i < n; i += 37) expect(lsh.candidates(sigs[i])).toContain(i)
  })
})

describe('cluster graph', () => {
  it('joins groups through shared neighbours and splits them when a bridge goes', () => {
    const g = new ClusterGraph()
    g.add(1, [])
    g.add(2, [1])
    g.add(3, [])
    g.add(4, [3])
    expect([...g.groupOf(1)!].sort()).toEqual([1, 2])
    g.add(5, [2, 4]) // a bridge
    expect([...g.groupOf(3)!].sort()).toEqual([1, 2, 3, 4, 5])
    g.remove(5)
    expect([...g.groupOf(1)!].sort()).toEqual([1, 2])
    expect([...g.groupOf(4)!].sort()).toEqual([3, 4])
    g.remove(2)
    expect(g.groupOf(1)).toBeUndefined()
    expect(g.groupCount).toBe(1)
  })
})

describe('SimilarIndex', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'morgue-similar-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('clusters on add, re-clusters on edit and delete', async () => {
    const index = SimilarIndex.inMemory()
    const story = text(7)
    await index.upsert([
      article('a', story),
      article('b', edit(story, 8), 'Reuters'),
      article('c', text(8)),
    ])
    expect(index.clusterOf('a')).toEqual(['a', 'b'])
    expect(index.clusterIdOf('b')).toBe('a')
    expect(index.clusterOf('c')).toBeUndefined()
    await index.upsert([article('d', edit(story, 5, 'y'), 'BBC')])
    expect(index.clusterOf('d')).toEqual(['a', 'b', 'd'])
    const near = index.similarTo('a')
    expect(near.map((m) => m.id)).toEqual(['b', 'd'])
    expect(near[0].similarity).toBeGreaterThan(near[1].similarity)
    // An edit that makes b another story takes it out of the cluster.
    await index.upsert([article('b', text(9))])
    expect(index.clusterOf('a')).toEqual(['a', 'd'])
    expect(index.clusterOf('b')).toBeUndefined()
    await index.remove(['d'])
    expect(index.clusterOf('a')).toBeUndefined()
    // Photos and short texts are not compared.
    await index.upsert([article('e', 'too short')])
    expect(index.has('e')).toBe(false)
  })

  it('persists clusters across reopen, and survives a torn last record', async () => {
    const story = text(11)
    let index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    await index.upsert([article('a', story), article('b', edit(story, 7))])
    await index.upsert([article('c', edit(story, 9, 'z')), article('x', text(12))])
    await index.remove(['b'])
    await index.close()
    index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    expect(index.clusterOf('a')).toEqual(['a', 'c'])
    expect(index.has('b')).toBe(false)
    expect(index.has('x')).toBe(true)
    // New writes after reopen still find the old signatures through the rebuilt buckets.
    await index.upsert([article('d', edit(story, 6, 'q'))])
    expect(index.clusterOf('d')).toEqual(['a', 'c', 'd'])
    await index.close()
    const file = join(dir, 'signatures.log')
    const size = (await stat(file)).size
    await appendFile(file, Buffer.from([200, 1, 0, 0, 9, 9, 9])) // a torn record
    index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    expect(index.clusterOf('a')).toEqual(['a', 'c', 'd'])
    await index.upsert([article('e', text(13))])
    await index.close()
    index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    expect(index.has('e')).toBe(true)
    expect(index.clusterOf('d')).toEqual(['a', 'c', 'd'])
    await index.close()
    expect((await stat(file)).size).toBeGreaterThan(size)
  })

  it('recomputes from the items when the log is unusable', async () => {
    await writeFile(join(dir, 'signatures.log'), 'not a log')
    const index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    expect(index.stats().items).toBe(0)
    const story = text(21)
    const items = [article('a', story), article('b', edit(story, 10))]
    await index.reconcile(
      ['a', 'b'],
      async (ids) => items.filter((i) => ids.includes(i.id)),
      () => true,
    )
    expect(index.clusterOf('a')).toEqual(['a', 'b'])
    await index.close()
    await truncate(join(dir, 'signatures.log'), 3)
    const truncated = await SimilarIndex.open({ dir, tmpDir: dir })
    await truncated.ready
    expect(truncated.stats().items).toBe(0)
  })

  it('compacts the log when dead records pile up, keeping the clusters', async () => {
    const index = await SimilarIndex.open({ dir, tmpDir: dir })
    await index.ready
    const story = text(31)
    await index.upsert([article('a', story), article('b', edit(story, 9))])
    // 2,002 records of ~275 bytes without compaction (550 KB); compacted once past 1,204.
    for (let round = 0; round < 20; round++) {
      await index.upsert(
        Array.from({ length: 100 }, (_, i) => article(`t${i}`, text(1000 + round * 100 + i))),
      )
    }
    expect(index.stats().logBytes).toBeLessThan(300_000)
    await index.close()
    const reopened = await SimilarIndex.open({ dir, tmpDir: dir })
    await reopened.ready
    expect(reopened.clusterOf('b')).toEqual(['a', 'b'])
    expect(reopened.stats().items).toBe(102)
    await reopened.close()
  })
})
