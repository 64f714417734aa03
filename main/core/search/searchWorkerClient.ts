import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import type { ArchiveItem, ItemId } from '../model'
import { startWorker } from '../workers/spawnWorker'
import { passagesFromStore, type IndexSearch, type SearchEngineOptions } from './engine'
import { tagOnly, type TagOnlyItem } from './retagSegment'
import type {
  FromSearchWorker,
  SearchCall,
  SearchWorkerOptions,
  ToSearchWorker,
} from './searchWorker'
import type {
  CompletionField,
  FieldCompletion,
  QueryError,
  MatchedRefs,
  SearchEngine,
  SearchOptions,
  SearchResult,
} from './types'

/** Items per batch sent to a rebuild: small enough that cloning one never stalls the loop. */
const ITEMS_PER_BATCH = 128

/**
 * The search engine as the main process uses it: a `SegmentedSearchEngine` running in a worker
 * thread (see searchWorker.ts), reached by messages. The main thread only streams the store's
 * items to a rebuild and, for the hits shown, reads whole bodies for their passages.
 */
export class SearchWorkerClient implements SearchEngine {
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  private items: AsyncIterator<ArchiveItem> | null = null
  private failure: Error | null = null

  private constructor(
    private readonly worker: Worker,
    private readonly loadItems: SearchEngineOptions['loadItems'],
  ) {
    worker.on('message', (msg: FromSearchWorker) => {
      if (msg.type === 'pull') void this.sendItems()
      else if (msg.type === 'reply') {
        const call = this.waiting.get(msg.id)
        if (!call) return
        this.waiting.delete(msg.id)
        if (msg.ok) call.resolve(msg.value)
        else call.reject(new Error(msg.message))
      }
    })
    const fail = (e: Error) => {
      this.failure = e
      for (const call of this.waiting.values()) call.reject(e)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`The search worker stopped (exit code ${code}).`)))
  }

  /**
   * Start the worker; resolves to null when its script cannot run here (the caller then uses
   * the engine in this thread).
   */
  static async start(options: SearchEngineOptions): Promise<SearchWorkerClient | null> {
    const { loadItems, ...rest } = options
    const workerOptions: SearchWorkerOptions = rest
    const worker = await startWorker(
      'searchWorker',
      join(__dirname, 'searchWorker.ts'),
      workerOptions,
    )
    if (!worker) return null
    return new SearchWorkerClient(worker, loadItems)
  }

  private call<T>(call: SearchCall): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.post({ type: 'call', id, ...call })
    })
  }

  private post(msg: ToSearchWorker): void {
    this.worker.postMessage(msg)
  }

  /** Answer the worker's `pull` with the next batch of the store's items. */
  private async sendItems(): Promise<void> {
    const batch: ArchiveItem[] = []
    let done = this.items === null
    while (!done && batch.length < ITEMS_PER_BATCH) {
      const next = await this.items!.next()
      if (next.done) done = true
      else batch.push(next.value)
    }
    if (done) this.items = null
    this.post({ type: 'items', items: batch, done })
  }

  async open(items: () => AsyncIterable<ArchiveItem>, itemCount: number): Promise<void> {
    this.items = items()[Symbol.asyncIterator]()
    try {
      await this.call({ op: 'open', itemCount })
    } finally {
      await this.items?.return?.()
      this.items = null
    }
  }

  upsert(items: readonly ArchiveItem[]): Promise<void> {
    if (items.length === 0) return Promise.resolve()
    return this.call({ op: 'upsert', items: [...items] })
  }

  async retag(items: readonly ArchiveItem[]): Promise<void> {
    if (items.length === 0) return
    // Only ids and tag lists cross to the worker; items it cannot retag are sent whole.
    const rest = await this.call<string[]>({ op: 'retag', items: items.map(tagOnly) })
    const byId = new Map(items.map((i) => [i.id, i]))
    if (rest.length) await this.upsert(rest.map((id) => byId.get(id)!))
  }

  retagOnly(items: readonly TagOnlyItem[]): Promise<ItemId[]> {
    if (items.length === 0) return Promise.resolve([])
    return this.call<string[]>({ op: 'retag', items: [...items] })
  }

  remove(ids: readonly ItemId[]): Promise<void> {
    return this.call({ op: 'remove', ids: [...ids] })
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const found = await this.call<IndexSearch>({ op: 'search', query, options })
    if (this.loadItems) await passagesFromStore(found, this.loadItems)
    return found.result
  }

  matchRefs(query: string, options: SearchOptions = {}): Promise<MatchedRefs> {
    return this.call<MatchedRefs>({ op: 'matchRefs', query, options })
  }

  setAliases(groups: string[][]): void {
    // Fire and forget, like the in-thread engine's: later calls are queued behind it.
    this.call({ op: 'setAliases', groups }).catch(() => undefined)
  }

  matchAll(query: string): Promise<{ ids: ItemId[]; error?: QueryError }> {
    return this.call({ op: 'matchAll', query })
  }

  matchItems(queries: readonly string[], items: readonly ArchiveItem[]): Promise<ItemId[][]> {
    if (items.length === 0 || queries.length === 0) return Promise.resolve(queries.map(() => []))
    return this.call({ op: 'matchItems', queries: [...queries], items: [...items] })
  }

  completeField(
    field: CompletionField,
    prefix: string,
    limit?: number,
  ): Promise<FieldCompletion[]> {
    return this.call({ op: 'completeField', field, prefix, limit })
  }

  /** Wait until background work (merges) is done. */
  idle(): Promise<void> {
    return this.call({ op: 'idle' })
  }

  compact(): Promise<void> {
    return this.call({ op: 'compact' })
  }

  stats(): Promise<{ segments: number; docs: number; liveDocs: number; items: number }> {
    return this.call({ op: 'stats' })
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' }).catch(() => undefined)
    await this.worker.terminate()
  }
}
