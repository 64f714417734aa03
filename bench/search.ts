/**
 * Search benchmark: our segmented engine vs plain lunr vs MiniSearch on the same generated news
 * corpus and the same ~200-query mix, one child process per engine and size (so peak RSS is
 * per engine), plus a run over the 2,225 real BBC articles. Prints Markdown and writes
 * bench/results/search.md.
 *
 *   npx tsx bench/search.ts                 # 10k, 50k, 100k + BBC
 *   BENCH_QUICK=1 npx tsx bench/search.ts   # 2,000 articles + BBC, about 1–2 minutes
 *
 * Expected duration of the full run on an idle 2-core machine: about 35 minutes (estimated from
 * PERF-NOTES and the 10k run, not yet timed end to end). Corpus generation ~1 min (cached in
 * bench/.data afterwards); plain lunr ~1.5 min at 10k and ~7 min at 50k (build + save + 3 query
 * passes + cold load), not started at 100k (its 50k build projects past the 600 s limit: see
 * BENCH_PROJECT_SKIP), else +10 min; MiniSearch ~1, ~4 and ~9 min; ours ~1, ~4 and ~8 min at
 * today's build speed; BBC < 1 min. On a loaded machine everything takes about twice as long.
 *
 * Environment:
 *   BENCH_SIZES=10000,50000,100000   corpus sizes
 *   BENCH_ENGINES=ours,minisearch,lunr
 *   BENCH_BASELINE_TIMEOUT=600       seconds per baseline child (build or cold start)
 *   BENCH_OURS_TIMEOUT=900           seconds per child of ours
 *   BENCH_MAX_RSS_MB=16000           kill a child above this RSS (polled); also its heap limit
 *   BENCH_PASSES=3                   passes over the query mix (medians reported)
 *   BENCH_BBC=1                      0 skips the real-BBC run
 *   BENCH_PROJECT_SKIP=1             0 also starts a baseline whose previous size's build,
 *                                    scaled linearly, already exceeds its time limit
 *   BENCH_SEED                       corpus seed
 *   BENCH_OUT=bench/results/search.md where to write the Markdown
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Article } from '../main/core/model'
import { loadBbcArticles } from './corpus/bbcArticles'
import { ensureCorpusFile } from './corpus/corpusFile'
import { benchDataDir, repoRoot } from './corpus/corpusPaths'
import { createCorpus, DEFAULT_SEED } from './corpus/generateCorpus'
import { loadWordModel, readBbcRecords } from './corpus/wordModel'
import type { ChildSpec, CorpusSpec } from './search/childProtocol'
import type { EngineName } from './search/engines'
import {
  buildQueryMix,
  buildTypoMix,
  TRANSLATION_NOTE,
  type BenchQuery,
  type QueryKind,
} from './search/queries'
import {
  kindTable,
  machineLine,
  queryExamples,
  sizeTable,
  typoLine,
  type EngineRow,
  type SizeSection,
  zeroHitList,
} from './search/report'
import { runChild, type ChildLimits } from './search/runChild'

const env = process.env
const QUICK = env.BENCH_QUICK === '1'
const SIZES = QUICK
  ? [2000]
  : (env.BENCH_SIZES ?? '10000,50000,100000').split(',').map((s) => Number(s.trim()))
const ENGINES = (env.BENCH_ENGINES ?? 'ours,minisearch,lunr').split(',') as EngineName[]
const BASELINE_TIMEOUT_S = Number(env.BENCH_BASELINE_TIMEOUT ?? 600)
const OURS_TIMEOUT_S = Number(env.BENCH_OURS_TIMEOUT ?? 900)
const MAX_RSS_MB = Number(env.BENCH_MAX_RSS_MB ?? 16000)
const PASSES = Number(env.BENCH_PASSES ?? 3)
const WITH_BBC = env.BENCH_BBC !== '0'
const PROJECT_SKIP = env.BENCH_PROJECT_SKIP !== '0'
const SEED = Number(env.BENCH_SEED ?? DEFAULT_SEED)
const KINDS: QueryKind[] = [
  'word',
  'rare word',
  'name',
  'words',
  'phrase',
  'field',
  'prefix',
  'fuzzy',
  'word + filter',
  'typo',
]
/** A made-up word that only the article added for the incremental test contains. */
const MARKER = 'zephyrquill'
const LOAD_AT_START = os.loadavg()[0].toFixed(1)
const RESULT_FILE = env.BENCH_OUT ?? path.join(repoRoot, 'bench', 'results', 'search.md')

