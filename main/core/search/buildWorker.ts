/**
 * Worker thread for full rebuilds: receives items in batches, builds one segment with lunr's
 * analysis and hands back its encoded bytes (transferred, not copied), so the main thread's
 * event loop stays free and both cores build at once.
 */
import { parentPort } from 'node:worker_threads'
import type { ArchiveItem } from '../model'
import { documentsOf, type IndexDoc } from './documents'
import { buildSegment, encodeSegment } from './segment'

export type ToWorker = { type: 'items'; items: ArchiveItem[] } | { type: 'build'; id: number }
export type FromWorker =
  | { type: 'segment'; id: number; buffer: ArrayBuffer }
  | { type: 'failed'; id: number; message: string }
  | { type: 'ready' }

let docs: IndexDoc[] = []
const port = parentPort
port?.on('message', (msg: ToWorker) => {
  if (msg.type === 'items') {
    for (const item of msg.items) for (const d of documentsOf(item)) docs.push(d)
    return
  }
  const batch = docs
  docs = []
  buildSegment(batch)
    .then((seg) => {
      const buf = encodeSegment(seg)
      const own = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
      const buffer = (
        own ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
      ) as ArrayBuffer
      const reply: FromWorker = { type: 'segment', id: msg.id, buffer }
      port.postMessage(reply, [buffer])
    })
    .catch((e: unknown) => {
      const reply: FromWorker = { type: 'failed', id: msg.id, message: String(e) }
      port.postMessage(reply)
    })
})

port?.postMessage({ type: 'ready' } satisfies FromWorker)
