import { mkdir, open as openFile, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchiveItem, ItemId } from '../model'
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { TimeSlicer, yieldToLoop } from './bytes'
import { BuildWorkerPool } from './workerPool'
import nameVariants from './data/nameVariants.json'
import { FieldCompleter } from './completion'
import { documentsOf, FIELD_BOOSTS, FIELDS, type IndexDoc } from './documents'
import {
  buildAliasIndex,
  prepareForQueries,
  Scratch,
  segmentIndex,
  type AliasIndex,
} from './executor'
import { mergeSegments } from './merge'
import { parseQuery } from './queryParser'
import { bindSimilarMembers } from './similarFilter'
import { articlePassage, buildResults, EMPTY_FACETS } from './results'
import {
  buildSegment,
  CorruptIndexError,
  decodeSegment,
  encodeSegment,
  Segment,
  verifySegmentFile,
} from './segment'
import { SegmentSet } from './segmentSet'
import { buildRetaggedSegment, type TagOnlyItem } from './retagSegment'
import { runForgiving, suggestQuery } from './typos'
import { vocabularyOf } from './vocabulary'
import { matchItems, matchQuery, type QueryMatch } from './ruleMatching'
import { warmUpIndexing } from './warmUp'
import type {
  CompletionField,
  FieldCompletion,
  MatchedRefs,
  SearchEngine,
  SearchOptions,
  SearchResult,
} from './types'

/**
 * The starter list of name variants (common transliterations of names in the news): an
 * archive's groups until its user edits them (see main/core/search/data/nameVariants.json).
 */
export const DEFAULT_ALIASES: readonly string[][] = nameVariants.groups

export interface SearchEngineOptions {
  /** Folder for the persisted index (inside the archive); null keeps it in memory only. */
  dir: string | null
  /** Load the index from `dir` but never write there (another process owns the archive). */
  readOnly?: boolean
  /**
   * Worker threads for full rebuilds (default: one core fewer than the machine has, 1 or 2: on
   * two cores a second builder starves the main thread's event loop for 50+ ms at a time).
   * 0 builds on the calling thread in time slices, which is also the fallback when the worker
   * script cannot be loaded.
   */
  workers?: number
  /** Items per segment in a full rebuild (default 20,000). */
  segmentItems?: number
  /** Merge fresh segments once this many small ones exist (default 8). */
  mergeAfter?: number
  /**
   * Reads full items (e.g. `store.getMany`). The index keeps only the first part of each body;
   * with a loader, the passages of the hits shown come from the whole body.
   */
  loadItems?: (ids: readonly ItemId[]) => Promise<ArchiveItem[]>
}

/** What `searchIndex` finds (plain data: it also crosses from the search worker). */
export interface IndexSearch {
  result: SearchResult
  /** Every positive term of the query, for highlighting. */
  terms: string[]
  /** Hits whose body passage came from the index's shortened text. */
  truncated: number[]
}

/**
 * Replace the passages of `truncated` hits with the best passage of the item's whole body, read
 * through `loadItems`. On failure the index's own passages stay: good enough, never an error.
 */
export async function passagesFromStore(
  found: IndexSearch,
  loadItems: (ids: readonly ItemId[]) => Promise<ArchiveItem[]>,
): Promise<void> {
  const { result, truncated } = found
  if (truncated.length === 0) return
  try {
    const started = performance.now() - result.tookMs
    const terms = new Set(found.terms)
    const full = new Map(
      (await loadItems(truncated.map((i) => result.hits[i].id))).map((it) => [it.id, it]),
    )
    for (const i of truncated) {
      const item = full.get(result.hits[i].id)
      if (item?.kind !== 'article') continue
      result.hits[i].snippets[1] = articlePassage(item.body.join('\n\n'), item.photos, terms)
    }
    result.tookMs = performance.now() - started
  } catch {
    // The passages from the index's own text stay.
  }
}

/** Bump when analysis, fields, boosts or the file format change: old indexes are rebuilt. */
const ANALYSIS = `v6|${FIELDS.join(',')}|${FIELD_BOOSTS.join(',')}`
const MANIFEST = 'manifest.json'
/** A segment this small counts as "fresh" and is merged with its peers. */
const SMALL_SEGMENT_DOCS = 5_000
/** A large segment with more than this share of its documents deleted is rewritten without them. */
const SPARSE_DELETED_SHARE = 0.5

function isSparse(seg: Segment): boolean {
  return seg.n >= SMALL_SEGMENT_DOCS && seg.deletedCount > seg.n * SPARSE_DELETED_SHARE
}

