import path from 'node:path'
import type { ArchiveItem, ItemId } from '../model'
import { ClusterGraph } from './clusters'
import { LshIndex } from './lshIndex'
import { estimate, minhash, NUM_HASHES, type Signature } from './minhash'
import { hashString, shingleHashes } from './shingles'
import { appendLog, readLog, rewriteLog, type LogRecord } from './signatureLog'

/**
 * Near-duplicate detection for the archive: a MinHash signature of each article's body (word
 * shingles), LSH buckets to find candidates, and the clusters of items whose estimated Jaccard
 * similarity reaches `SIMILARITY_THRESHOLD`. Incremental: each added, edited or deleted item
 * updates the buckets and clusters; persisted as an append-only log (see signatureLog.ts).
 * Runs in plain Node on the caller's thread; every step is small (a signature is ~0.3 ms).
 */

/**
 * Estimated Jaccard similarity of word-bigram sets at or above which two bodies are the same
 * story. Chosen with bench/similar.ts on a generated set (BBC stories with 5–30 % of words
 * edited, next to other stories of the same category): copies edited by 30 % still score
 * ≥ 0.4 against their original, distinct stories of one topic stay below 0.16, and follow-ups
 * that reuse a few paragraphs score 0.2–0.35. 0.3 sits between, with room either side.
 */
export const SIMILARITY_THRESHOLD = 0.3
/** Bodies with fewer shingles than this are not compared (too short to tell). */
export const MIN_SHINGLES = 8

const LOG_FILE = 'signatures.log'

export interface SimilarMatch {
  id: ItemId
  /** Estimated Jaccard similarity of the two bodies, 0–1. */
  similarity: number
}

/** The text an item is compared by: an article's body; photos are not compared. */
export function comparableText(item: ArchiveItem): string | null {
  return item.kind === 'article' ? item.body.join('\n') : null
}

export interface SimilarIndexOptions {
  /** Folder for the log (inside the archive); null keeps everything in memory. */
  dir: string | null
  /** Temp folder on the same file system (for compaction); default `<dir>/../tmp`. */
  tmpDir?: string
  threshold?: number
}

export class SimilarIndex {
  private ids: (ItemId | null)[] = []
  private readonly ordinals = new Map<ItemId, number>()
  private free: number[] = []
  private textHashes = new Uint32Array(256)
  private readonly sigs = { values: new Uint16Array(256 * NUM_HASHES) }
  private readonly graph = new ClusterGraph()
  private readonly lsh = new LshIndex(this.sigs)
  private lshBuilt = false
  private queue: Promise<unknown> = Promise.resolve()
  private logBytes = 0
  private records = 0
  private closed = false
  readonly threshold: number

  private constructor(
    private readonly file: string | null,
    private readonly tmpDir: string | null,
    threshold: number,
  ) {
    this.threshold = threshold
  }

  /** Open the index: replay the log (no shingling), then build the LSH buckets in slices. */
  static async open(options: SimilarIndexOptions): Promise<SimilarIndex> {
    const file = options.dir ? path.join(options.dir, LOG_FILE) : null
    const tmpDir = options.dir ? (options.tmpDir ?? path.join(options.dir, '..', 'tmp')) : null
    const index = new SimilarIndex(file, tmpDir, options.threshold ?? SIMILARITY_THRESHOLD)
    // The log is read and replayed in slices after open returns (an archive opens without
    // waiting for it; `ready` says when clusters are known), then the buckets are built.
    index.ready = index.serial(() => index.load())
    void index.serial(() => index.buildBuckets())
    return index
  }

  /** Resolves once the persisted clusters are loaded (at once for an index in memory). */
  ready: Promise<void> = Promise.resolve()

  private async load(): Promise<void> {
    if (!this.file) return
    const log = await readLog(this.file)
    if (!log.usable) return
    let sliceStart = performance.now()
    for (let i = 0; i < log.records.length; i++) {
      this.replay(log.records[i])
      if ((i & 1023) === 0 && performance.now() - sliceStart > 12) {
        await breathe()
        sliceStart = performance.now()
      }
    }
    this.logBytes = log.validBytes
    this.records = log.records.length
  }

