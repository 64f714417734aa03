/**
 * One benchmark measurement in its own process, so that `maxRSS` is this engine's alone.
 * Usage: `node --import tsx bench/search/child.ts SPEC.json` (the parent writes the spec);
 * prints `ChildMessage` JSON lines on stdout.
 */
import { readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { Article } from '../../main/core/model'
import { loadBbcArticles } from '../corpus/bbcArticles'
import { readCorpusFile } from '../corpus/corpusFile'
import type { BuildResult, ChildMessage, ChildSpec, ColdResult } from './childProtocol'
import { createBenchEngine } from './engines'
import type { QueryKind } from './queries'
import { latency, median, medianLatency, percentile, type Latency } from './stats'

function send(message: ChildMessage): void {
  process.stdout.write(JSON.stringify(message) + '\n')
}

/**
 * The real BBC articles, read and parsed before any clock starts (a synchronous read of 2,225
 * records would otherwise count as the engine's event-loop delay); the generated corpus is
 * streamed from its file while indexing, and that reading is part of the build time.
 */
let bbcArticles: Article[] | null = null

async function* corpusArticles(spec: ChildSpec, withNew: boolean): AsyncGenerator<Article> {
  if (spec.corpus.kind === 'generated') yield* readCorpusFile(spec.corpus.file, spec.corpus.count)
  else yield* (bbcArticles ??= loadBbcArticles()).slice(0, spec.corpus.count)
  if (withNew) yield spec.newArticle
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += await dirBytes(full)
    else if (entry.isFile()) total += (await stat(full)).size
  }
  return total
}

const mb = (bytes: number): number => Math.round(bytes / 1048576)
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

async function runBuild(spec: ChildSpec): Promise<BuildResult> {
  if (spec.corpus.kind === 'bbc') bbcArticles ??= loadBbcArticles()
  const engine = await createBenchEngine(spec.engine, spec.indexDir)
  const count = spec.corpus.count
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  await engine.build(corpusArticles(spec, false), count, (done) =>
    send({ type: 'progress', done, elapsedMs: Math.round(performance.now() - started) }),
  )
  const buildMs = performance.now() - started
  send({ type: 'built', elapsedMs: Math.round(buildMs) })
  const saveStarted = performance.now()
  await engine.save()
  const saveMs = performance.now() - saveStarted
  loop.disable()
  const loopMaxBuildMs = loop.max / 1e6

  const queryLoop = monitorEventLoopDelay({ resolution: 10 })
  const passes: Latency[] = []
  const kindTimes = new Map<QueryKind, number[][]>()
  let zeroHitQueries = 0
  const zeroHitExamples: string[] = []
  let failedQueries = 0
  let firstFailure: string | undefined
  for (let pass = 0; pass < spec.passes; pass++) {
    const times: number[] = []
    const perKind = new Map<QueryKind, number[]>()
    queryLoop.enable()
    for (const query of spec.queries) {
      // Each query arrives as its own event in the app: let the loop turn between them, so the
      // delay monitor sees how long one query blocks it.
      await new Promise((resolve) => setImmediate(resolve))
      const t = performance.now()
      let hits = 0
      try {
        hits = (await engine.search(query)).total
      } catch (error) {
        if (pass === 0) {
          failedQueries++
          firstFailure ??= `${query.ours}: ${(error as Error).message}`
        }
      }
      const ms = performance.now() - t
      times.push(ms)
      perKind.set(query.kind, [...(perKind.get(query.kind) ?? []), ms])
      if (pass === 0 && hits === 0 && zeroHitQueries++ < 12) zeroHitExamples.push(query.ours)
    }
    queryLoop.disable()
    passes.push(latency(times))
    for (const [kind, list] of perKind) kindTimes.set(kind, [...(kindTimes.get(kind) ?? []), list])
  }
  const byKind: BuildResult['byKind'] = {}
  for (const [kind, lists] of kindTimes) {
    byKind[kind] = {
      p50: median(lists.map((l) => percentile(l, 50))),
      p95: median(lists.map((l) => percentile(l, 95))),
      p99: median(lists.map((l) => percentile(l, 99))),
      count: lists[0].length,
    }
  }

  // Typo tolerance: does a misspelt query find the first hit of its correct spelling?
  const typos = spec.queries.filter((q) => q.intended)
  let typoFound = 0
  for (const q of typos) {
    const meant = (await engine.search(q.intended!)).top[0]
    if (meant !== undefined && (await engine.search(q)).top.includes(meant)) typoFound++
  }

  let incrementalMs: number | null = null
  let incrementalFound = false
  let loopMaxIncrementalMs: number | null = null
  if (spec.engine !== 'lunr') {
    const incLoop = monitorEventLoopDelay({ resolution: 10 })
    incLoop.enable()
    const t = performance.now()
    await engine.add(spec.newArticle)
    incrementalFound = (await engine.search(spec.newArticleQuery)).total > 0
    incrementalMs = performance.now() - t
    incLoop.disable()
    loopMaxIncrementalMs = incLoop.max / 1e6
  }
  await engine.close()
  return {
    mode: 'build',
    buildMs,
    saveMs,
    indexBytes: await dirBytes(spec.indexDir),
    loopMaxBuildMs,
    latency: medianLatency(passes),
    byKind,
    loopMaxQueryMs: queryLoop.max / 1e6,
    zeroHitQueries,
    zeroHitExamples,
    typoFound: { found: typoFound, of: typos.length },
    failedQueries,
    firstFailure,
    incrementalMs,
    incrementalFound,
    loopMaxIncrementalMs,
    peakRssMb: peakRssMb(),
  }
}

async function runCold(spec: ChildSpec): Promise<ColdResult> {
  const started = performance.now()
  const engine = await createBenchEngine(spec.engine, spec.indexDir)
  // The build run added the new article, so the persisted index holds count + 1 items.
  const withNew = spec.engine === 'ours'
  await engine.load(() => corpusArticles(spec, withNew), spec.corpus.count + (withNew ? 1 : 0))
  const loadMs = performance.now() - started
  const t = performance.now()
  await engine.search(spec.queries[0])
  const firstQueryMs = performance.now() - t
  const rssAfterLoadMb = mb(process.memoryUsage().rss)
  await engine.close()
  return {
    mode: 'cold',
    loadMs,
    firstQueryMs,
    coldMs: loadMs + firstQueryMs,
    rssAfterLoadMb,
    peakRssMb: peakRssMb(),
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ChildSpec
  const result = spec.mode === 'build' ? await runBuild(spec) : await runCold(spec)
  send({ type: 'result', result })
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  },
)
