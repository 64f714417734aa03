import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import type { ItemDraft } from '../model'
import type { FromWorker, ToWorker } from '../workers/importProtocol'
import { spawnWorker } from '../workers/spawnWorker'
import { ImportError, type ImportContext, type ImportInput } from './importer'

/** Runs an input through the importers, somewhere; resolves with its drafts. */
export type ImportRunner = (input: ImportInput, ctx: ImportContext) => Promise<ItemDraft[]>

interface Job {
  input: ImportInput
  ctx: ImportContext
  resolve: (drafts: ItemDraft[]) => void
  reject: (err: Error) => void
}

const cancelled = () => new ImportError('The import was cancelled.')

/**
 * An import runner that parses in a worker thread, so a large page or photo never stalls the
 * main process (the app's IPC and progress events). The worker starts on first use and stops
 * after `idleMs` without work. Cancelling (the context's signal) stops the worker at once.
 */
export function createWorkerImportRunner(
  idleMs = 10_000,
): ImportRunner & { close(): Promise<void> } {
  let worker: Worker | null = null
  let idle: NodeJS.Timeout | null = null
  const jobs = new Map<number, Job>()
  let nextJob = 0

  function stop(reason: Error): void {
    const w = worker
    worker = null
    for (const job of jobs.values()) job.reject(reason)
    jobs.clear()
    if (w) void w.terminate()
  }

  function start(): Worker {
    const w = spawnWorker('importWorker', join(__dirname, '..', 'workers', 'importWorker.ts'))
    w.unref()
    w.on('message', (msg: FromWorker) => {
      const job = jobs.get(msg.job)
      if (!job) return
      if (msg.type === 'putBlob' || msg.type === 'putInput') {
        const bytes = msg.type === 'putBlob' ? msg.bytes : job.input.bytes
        job.ctx.putBlob(bytes, msg.mime, msg.fileName).then(
          (ref) => w.postMessage({ type: 'blob', call: msg.call, ref } satisfies ToWorker),
          (err: Error) =>
            w.postMessage({
              type: 'blobFailed',
              call: msg.call,
              message: err.message,
            } satisfies ToWorker),
        )
        return
      }
      jobs.delete(msg.job)
      if (msg.type === 'done') job.resolve(msg.drafts)
      else job.reject(msg.expected ? new ImportError(msg.message) : new Error(msg.message))
      if (jobs.size === 0) scheduleIdleStop()
    })
    w.on('error', (err) => {
      if (worker === w) stop(err)
    })
    w.on('exit', (code) => {
      if (worker === w) stop(new Error(`the import worker stopped (exit code ${code})`))
    })
    return w
  }

  function scheduleIdleStop(): void {
    if (idle) clearTimeout(idle)
    idle = setTimeout(() => {
      if (jobs.size === 0 && worker) {
        void worker.terminate()
        worker = null
      }
    }, idleMs)
    idle.unref()
  }

  const run = (input: ImportInput, ctx: ImportContext): Promise<ItemDraft[]> =>
    new Promise<ItemDraft[]>((resolve, reject) => {
      if (ctx.signal?.aborted) return reject(cancelled())
      if (idle) clearTimeout(idle)
      worker ??= start()
      const job = ++nextJob
      const onAbort = () => stop(cancelled())
      const settle = () => ctx.signal?.removeEventListener('abort', onAbort)
      jobs.set(job, {
        input,
        ctx,
        resolve: (drafts) => (settle(), resolve(drafts)),
        reject: (err) => (settle(), reject(err)),
      })
      ctx.signal?.addEventListener('abort', onAbort, { once: true })
      // A copy for the worker (Buffer#slice would share memory, and the transfer would empty
      // the caller's bytes, which putInput still needs).
      const bytes = new Uint8Array(input.bytes.byteLength)
      bytes.set(input.bytes)
      const msg: ToWorker = {
        type: 'import',
        job,
        source: input.source,
        bytes,
        contentType: input.contentType,
      }
      worker.postMessage(msg, [bytes.buffer as ArrayBuffer])
    })

  return Object.assign(run, {
    async close() {
      if (idle) clearTimeout(idle)
      stop(new Error('the archive was closed'))
    },
  })
}