  /** An index kept in memory only (tests, or an archive created without a folder). */
  static inMemory(threshold = SIMILARITY_THRESHOLD): SimilarIndex {
    const index = new SimilarIndex(null, null, threshold)
    index.lshBuilt = true
    return index
  }

  /** Items (by id) whose signature is indexed. */
  has(id: ItemId): boolean {
    return this.ordinals.has(id)
  }

  indexedIds(): ItemId[] {
    return [...this.ordinals.keys()]
  }

  /** The ids of the cluster `id` belongs to (itself included, sorted), or undefined. */
  clusterOf(id: ItemId): ItemId[] | undefined {
    const ord = this.ordinals.get(id)
    const group = ord === undefined ? undefined : this.graph.groupOf(ord)
    if (!group) return undefined
    return [...group].map((o) => this.ids[o]!).sort()
  }

  /** A stable name for the cluster of `id`: its smallest member id. */
  clusterIdOf(id: ItemId): string | undefined {
    const ord = this.ordinals.get(id)
    const group = ord === undefined ? undefined : this.graph.groupOf(ord)
    if (!group) return undefined
    let best: string | undefined
    for (const o of group) {
      const m = this.ids[o]!
      if (best === undefined || m < best) best = m
    }
    return best
  }

  /** The other members of `id`'s cluster, most similar to it first. */
  similarTo(id: ItemId): SimilarMatch[] {
    const ord = this.ordinals.get(id)
    const group = ord === undefined ? undefined : this.graph.groupOf(ord)
    if (ord === undefined || !group) return []
    const mine = this.signatureAt(ord)
    return [...group]
      .filter((o) => o !== ord)
      .map((o) => ({ id: this.ids[o]!, similarity: estimate(mine, this.signatureAt(o)) }))
      .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
  }

  /** Add or replace items (photos and short texts are taken out); durable when it resolves. */
  upsert(items: readonly ArchiveItem[]): Promise<void> {
    return this.serial(async () => {
      const out: LogRecord[] = []
      let sliceStart = performance.now()
      for (const item of items) {
        const text = comparableText(item)
        const existing = this.ordinals.get(item.id)
        // A tag or note edit leaves the text as it was: nothing to sign again.
        if (
          text !== null &&
          existing !== undefined &&
          this.textHashes[existing] === hashString(text)
        )
          continue
        const shingles = text === null ? null : shingleHashes(text)
        const sig = shingles && shingles.length >= MIN_SHINGLES ? minhash(shingles) : null
        if (!sig) {
          if (existing !== undefined) {
            this.drop(item.id)
            out.push({ type: 'delete', id: item.id })
          }
          continue
        }
        const textHash = hashString(text!)
        if (existing !== undefined && this.textHashes[existing] === textHash) continue
        if (existing !== undefined) this.drop(item.id)
        const neighbours = this.insert(item.id, textHash, sig)
        out.push({ type: 'add', id: item.id, textHash, signature: sig, neighbours })
        if (performance.now() - sliceStart > 16) {
          await breathe()
          sliceStart = performance.now()
        }
      }
      await this.write(out)
    })
  }

  /** Forget items (deleted from the archive). */
  remove(ids: readonly ItemId[]): Promise<void> {
    return this.serial(async () => {
      const out: LogRecord[] = []
      for (const id of ids) {
        if (!this.ordinals.has(id)) continue
        this.drop(id)
        out.push({ type: 'delete', id })
      }
      await this.write(out)
    })
  }

  /**
   * Bring the index in step with the archive after open: forget ids that are gone, and sign
   * the articles it has never seen (an archive from before this index, or a crash between the
   * store's write and ours), `batch` at a time. `isLive` is asked again just before signing.
   */
  async reconcile(
    liveIds: readonly ItemId[],
    load: (ids: readonly ItemId[]) => Promise<ArchiveItem[]>,
    isLive: (id: ItemId) => boolean,
    batch = 64,
  ): Promise<void> {
    await this.ready
    const live = new Set(liveIds)
    const gone = this.indexedIds().filter((id) => !live.has(id))
    if (gone.length > 0) await this.remove(gone)
    const missing = liveIds.filter((id) => !this.ordinals.has(id))
    for (let i = 0; i < missing.length && !this.closed; i += batch) {
      const items = await load(missing.slice(i, i + batch))
      if (this.closed) return
      await this.upsert(items.filter((it) => isLive(it.id) && !this.ordinals.has(it.id)))
    }
  }