const log = (message: string): void => {
  process.stderr.write(`[search bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

const markerQuery: BenchQuery = {
  kind: 'word',
  ours: MARKER,
  lunr: `+${MARKER}`,
  mini: { combineWith: 'AND', queries: [MARKER] },
}

function limitsFor(engine: EngineName): ChildLimits {
  const seconds = engine === 'ours' ? OURS_TIMEOUT_S : BASELINE_TIMEOUT_S
  return { timeoutMs: seconds * 1000, maxRssMb: MAX_RSS_MB, heapMb: MAX_RSS_MB }
}

/** The last finished build of each engine, for projecting the next size. */
const lastBuild = new Map<EngineName, { articles: number; buildMs: number }>()

/**
 * A baseline whose last build, scaled linearly to `articles`, already passes its time limit is
 * not started: it would be killed at the limit anyway (both baselines grow faster than linearly),
 * and skipping it keeps the full run near 35 minutes. `BENCH_PROJECT_SKIP=0` runs it regardless.
 */
function projectedSkip(engine: EngineName, articles: number): string | undefined {
  const last = lastBuild.get(engine)
  if (engine === 'ours' || !last || last.articles >= articles || !PROJECT_SKIP) return undefined
  const projectedS = (last.buildMs / 1000) * (articles / last.articles)
  if (projectedS <= BASELINE_TIMEOUT_S) return undefined
  return `not run: its ${last.articles.toLocaleString('en')} build took ${Math.round(last.buildMs / 1000)} s, so ≥ ${Math.round(projectedS)} s projected (linear) > the ${BASELINE_TIMEOUT_S} s limit`
}

/** Build, query and cold-start every engine on one corpus; appends to `section.rows` as it goes. */
async function runSection(
  section: SizeSection,
  corpus: CorpusSpec,
  queries: BenchQuery[],
  newArticle: Article,
  engines: EngineName[],
  skip: Map<EngineName, string>,
  flush: () => void,
): Promise<void> {
  const work = path.join(benchDataDir(), 'search-run')
  mkdirSync(work, { recursive: true })
  for (const engine of engines) {
    const row: EngineRow = { engine }
    section.rows.push(row)
    const skipped = skip.get(engine) ?? projectedSkip(engine, section.articles)
    if (skipped) {
      row.skipped = skipped
      flush()
      continue
    }
    const indexDir = path.join(work, `${engine}-${section.articles}`)
    rmSync(indexDir, { recursive: true, force: true })
    mkdirSync(indexDir, { recursive: true })
    const spec: ChildSpec = {
      mode: 'build',
      engine,
      corpus,
      indexDir,
      queries,
      passes: PASSES,
      newArticle,
      newArticleQuery: markerQuery,
    }
    const specFile = path.join(work, `${engine}.spec.json`)
    log(`${section.label}: ${engine} build + ${PASSES} query passes`)
    let lastLog = 0
    row.build = await runChild(spec, specFile, limitsFor(engine), (done, elapsedMs) => {
      if (elapsedMs - lastLog > 30_000) {
        lastLog = elapsedMs
        log(`  ${engine}: ${done} indexed after ${Math.round(elapsedMs / 1000)} s`)
      }
    })
    row.load = os.loadavg()[0]
    if (row.build.status === 'ok' && corpus.kind === 'generated') {
      lastBuild.set(engine, {
        articles: section.articles,
        buildMs: (row.build.result as { buildMs: number }).buildMs,
      })
    }
    log(`  ${engine} build: ${row.build.status} in ${Math.round(row.build.elapsedMs / 1000)} s`)
    if (row.build.status === 'ok') {
      row.cold = await runChild({ ...spec, mode: 'cold' }, specFile, limitsFor(engine))
      log(`  ${engine} cold start: ${row.cold.status}`)
    } else {
      log(`  ${engine}: ${row.build.detail}`)
      skip.set(engine, `not run: did not finish at ${section.articles.toLocaleString('en')}`)
    }
    rmSync(indexDir, { recursive: true, force: true })
    flush()
  }
}

function render(
  sections: SizeSection[],
  notes: string[],
  queries: BenchQuery[],
  started: number,
  done: boolean,
): string {
  const minutes = ((Date.now() - started) / 60000).toFixed(1)
  return [
    '## Search: ours vs plain lunr vs MiniSearch',
    '',
    `Machine: ${machineLine()}. Load average (1 min) at start ${LOAD_AT_START}, now ${os.loadavg()[0].toFixed(1)}: the machine is shared, and figures grow with load. Run ${new Date().toISOString().slice(0, 16)} UTC, ${done ? '' : 'INCOMPLETE, '}${minutes} min${QUICK ? ', BENCH_QUICK' : ''}.`,
    '',
    'Corpus: generated news articles (seeded; ~575-word bodies from a word-bigram model of the real',
    'BBC texts with 12% unigram draws, 1–3 photos whose credits use the real formats of',
    '`captions-dev.jsonl` with invented names, ~5% uncredited, 0–4 tags, 24 outlets, 2011–2025),',
    'streamed from a cached JSONL file; the last section uses the 2,225 real BBC articles.',
    `Each engine and size runs in its own process, bundled with esbuild as the app is bundled (peak`,
    `RSS = \`process.resourceUsage().maxRSS\`);`,
    `baselines are killed after ${BASELINE_TIMEOUT_S} s or ${MAX_RSS_MB} MB. Latency: each of ${PASSES}`,
    'passes over the mix is summarised, then the median of the passes is shown. Ours answers',
    '`search(q, { limit: 20 })`, i.e. with facet counts and snippets for the top 20. Build time',
    'includes reading the generated corpus file (the BBC articles are read before the clock starts).',
    'Cold start = a fresh process loads the saved index and answers',
    'the first query (module loading excluded). Incremental = one new article added until a query',
    'finds it. Event-loop delay is `monitorEventLoopDelay` (10 ms resolution) on the main thread of the',
    'process that indexes and queries (ours keeps its index in a worker thread of that process, as',
    'the archive does; the baselines work on the main thread).',
    '',
    ...sections.flatMap((s) =>
      [sizeTable(s), kindTable(s, KINDS), typoLine(s), zeroHitList(s)]
        .filter((part) => part !== '')
        .flatMap((part) => [part, '']),
    ),
    ...notes.map((n) => `- ${n}`),
    '',
    `${TRANSLATION_NOTE} One example per kind (generated corpus):`,
    '',
    queryExamples(queries),
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  const started = Date.now()
  const sections: SizeSection[] = []
  const notes: string[] = []
  const engines = [...ENGINES]
  log(`machine: ${machineLine()}`)
  log(`sizes ${SIZES.join(', ')}; engines ${engines.join(', ')}`)

  const corpus = createCorpus(SEED)
  const maxSize = Math.max(...SIZES)
  log(`generating/caching ${maxSize} articles…`)
  const file = await ensureCorpusFile(corpus, maxSize)
  const sample: Article[] = []
  for (let i = 0; i < Math.min(2000, Math.min(...SIZES)); i++) sample.push(corpus.article(i))
  const queries = [
    ...buildQueryMix(corpus.model.vocabulary, sample, SEED),
    ...buildTypoMix(corpus.model.vocabulary, sample, SEED),
  ]
  const fresh = corpus.article(maxSize)
  const newArticle: Article = {
    ...fresh,
    title: `${MARKER[0].toUpperCase()}${MARKER.slice(1)} ${fresh.title}`,
  }

  let current: string = ''
  const flush = (done = false): void => {
    current = render(sections, notes, queries, started, done)
    mkdirSync(path.dirname(RESULT_FILE), { recursive: true })
    writeFileSync(RESULT_FILE, current + '\n')
  }

  const skip = new Map<EngineName, string>()
  for (const size of SIZES) {
    const section: SizeSection = {
      label: `${size.toLocaleString('en')} generated articles`,
      articles: size,
      rows: [],
    }
    sections.push(section)
    await runSection(
      section,
      { kind: 'generated', file, count: size },
      queries,
      newArticle,
      engines,
      skip,
      flush,
    )
  }

  notes.push(
    'The mix ends with a misspelt group (kind `typo`, 30 queries typed without syntax: names, long words, two-word queries with one word misspelt, one or two edits; `bench/search/queries.ts` `buildTypoMix`). Ours forgives them by itself (typo tolerance is on, as in the app); MiniSearch gets `fuzzy: 0.2`; plain lunr has no typo tolerance without `~N` and gets the words as typed.',
  )
  notes.push(
    "Plain lunr's index is saved as JSON Lines chunks of its own `toJSON()` and loaded back into `lunr.Index.load`: as one JSON string it would pass V8's ~512 MB string limit near 50k articles. MiniSearch is saved with `JSON.stringify` and loaded with `MiniSearch.loadJSON`.",
  )
  notes.push(
    "Why the 0-hit counts differ: plain lunr stems indexed words but not a fuzzy or prefix term, so `indrstrial~1` is compared with the stem `industri` (distance 2) and misses, while MiniSearch (no stemming) finds `industrial` (ours compares `word~N` with the words as written as well as with the stems, so it finds them too); plain lunr's tokenizer splits only on spaces and hyphens, so a credit such as `RAHIM ROSSI/AFP/Getty Images` is indexed as the token `rossi/afp/getty` and its photographer:/agency: filters miss it.",
  )
  if (WITH_BBC) {
    const records = readBbcRecords()
    const bbc = loadBbcArticles(records)
    const bbcVocabulary = loadWordModel(records).vocabulary
    const bbcQueries = [
      ...buildQueryMix(bbcVocabulary, bbc, SEED),
      ...buildTypoMix(bbcVocabulary, bbc, SEED),
    ]
    const section: SizeSection = {
      label: `${bbc.length.toLocaleString('en')} real BBC articles`,
      articles: bbc.length,
      rows: [],
    }
    sections.push(section)
    notes.push(
      'The BBC run uses its own mix of the same shape drawn from the BBC texts (no photos, so the caption/photographer/agency filters become title filters; tags are the 5 categories).',
    )
    await runSection(
      section,
      { kind: 'bbc', count: bbc.length },
      bbcQueries,
      newArticle,
      engines,
      new Map(),
      flush,
    )
  }
  flush(true)
  process.stdout.write(current + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