interface Manifest {
  analysis: string
  next: number
  segments: { file: string; n: number; deleted: number[] }[]
}

/**
 * The segmented search engine: immutable segments (built with lunr's analysis) + tombstones,
 * a fresh small segment per upsert, merged in the background, all persisted in `dir`.
 */
export class SegmentedSearchEngine implements SearchEngine {
  private set = new SegmentSet()
  private readonly scratch = new Scratch()
  private aliases: AliasIndex = buildAliasIndex(DEFAULT_ALIASES)
  private readonly completer = new FieldCompleter(() => this.set)
  /** Writes (upsert, remove, merge, rebuild) run one after another. */
  private queue: Promise<unknown> = Promise.resolve()
  private nextFile = 1
  private closed = false
  /** Whether the indexing path was warmed up (after the first search of a loaded index). */
  private warmed = false
  private readonly dir: string | null
  private readonly readOnly: boolean
  private readonly segmentItems: number
  private readonly mergeAfter: number
  private readonly loadItems: SearchEngineOptions['loadItems']
  private readonly workers: number

  constructor(options: SearchEngineOptions) {
    this.loadItems = options.loadItems
    this.workers = options.workers ?? Math.min(2, Math.max(1, availableParallelism() - 1))
    this.dir = options.dir
    this.readOnly = options.readOnly ?? false
    this.segmentItems = options.segmentItems ?? 20_000
    this.mergeAfter = options.mergeAfter ?? 8
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job)
    this.queue = run.catch(() => undefined)
    return run
  }

  async open(items: () => AsyncIterable<ArchiveItem>, itemCount: number): Promise<void> {
    return this.serial(async () => {
      if (this.dir) {
        const loaded = await this.load().catch((e: unknown) => {
          if (e instanceof CorruptIndexError || isMissing(e) || e instanceof SyntaxError)
            return null
          throw e
        })
        if (loaded && loaded.liveItemCount() === itemCount) {
          this.set = loaded
          // Queries do not need the item map (writes do, and fill it at once if it is not
          // ready): it is filled in time slices after the index is open, not before.
          void this.serial(() => loaded.indexItems()).catch(() => undefined)
          this.maybeMerge()
          return
        }
      }
      await this.rebuild(items)
    })
  }

  /** Rebuild everything from the items (in segments of `segmentItems`), in workers if possible. */
  private async rebuild(items: () => AsyncIterable<ArchiveItem>): Promise<void> {
    const pool = await BuildWorkerPool.create(this.workers)
    try {
      this.set = pool ? await this.rebuildInWorkers(items, pool) : await this.rebuildHere(items)
    } finally {
      await pool?.close()
    }
    await this.writeManifest()
    await this.removeOrphans()
    await prepareForQueries(this.set, new TimeSlicer())
  }

  private async rebuildHere(items: () => AsyncIterable<ArchiveItem>): Promise<SegmentSet> {
    const slicer = new TimeSlicer()
    const next = new SegmentSet()
    let docs: IndexDoc[] = []
    let count = 0
    const flush = async () => {
      if (docs.length === 0) return
      const seg = await buildSegment(docs, slicer)
      docs = []
      count = 0
      await this.writeSegment(seg)
      next.add(seg)
    }
    for await (const item of items()) {
      for (const d of documentsOf(item)) docs.push(d)
      if (++count >= this.segmentItems) await flush()
      if (slicer.due()) await slicer.yield()
    }
    await flush()
    await next.indexItems(slicer)
    return next
  }

  private async rebuildInWorkers(
    items: () => AsyncIterable<ArchiveItem>,
    pool: BuildWorkerPool,
  ): Promise<SegmentSet> {
    const next = new SegmentSet()
    const pending: Promise<void>[] = []
    const slicer = new TimeSlicer()
    let worker: Worker | null = null
    let batch: ArchiveItem[] = []
    let inSegment = 0
    const send = () => {
      if (worker && batch.length > 0) pool.send(worker, batch)
      batch = []
    }
    const finish = () => {
      send()
      if (!worker || inSegment === 0) return
      const job = pool.finish(worker)
      worker = null
      inSegment = 0
      pending.push(
        job.then(async (bytes) => {
          const name = this.nextName()
          if (this.dir) {
            await mkdir(this.dir, { recursive: true })
            await writeDurably(join(this.dir, name), bytes)
          }
          await yieldToLoop()
          const seg = decodeSegment(bytes, undefined, false)
          seg.file = this.dir ? name : null
          await yieldToLoop()
          next.add(seg)
        }),
      )
    }
    for await (const item of items()) {
      if (!worker) worker = await pool.acquire()
      batch.push(item)
      inSegment++
      if (batch.length >= 64) send()
      if (inSegment >= this.segmentItems) finish()
      if (slicer.due()) await slicer.yield()
    }
    finish()
    await Promise.all(pending)
    await next.indexItems(slicer)
    return next
  }

  private nextName(): string {
    return `seg-${String(this.nextFile++).padStart(6, '0')}.bin`
  }

  private async load(): Promise<SegmentSet | null> {
    const dir = this.dir!
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest
    if (manifest.analysis !== ANALYSIS || !Array.isArray(manifest.segments)) return null
    const set = new SegmentSet()
    const slicer = new TimeSlicer()
    for (const entry of manifest.segments) {
      const deleted = new Uint8Array(entry.n)
      for (const d of entry.deleted) deleted[d] = 1
      const file = await readFile(join(dir, entry.file))
      await verifySegmentFile(file, slicer)
      await yieldToLoop()
      const seg = decodeSegment(file, deleted, false)
      seg.file = entry.file
      await yieldToLoop()
      set.add(seg)
    }
    await prepareForQueries(set, slicer)
    this.nextFile = manifest.next
    return set
  }

  private async writeSegment(seg: Segment): Promise<void> {
    if (!this.dir || this.readOnly) return
    await mkdir(this.dir, { recursive: true })
    const name = this.nextName()
    await writeDurably(join(this.dir, name), encodeSegment(seg))
    seg.file = name
  }

  private async writeManifest(): Promise<void> {
    if (!this.dir || this.readOnly) return
    const manifest: Manifest = {
      analysis: ANALYSIS,
      next: this.nextFile,
      segments: this.set.segments.map((s) => {
        const deleted: number[] = []
        for (let i = 0; i < s.n; i++) if (s.deleted[i]) deleted.push(i)
        return { file: s.file!, n: s.n, deleted }
      }),
    }
    await mkdir(this.dir, { recursive: true })
    await writeDurably(join(this.dir, MANIFEST), Buffer.from(JSON.stringify(manifest)))
  }

  private async removeOrphans(): Promise<void> {
    if (!this.dir || this.readOnly) return
    const used = new Set(this.set.segments.map((s) => s.file))
    for (const f of await readdir(this.dir)) {
      if ((f.startsWith('seg-') && !used.has(f)) || f.endsWith('.tmp'))
        await rm(join(this.dir, f), { force: true })
    }
  }

  async upsert(items: readonly ArchiveItem[]): Promise<void> {
    if (items.length === 0) return
    // Resolves once the items are searchable; the segment and manifest are written right after,
    // in the same queue (later writes, merges and close wait for them). The index is derived
    // from the store: if that write fails or the process dies first, the next open finds the
    // index short of items and rebuilds it.
    let searchable!: () => void
    const ready = new Promise<void>((resolve) => (searchable = resolve))
    const job = this.serial(async () => {
      const docs = items.flatMap(documentsOf)
      const seg = await buildSegment(docs)
      for (const item of items) this.set.deleteItem(item.id)
      this.set.add(seg)
      searchable()
      await this.writeSegment(seg)
      await this.writeManifest()
    })
    job.catch(() => undefined)
    await Promise.race([ready, job])
    this.maybeMerge()
  }

  /**
   * Index items whose only change is their tags (bulk tagging) without analysing their text
   * again (see retagSegment.ts); any that cannot be retagged so are upserted. Searchable when
   * the promise resolves.
   */
  async retag(items: readonly ArchiveItem[]): Promise<void> {
    const rest = await this.retagOnly(items)
    const byId = new Map(items.map((i) => [i.id, i]))
    if (rest.length) await this.upsert(rest.map((id) => byId.get(id)!))
  }

  /** `retag` without the fallback: returns the ids that need a full upsert. */
  async retagOnly(items: readonly TagOnlyItem[]): Promise<string[]> {
    if (items.length === 0) return []
    // As with upsert: resolves once the new tags are searchable; the segment and manifest are
    // written right after in the same queue (the archive's index journal covers a crash).
    let searchable!: (rest: string[]) => void
    const ready = new Promise<string[]>((resolve) => (searchable = resolve))
    const job = this.serial(async () => {
      const built = buildRetaggedSegment(this.set, items)
      const rest = built.rest.map((i) => i.id)
      if (!built.seg) return searchable(rest)
      for (const id of built.ids) this.set.deleteItem(id)
      this.set.add(built.seg)
      searchable(rest)
      await this.writeSegment(built.seg)
      await this.writeManifest()
    })
    job.catch(() => undefined)
    const rest = await Promise.race([ready, job.then(() => ready)])
    this.maybeMerge()
    return rest
  }

  async remove(ids: readonly ItemId[]): Promise<void> {
    await this.serial(async () => {
      let changed = false
      for (const id of ids) changed = this.set.deleteItem(id) || changed
      if (changed) await this.writeManifest()
    })
    this.maybeMerge()
  }

  /**
   * Keep the segments few and dense, in the background (serialised with writes): a segment
   * whose documents are all deleted or replaced is dropped; segments mostly deleted (a bulk
   * retag moves most documents into a segment of their own) are rewritten together without
   * their tombstones; fresh small segments are merged once there are enough of them.
   */
  private maybeMerge(): void {
    if (!this.needsTidy()) return
    void this.serial(async () => {
      if (this.closed) return
      await this.dropDeadSegments()
      const sparse = this.set.segments.filter(isSparse)
      if (sparse.length > 0) await this.mergeInto(sparse)
      const small = this.set.segments.filter((s) => s.n < SMALL_SEGMENT_DOCS)
      if (small.length >= this.mergeAfter) await this.mergeInto(small)
    })
  }

  private needsTidy(): boolean {
    let small = 0
    for (const s of this.set.segments) {
      if (s.deletedCount === s.n || isSparse(s)) return true
      if (s.n < SMALL_SEGMENT_DOCS) small++
    }
    return small >= this.mergeAfter
  }

  private async dropDeadSegments(): Promise<void> {
    const dead = this.set.segments.filter((s) => s.deletedCount === s.n)
    if (dead.length === 0) return
    this.set.replace(dead, null)
    await this.writeManifest()
    await this.removeFiles(dead)
  }

  /** Merge `parts` into one segment (the last of the set), live documents only. */
  private async mergeInto(parts: Segment[]): Promise<void> {
    if (parts.length === 1 && parts[0].deletedCount === 0) return
    const merged = await mergeSegments(parts, new TimeSlicer())
    await this.writeSegment(merged)
    this.set.replace(parts, merged.n > 0 ? merged : null)
    await this.writeManifest()
    await this.removeFiles(parts)
  }

  private async removeFiles(segments: readonly Segment[]): Promise<void> {
    if (!this.dir || this.readOnly) return
    for (const s of segments) if (s.file) await rm(join(this.dir, s.file), { force: true })
  }

  /** Merge every segment into one, purging tombstones (maintenance; blocks writes meanwhile). */
  async compact(): Promise<void> {
    await this.serial(async () => {
      const parts = [...this.set.segments]
      if (parts.length === 0) return
      const merged = await mergeSegments(parts, new TimeSlicer())
      await this.writeSegment(merged)
      this.set.replace(parts, merged)
      await this.writeManifest()
      await this.removeOrphans()
    })
  }

  /** Wait until background work (merges) is done. For tests and benchmarks. */
  async idle(): Promise<void> {
    await this.serial(async () => undefined)
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const found = this.searchIndex(query, options)
    if (this.loadItems) await passagesFromStore(found, this.loadItems)
    return found.result
  }

  /**
   * Once, after the first search has been answered, in idle time: build the typo vocabulary
   * and compile the indexing path, so neither the first misspelt query nor the first item
   * added after start pays for it (see warmUp.ts).
   */
  private warmUpSoon(): void {
    if (this.warmed || this.readOnly) return
    this.warmed = true
    const timer = setTimeout(() => {
      if (this.closed) return
      void this.serial(async () => {
        // The typo vocabulary of every segment, otherwise built by the first misspelt query.
        vocabularyOf(this.set)
        await warmUpIndexing()
      }).catch(() => undefined)
    }, 0)
    timer.unref?.()
  }

  /** `search` from the index alone, synchronously (passages from the stored text only). */
  searchSync(query: string, options: SearchOptions = {}): SearchResult {
    return this.searchIndex(query, options).result
  }

  /**
   * Search the index alone: the result, the words to highlight, and which hits' passages came
   * from the shortened text the index keeps (`passagesFromStore` replaces them).
   */
  searchIndex(query: string, options: SearchOptions = {}): IndexSearch {
    const started = performance.now()
    this.warmUpSoon()
    const parsed = parseQuery(query)
    if (parsed.fatal) {
      // An unknown field or a malformed filter: nothing, rather than all but that part.
      const result: SearchResult = {
        query,
        total: 0,
        hits: [],
        facets: EMPTY_FACETS,
        error: parsed.error,
        tookMs: performance.now() - started,
      }
      return { result, terms: [], truncated: [] }
    }
    bindSimilarMembers(parsed, options.similar)
    try {
      const run = runForgiving(
        this.set,
        parsed,
        query,
        this.aliases,
        this.scratch,
        options.typos !== false,
      )
      const { plan, matches } = run
      const { hits, facets, truncated } = buildResults(
        this.set,
        matches,
        plan,
        this.scratch,
        options,
      )
      const result: SearchResult = {
        query,
        total: matches.count,
        hits,
        facets,
        tookMs: performance.now() - started,
      }
      if (parsed.error) result.error = parsed.error
      if (run.correctedQuery !== undefined) {
        result.correctedQuery = run.correctedQuery
        result.originalQuery = query
        result.exactQuery = run.exactQuery
      }
      if (matches.count === 0 && options.typos !== false) {
        const suggestion = suggestQuery(this.set, parsed, query, this.aliases, this.scratch)
        if (suggestion !== undefined) result.didYouMean = suggestion
      }
      result.tookMs = performance.now() - started
      return { result, terms: [...plan.highlightTerms], truncated }
    } catch (e) {
      // Never throw at the UI: report the failure as a query problem.
      const result: SearchResult = {
        query,
        total: 0,
        hits: [],
        facets: EMPTY_FACETS,
        error: parsed.error ?? {
          message: `Search failed: ${String(e)}`,
          start: 0,
          end: query.length,
        },
        tookMs: performance.now() - started,
      }
      return { result, terms: [], truncated: [] }
    } finally {
      this.scratch.reset()
    }
  }

  setAliases(groups: string[][]): void {
    this.aliases = buildAliasIndex(groups)
  }

  /** Every indexed item the query matches (for rules): ids only, no ranking or facets. */
  async matchAll(query: string): Promise<QueryMatch> {
    return matchQuery(this.set, query, this.aliases, this.scratch)
  }

  /** Per query, which of `items` it matches, without indexing them (see ruleMatching.ts). */
  matchItems(queries: readonly string[], items: readonly ArchiveItem[]): Promise<ItemId[][]> {
    return matchItems(queries, items, this.aliases)
  }

  matchRefs(query: string, options: SearchOptions = {}): Promise<MatchedRefs> {
    return Promise.resolve(this.matchRefsSync(query, options))
  }

  /**
   * Every result row's ref (item id, or `ARTICLE/p0` for a photo inside an article) of a query,
   * as `search` would count them (`total`), without ranking, facets or snippets.
   */
  matchRefsSync(query: string, options: SearchOptions = {}): MatchedRefs {
    const parsed = parseQuery(query)
    if (parsed.fatal) return { refs: [], error: parsed.error }
    bindSimilarMembers(parsed, options.similar)
    try {
      const { matches } = runForgiving(
        this.set,
        parsed,
        query,
        this.aliases,
        this.scratch,
        options.typos !== false,
      )
      const refs: string[] = new Array<string>(matches.count)
      const segs = this.set.segments
      let hint = 0
      for (let i = 0; i < matches.count; i++) {
        const g = matches.docs[i]
        hint = segmentIndex(segs, g, hint)
        const seg = segs[hint]
        // Keys: an article `ID`, its photo `ID#p0`, a standalone photo `ID`.
        refs[i] = seg.data.keys[g - seg.base].replace('#', '/')
      }
      return parsed.error ? { refs, error: parsed.error } : { refs }
    } finally {
      this.scratch.reset()
    }
  }

  completeField(
    field: CompletionField,
    prefix: string,
    limit?: number,
  ): Promise<FieldCompletion[]> {
    return Promise.resolve(this.completeFieldSync(field, prefix, limit))
  }

  completeFieldSync(field: CompletionField, prefix: string, limit?: number): FieldCompletion[] {
    return this.completer.complete(field, prefix, limit)
  }

  /** Numbers for benchmarks and diagnostics. */
  stats(): { segments: number; docs: number; liveDocs: number; items: number } {
    return {
      segments: this.set.segments.length,
      docs: this.set.capacity,
      liveDocs: this.set.liveDocs,
      items: this.set.items.size,
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.idle()
  }
}

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT'
}

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`
  const fh = await openFile(tmp, 'w')
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(tmp, path)
}