  /** Wait for pending writes (tests, benches, close). */
  idle(): Promise<void> {
    return this.serial(async () => undefined)
  }

  stats(): { items: number; clustered: number; clusters: number; logBytes: number } {
    return {
      items: this.ordinals.size,
      clustered: this.graph.clusteredCount,
      clusters: this.graph.groupCount,
      logBytes: this.logBytes,
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.idle()
  }

  // --- internals

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job)
    this.queue = run.catch(() => undefined)
    return run
  }

  private signatureAt(ord: number): Signature {
    return this.sigs.values.subarray(ord * NUM_HASHES, (ord + 1) * NUM_HASHES)
  }

  private allocate(id: ItemId): number {
    let ord = this.free.pop()
    if (ord === undefined) {
      ord = this.ids.length
      this.ids.push(id)
      if (ord >= this.textHashes.length) {
        const cap = Math.ceil(this.textHashes.length * 1.5)
        const th = new Uint32Array(cap)
        th.set(this.textHashes)
        this.textHashes = th
        const v = new Uint16Array(cap * NUM_HASHES)
        v.set(this.sigs.values)
        this.sigs.values = v
      }
    } else this.ids[ord] = id
    this.ordinals.set(id, ord)
    return ord
  }

  /** Store a signature, find its near duplicates among the others, link them. */
  private insert(id: ItemId, textHash: number, sig: Signature): ItemId[] {
    const neighbours: number[] = []
    for (const c of this.lsh.candidates(sig)) {
      if (estimate(sig, this.signatureAt(c)) >= this.threshold) neighbours.push(c)
    }
    const ord = this.allocate(id)
    this.textHashes[ord] = textHash
    this.sigs.values.set(sig, ord * NUM_HASHES)
    this.lsh.add(ord)
    this.graph.add(ord, neighbours)
    return neighbours.map((n) => this.ids[n]!)
  }

  private drop(id: ItemId): void {
    const ord = this.ordinals.get(id)
    if (ord === undefined) return
    if (this.lshBuilt) this.lsh.remove(ord)
    this.graph.remove(ord)
    this.ordinals.delete(id)
    this.ids[ord] = null
    this.free.push(ord)
  }

  /** Apply one log record (at open: the buckets are built afterwards). */
  private replay(r: LogRecord): void {
    if (this.ordinals.has(r.id)) this.drop(r.id)
    if (r.type === 'delete') return
    const ord = this.allocate(r.id)
    this.textHashes[ord] = r.textHash
    this.sigs.values.set(r.signature, ord * NUM_HASHES)
    const present: number[] = []
    for (const n of r.neighbours) {
      const o = this.ordinals.get(n)
      if (o !== undefined) present.push(o)
    }
    this.graph.add(ord, present)
  }

  private async buildBuckets(): Promise<void> {
    this.lsh.reserve(this.ordinals.size)
    let sliceStart = performance.now()
    for (let ord = 0; ord < this.ids.length; ord++) {
      if (this.closed) return // a short CLI run never waits for buckets it will not use
      if (this.ids[ord] === null) continue
      this.lsh.add(ord)
      if ((ord & 255) === 0 && performance.now() - sliceStart > 12) {
        await breathe()
        sliceStart = performance.now()
      }
    }
    this.lshBuilt = true
  }

  private async write(records: LogRecord[]): Promise<void> {
    if (records.length === 0 || !this.file) return
    this.records += records.length
    if (this.records > 2 * this.ordinals.size + 1000) {
      const live: LogRecord[] = []
      for (const [id, ord] of this.ordinals) {
        live.push({
          type: 'add',
          id,
          textHash: this.textHashes[ord],
          signature: this.signatureAt(ord).slice(),
          neighbours: [...this.graph.neighboursOf(ord)].map((n) => this.ids[n]!),
        })
      }
      this.logBytes = await rewriteLog(this.file, live, this.tmpDir!)
      this.records = live.length
      return
    }
    this.logBytes = await appendLog(this.file, records, this.logBytes)
  }
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))
