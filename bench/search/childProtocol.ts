import type { Article } from '../../main/core/model'
import type { EngineName } from './engines'
import type { Latency } from './stats'
import type { BenchQuery, QueryKind } from './queries'

/** Which articles a child indexes. */
export type CorpusSpec =
  { kind: 'generated'; file: string; count: number } | { kind: 'bbc'; count: number }

/** What the parent asks a child process to do (passed as a JSON file). */
export interface ChildSpec {
  /** `build`: build, save, query, add one; `cold`: load the saved index and answer one query. */
  mode: 'build' | 'cold'
  engine: EngineName
  corpus: CorpusSpec
  indexDir: string
  queries: BenchQuery[]
  /** Passes over the query mix (the report takes medians). */
  passes: number
  /** An article not in the corpus, with a word nothing else contains… */
  newArticle: Article
  /** …and the query that finds it. */
  newArticleQuery: BenchQuery
}

export interface BuildResult {
  mode: 'build'
  buildMs: number
  saveMs: number
  indexBytes: number
  /** Worst event-loop delay while building and saving, ms. */
  loopMaxBuildMs: number
  /** Median over passes of each pass's p50/p95/p99/max, ms. */
  latency: Latency
  /** Per query kind: median over passes of that kind's p50, p95 and p99, ms. */
  byKind: Partial<Record<QueryKind, { p50: number; p95: number; p99: number; count: number }>>
  /** Worst event-loop delay while querying, ms. */
  loopMaxQueryMs: number
  /** Queries with no hit at all (same mix for every engine). */
  zeroHitQueries: number
  /** The first few of them, in our syntax (to compare engines' semantics). */
  zeroHitExamples: string[]
  /**
   * Misspelt queries (kind `typo`) whose top 10 holds the first hit of their correct spelling
   * (the same engine's), out of how many.
   */
  typoFound: { found: number; of: number }
  failedQueries: number
  firstFailure?: string
  /** Time until one new article is found by a query; null when the engine cannot add. */
  incrementalMs: number | null
  incrementalFound: boolean
  loopMaxIncrementalMs: number | null
  /** `process.resourceUsage().maxRSS` at the end, MB. */
  peakRssMb: number
}

export interface ColdResult {
  mode: 'cold'
  loadMs: number
  firstQueryMs: number
  /** Load + first answer. */
  coldMs: number
  rssAfterLoadMb: number
  peakRssMb: number
}

/** Lines a child prints on stdout, one JSON object each. */
export type ChildMessage =
  | { type: 'progress'; done: number; elapsedMs: number }
  /** Indexing is over: the time limit restarts for saving and querying. */
  | { type: 'built'; elapsedMs: number }
  | { type: 'result'; result: BuildResult | ColdResult }
