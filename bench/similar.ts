/**
 * Near-duplicate benchmark: precision and recall of the detector on a generated set (real BBC
 * stories re-published with 5–30 % edits next to distinct stories of the same category) and on
 * the BBC corpus's own duplicated stories, the threshold sweep it was tuned with, the cost per
 * import, the open time at 100k articles, and what collapsing costs a query. Writes
 * bench/results/similar.md.
 *
 *   npx tsx bench/similar.ts                # full: 100k open, about 4–6 minutes on 2 cores
 *   BENCH_QUICK=1 npx tsx bench/similar.ts  # 10k open, smaller sets, about 1 minute
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { createArchive } from '../main/core/archive'
import type { Article } from '../main/core/model'
import { createSearchEngine } from '../main/core/search'
import { minhash } from '../main/core/similar/minhash'
import { shingleHashes } from '../main/core/similar/shingles'
import { SIMILARITY_THRESHOLD, SimilarIndex } from '../main/core/similar/similarIndex'
import { createMemoryStore } from '../main/core/storage'
import { loadBbcArticles } from './corpus/bbcArticles'
import { benchDataDir } from './corpus/corpusPaths'
import { createCorpus, generateArticles } from './corpus/generateCorpus'
import { scoreDetector, storyArticle, type PairScores } from './corpus/nearDuplicateEval'
import { bbcBody, generateNearDuplicates } from './corpus/nearDuplicates'
import { readBbcRecords } from './corpus/wordModel'

const QUICK = process.env.BENCH_QUICK === '1'

/** A garbage collector to call between memory readings (V8's, enabled at run time). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  return () => gc()
}
const OPEN_N = QUICK ? 10_000 : 100_000
const RUNS = 3

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function scoreRow(s: PairScores): string {
  return `| ${s.threshold.toFixed(2)} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.correctPairs} / ${s.foundPairs} | ${s.truePairs} |`
}

async function main(): Promise<void> {
  const records = readBbcRecords()
  const md: string[] = []
  const cpu = os.cpus()
  md.push(
    '## Near duplicates (MinHash + LSH)',
    '',
    `bench/similar.ts${QUICK ? ' (BENCH_QUICK)' : ''}: ${cpu[0]?.model}, ${cpu.length} cores, Node ${process.version}. ` +
      `Word bigrams, 128 MinHash values of 16 bits, 64 LSH bands of 2 rows, threshold ${SIMILARITY_THRESHOLD}. ` +
      'Pairs are scored: a found pair is two items put in one cluster; a true pair is two versions of one story.',
    '',
  )

  // 1. Tuning sweep (seed 101) and the evaluation (another seed) at the shipped threshold.
  const size = QUICK ? { stories: 150, distinct: 300 } : { stories: 400, distinct: 800 }
  const tuning = generateNearDuplicates(records, { seed: 101, ...size })
  md.push(
    `### Threshold sweep (tuning set, seed 101: ${size.stories} stories with 1–3 edited versions, ${size.distinct} distinct same-category stories, ${tuning.length} items)`,
    '',
    '| threshold | precision | recall | correct / found pairs | true pairs |',
    '| ---: | ---: | ---: | ---: | ---: |',
  )
  for (const t of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45])
    md.push(scoreRow(await scoreDetector(tuning, t)))
  const evaluation = generateNearDuplicates(records, { seed: 202, ...size })
  const ev = await scoreDetector(evaluation, SIMILARITY_THRESHOLD)
  md.push(
    '',
    `### Evaluation set (seed 202, ${evaluation.length} items) at the shipped threshold`,
    '',
    '| threshold | precision | recall | correct / found pairs | true pairs |',
    '| ---: | ---: | ---: | ---: | ---: |',
    scoreRow(ev),
    '',
    '| words edited | (original, version) pairs | recall |',
    '| --- | ---: | ---: |',
    ...ev.byEdit.map((b) => `| ${b.band} | ${b.pairs} | ${pct(b.recall)} |`),
    '',
    'The pairs counted as wrong are mostly real follow-up stories in the BBC set that reuse ' +
      'paragraphs of an earlier one (e.g. two WorldCom trial reports): unlabelled, so counted ' +
      'against precision here.',
    '',
  )

  // 2. The BBC corpus's own duplicates (ground truth: equal bodies).
  const bbc = loadBbcArticles(records)
  const byBody = new Map<string, number[]>()
  records.forEach((r, i) => {
    const key = bbcBody(r).join(' ').replace(/\s+/g, ' ')
    byBody.set(key, [...(byBody.get(key) ?? []), i])
  })
  const truth = [...byBody.values()].filter((g) => g.length > 1)
  const duplicated = truth.reduce((n, g) => n + g.length - 1, 0)
  const index = SimilarIndex.inMemory()
  for (let i = 0; i < bbc.length; i += 200) await index.upsert(bbc.slice(i, i + 200))
  let truePairs = 0
  let foundTrue = 0
  for (const g of truth)
    for (let x = 0; x < g.length; x++)
      for (let y = x + 1; y < g.length; y++) {
        truePairs++
        if (index.clusterOf(bbc[g[x]].id)?.includes(bbc[g[y]].id)) foundTrue++
      }
  const equalPair = new Set<string>()
  for (const g of truth) for (const a of g) for (const b of g) equalPair.add(`${a}:${b}`)
  const position = new Map(bbc.map((a, i) => [a.id, i]))
  let otherPairs = 0
  let sameTitle = 0
  for (const [i, a] of bbc.entries()) {
    for (const m of index.clusterOf(a.id) ?? []) {
      const j = position.get(m)!
      if (j <= i || equalPair.has(`${i}:${j}`)) continue
      otherPairs++
      if (bbc[i].title.toLowerCase() === bbc[j].title.toLowerCase()) sameTitle++
    }
  }
  md.push(
    `### The BBC corpus's own duplicates (${records.length} articles)`,
    '',
    `${truth.length} bodies occur more than once (${duplicated} extra copies, ${truePairs} pairs): ` +
      `the detector puts ${foundTrue} of the ${truePairs} pairs in one cluster (recall ${pct(foundTrue / truePairs)}). ` +
      `It also clusters ${otherPairs} pairs whose bodies differ; ${sameTitle} of them carry the same headline ` +
      '(the same story re-published with edits), the rest are follow-ups sharing paragraphs.',
    '',
  )

  // 3. Cost per import: signature alone, and the whole upsert (buckets, clusters, fsynced log).
  const dir = await mkdtemp(path.join(os.tmpdir(), 'morgue-bench-similar-'))
  try {
    const sigTimes: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now()
      for (const a of bbc) minhash(shingleHashes(a.body.join('\n')))
      sigTimes.push((performance.now() - t0) / bbc.length)
    }
    const upsertTimes: number[] = []
    let logBytes = 0
    for (let run = 0; run < RUNS; run++) {
      const runDir = path.join(dir, `import-${run}`)
      const persisted = await SimilarIndex.open({ dir: runDir, tmpDir: runDir })
      await persisted.idle()
      const t0 = performance.now()
      for (let i = 0; i < bbc.length; i += 200) await persisted.upsert(bbc.slice(i, i + 200))
      upsertTimes.push((performance.now() - t0) / bbc.length)
      logBytes = persisted.stats().logBytes
      await persisted.close()
    }
    const single: number[] = []
    {
      const runDir = path.join(dir, 'single')
      const persisted = await SimilarIndex.open({ dir: runDir, tmpDir: runDir })
      await persisted.upsert(bbc.slice(0, 2000))
      for (const a of bbc.slice(2000, 2100)) {
        const t0 = performance.now()
        await persisted.upsert([a])
        single.push(performance.now() - t0)
      }
      await persisted.close()
    }
    md.push(
      '### Cost per import',
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| signature (shingles + MinHash) of a BBC body (~390 words), median of ${RUNS} runs | ${ms(median(sigTimes))} per item |`,
      `| whole upsert in batches of 200 (signature, LSH candidates, clusters, fsynced log append) | ${ms(median(upsertTimes))} per item |`,
      `| one article added alone (candidates among 2,000, one fsync), median of 100 | ${ms(median(single))} |`,
      `| log size for ${bbc.length} articles | ${(logBytes / bbc.length).toFixed(0)} bytes per item (256 of them the signature) |`,
      '',
    )

    // 4. Open at 100k: replay the log, then the LSH buckets built in slices.
    const corpus = createCorpus()
    const bigDir = path.join(benchDataDir(), `similar-${OPEN_N}`)
    await rm(bigDir, { recursive: true, force: true })
    const big = await SimilarIndex.open({ dir: bigDir, tmpDir: bigDir })
    const t0 = performance.now()
    let batch: Article[] = []
    for (const a of generateArticles(corpus, OPEN_N)) {
      batch.push(a)
      if (batch.length === 1000) {
        await big.upsert(batch)
        batch = []
      }
    }
    await big.upsert(batch)
    const buildS = (performance.now() - t0) / 1000
    const bigBytes = big.stats().logBytes
    await big.close()
    const opens: number[] = []
    const loads: number[] = []
    const readies: number[] = []
    const heaps: number[] = []
    const gc = collector()
    for (let run = 0; run < RUNS; run++) {
      gc()
      const heap0 = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
      const s = performance.now()
      let reopened: SimilarIndex | null = await SimilarIndex.open({ dir: bigDir, tmpDir: bigDir })
      opens.push(performance.now() - s)
      await reopened.ready
      loads.push(performance.now() - s)
      await reopened.idle()
      readies.push(performance.now() - s)
      gc()
      heaps.push(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heap0)
      await reopened.close()
      reopened = null
    }
    await rm(bigDir, { recursive: true, force: true })
    md.push(
      `### Open at ${OPEN_N.toLocaleString('en')} articles (generated corpus, ~550 words each)`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| signing ${OPEN_N.toLocaleString('en')} articles in batches of 1,000 (one-off, e.g. an archive from before this index) | ${buildS.toFixed(0)} s |`,
      `| log on disk | ${(bigBytes / 2 ** 20).toFixed(1)} MiB |`,
      `| \`SimilarIndex.open\` returns (what archive open waits for; median of ${RUNS}) | ${ms(median(opens))} |`,
      `| until the clusters are known: log read and replayed in slices (median) | ${ms(median(loads))} |`,
      `| until the LSH buckets are built (in slices; only writes wait for them; median) | ${ms(median(readies))} |`,
      `| memory held (signatures, buckets, clusters; median) | ${(median(heaps) / 2 ** 20).toFixed(0)} MiB |`,
      '',
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  // 5. Query cost of collapsing: the evaluation set in a memory archive, title words as queries.
  const store = createMemoryStore()
  const engine = createSearchEngine({ dir: null, workers: 0 })
  await engine.open(async function* () {}, 0)
  const archive = createArchive({ store, search: engine, importers: [] })
  const items = evaluation.map(storyArticle)
  for (let i = 0; i < items.length; i += 200) await archive.restore(items.slice(i, i + 200))
  const queries = evaluation
    .filter((_, i) => i % 7 === 0)
    .map((s) => s.title.split(' ').filter((w) => w.length > 3)[0] ?? s.title.split(' ')[0])
  const timeQueries = async (collapse: boolean) => {
    const times: number[] = []
    for (let pass = 0; pass < RUNS; pass++)
      for (const q of queries) {
        const s = performance.now()
        await archive.search(q, { limit: 20, collapse })
        times.push(performance.now() - s)
      }
    return times.sort((a, b) => a - b)
  }
  await timeQueries(true)
  const plain = await timeQueries(false)
  const folded = await timeQueries(true)
  const p = (xs: number[], q: number) => xs[Math.floor((xs.length - 1) * q)]
  await archive.close()
  md.push(
    `### What collapsing costs a query (${items.length} items, ${queries.length} one-word queries × ${RUNS} passes, page of 20)`,
    '',
    '| | p50 | p95 |',
    '| --- | ---: | ---: |',
    `| plain search | ${ms(p(plain, 0.5))} | ${ms(p(plain, 0.95))} |`,
    `| collapsed (page + look-ahead of 10, folded by cluster) | ${ms(p(folded, 0.5))} | ${ms(p(folded, 0.95))} |`,
    '',
  )

  const text = md.join('\n')
  console.log(text)
  const { writeFile, mkdir } = await import('node:fs/promises')
  await mkdir(path.join(__dirname, 'results'), { recursive: true })
  await writeFile(path.join(__dirname, 'results', 'similar.md'), text)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
