// The import worker: parses files (HTML with jsdom, images, feeds…) off the main thread. It never
// touches the archive: blobs go to the parent, which stores them and answers with their refs.
import { createHash } from 'node:crypto'
import { parentPort } from 'node:worker_threads'
import { defaultImporters } from '../importers'
import { ImportError, type ImportContext } from '../importers/importer'
import type { BlobRef } from '../model'
import type { ImageResult } from '../importers/offline/imageDownloader'
import type { FromWorker, ToWorker } from './importProtocol'

const port = parentPort
if (!port) throw new Error('importWorker must run as a worker thread')

const importers = defaultImporters()
const pending = new Map<number, { resolve: (ref: BlobRef) => void; reject: (e: Error) => void }>()
const images = new Map<number, (result: ImageResult) => void>()
let calls = 0
const send = (msg: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer)

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'blob') {
    pending.get(msg.call)?.resolve(msg.ref)
    pending.delete(msg.call)
  } else if (msg.type === 'image') {
    images.get(msg.call)?.(msg.result)
    images.delete(msg.call)
  } else if (msg.type === 'blobFailed') {
    pending.get(msg.call)?.reject(new Error(msg.message))
    pending.delete(msg.call)
  } else {
    void runJob(msg)
  }
})

async function runJob(job: Extract<ToWorker, { type: 'import' }>): Promise<void> {
  const input = { source: job.source, bytes: job.bytes, contentType: job.contentType }
  const ctx: ImportContext = {
    putBlob: (bytes, mime, fileName) =>
      new Promise<BlobRef>((resolve, reject) => {
        const call = ++calls
        pending.set(call, { resolve, reject })
        if (bytes === input.bytes) {
          // The whole input (a photo archived as it came): no need to send 5 MB back.
          const sha256 = createHash('sha256').update(bytes).digest('hex')
          send({ type: 'putInput', job: job.job, call, mime, fileName, sha256 })
          return
        }
        const copy = bytes.slice()
        send({ type: 'putBlob', job: job.job, call, bytes: copy, mime, fileName }, [
          copy.buffer as ArrayBuffer,
        ])
      }),
    archiveImage: (ref, pageUrl) =>
      new Promise<ImageResult>((resolve) => {
        const call = ++calls
        images.set(call, resolve)
        send({ type: 'archiveImage', job: job.job, call, ref, pageUrl })
      }),
  }
  try {
    const importer = importers.find((i) => i.accepts(input))
    if (!importer) throw new ImportError(`${job.source} is not a format Morgue can import.`)
    send({ type: 'done', job: job.job, drafts: await importer.import(input, ctx) })
  } catch (err) {
    const expected = err instanceof ImportError
    const message = err instanceof Error ? err.message : String(err)
    send({ type: 'failed', job: job.job, message, expected })
  }
}
