/**
 * Worker thread that owns the search index: loading, rebuilding (with its own build workers),
 * merging and querying all happen here, so neither the index's work nor the garbage collection
 * of its heap ever holds the main process's event loop. `SearchWorkerClient` is the other end.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ArchiveItem } from '../model'
import { SegmentedSearchEngine, type SearchEngineOptions } from './engine'
import type { TagOnlyItem } from './retagSegment'
import type { CompletionField, SearchOptions } from './types'

export type SearchWorkerOptions = Omit<SearchEngineOptions, 'loadItems'>

/** Calls the client makes; each gets one `reply` with the same id. */
export type SearchCall =
  | { op: 'open'; itemCount: number }
  | { op: 'upsert'; items: ArchiveItem[] }
  | { op: 'remove'; ids: string[] }
  | { op: 'retag'; items: TagOnlyItem[] }
  | { op: 'search'; query: string; options: SearchOptions }
  | { op: 'matchRefs'; query: string; options: SearchOptions }
  | { op: 'setAliases'; groups: string[][] }
  | { op: 'matchAll'; query: string }
  | { op: 'matchItems'; queries: string[]; items: ArchiveItem[] }
  | { op: 'completeField'; field: CompletionField; prefix: string; limit?: number }
  | { op: 'idle' }
  | { op: 'compact' }
  | { op: 'stats' }
  | { op: 'close' }

export type ToSearchWorker =
  | ({ type: 'call'; id: number } & SearchCall)
  /** The next items of a rebuild, answering `pull` (`done` once the store is exhausted). */
  | { type: 'items'; items: ArchiveItem[]; done: boolean }

export type FromSearchWorker =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string }
  /** A rebuild wants the next batch of the store's items. */
  | { type: 'pull' }

const port = parentPort
if (port) {
  const engine = new SegmentedSearchEngine(workerData as SearchWorkerOptions)
  const post = (msg: FromSearchWorker) => port.postMessage(msg)
  let nextBatch: ((msg: { items: ArchiveItem[]; done: boolean }) => void) | null = null

  /** The store's items, pulled from the main thread one batch at a time (no flooding). */
  async function* itemsFromMain(): AsyncGenerator<ArchiveItem> {
    for (;;) {
      const batch = await new Promise<{ items: ArchiveItem[]; done: boolean }>((resolve) => {
        nextBatch = resolve
        post({ type: 'pull' })
      })
      yield* batch.items
      if (batch.done) return
    }
  }

  const handle = async (call: SearchCall): Promise<unknown> => {
    switch (call.op) {
      case 'open':
        return engine.open(itemsFromMain, call.itemCount)
      case 'upsert':
        return engine.upsert(call.items)
      case 'remove':
        return engine.remove(call.ids)
      case 'retag':
        return engine.retagOnly(call.items)
      case 'search':
        return engine.searchIndex(call.query, call.options)
      case 'matchRefs':
        return engine.matchRefsSync(call.query, call.options)
      case 'setAliases':
        return engine.setAliases(call.groups)
      case 'matchAll':
        return engine.matchAll(call.query)
      case 'matchItems':
        return engine.matchItems(call.queries, call.items)
      case 'completeField':
        return engine.completeFieldSync(call.field, call.prefix, call.limit)
      case 'idle':
        return engine.idle()
      case 'compact':
        return engine.compact()
      case 'stats':
        return engine.stats()
      case 'close':
        return engine.close()
    }
  }

  port.on('message', (msg: ToSearchWorker) => {
    if (msg.type === 'items') {
      const resolve = nextBatch
      nextBatch = null
      resolve?.(msg)
      return
    }
    const { id } = msg
    handle(msg).then(
      (value) => post({ type: 'reply', id, ok: true, value }),
      (e: unknown) => post({ type: 'reply', id, ok: false, message: errorMessage(e) }),
    )
  })
  post({ type: 'ready' })
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
