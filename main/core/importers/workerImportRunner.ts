import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import type { ItemDraft } from '../model'
import type { FromWorker, ToWorker } from '../workers/importProtocol'
import { spawnWorker } from '../workers/spawnWorker'
import { ImportError, type ImportContext, type ImportInput } from './importer'
import type { ImageResult } from './offline/imageDownloader'

/**
 * Runs an input through the importers, somewhere; resolves with its drafts. `parallelism` says
 * how many inputs it parses at once (bulk imports keep that many files in flight).
 */
export type ImportRunner = ((input: ImportInput, ctx: ImportContext) => Promise<ItemDraft[]>) & {
  readonly parallelism?: number
}

interface Job {
  input: ImportInput
  ctx: ImportContext
  resolve: (drafts: ItemDraft[]) => void
  reject: (err: Error) => void
}

interface PoolWorker {
  worker: Worker
  jobs: Map<number, Job>
  idle: NodeJS.Timeout | null
}

const cancelled = () => new ImportError('The import was cancelled.')

/** One import worker per core the process may use (at least one). */
export function defaultImportWorkers(): number {
  return Math.max(1, availableParallelism())
}

/**
 * An import runner that parses on a pool of worker threads, so a large page or photo never
 * stalls the main process (the app's IPC and progress events) and files parse side by side.
 * Workers start on demand (up to `size`), each job goes to the least busy one, and a worker
 * stops after `idleMs` without work. Cancelling (a job's signal) stops that job's worker at once;
 * its other, uncancelled jobs start again on a fresh worker.
 */
export function createWorkerImportRunner(
  idleMs = 10_000,
  size = defaultImportWorkers(),
): ImportRunner & { parallelism: number; close(): Promise<void> } {
  const poolSize = Math.max(1, Math.floor(size))
  const pool = new Set<PoolWorker>()
  let nextJob = 0

  function stop(pw: PoolWorker, reason: Error): void {
    if (!pool.delete(pw)) return
    if (pw.idle) clearTimeout(pw.idle)
    const jobs = [...pw.jobs.values()]
    pw.jobs.clear()
    void pw.worker.terminate()
    for (const job of jobs) {
      if (job.ctx.signal?.aborted) job.reject(cancelled())
      else if (reason instanceof ImportError) dispatch(job)
      else job.reject(reason)
    }
  }

  function start(): PoolWorker {
    const w = spawnWorker('importWorker', join(__dirname, '..', 'workers', 'importWorker.ts'))
    w.unref()
    const pw: PoolWorker = { worker: w, jobs: new Map(), idle: null }
    w.on('message', (msg: FromWorker) => {
      const job = pw.jobs.get(msg.job)
      if (!job) return
      if (msg.type === 'putBlob' || msg.type === 'putInput') {
        const bytes = msg.type === 'putBlob' ? msg.bytes : job.input.bytes
        const sha256 = msg.type === 'putInput' ? msg.sha256 : undefined
        job.ctx.putBlob(bytes, msg.mime, msg.fileName, sha256).then(
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
      if (msg.type === 'archiveImage') {
        const reply = (result: ImageResult) =>
          w.postMessage({ type: 'image', call: msg.call, result } satisfies ToWorker)
        const archiveImage = job.ctx.archiveImage
        if (!archiveImage) reply({ ok: false, reason: `${msg.ref} was not fetched.` })
        else
          archiveImage(msg.ref, msg.pageUrl).then(reply, (err: Error) =>
            reply({ ok: false, reason: err.message }),
          )
        return
      }
      pw.jobs.delete(msg.job)
      if (msg.type === 'done') job.resolve(msg.drafts)
      else job.reject(msg.expected ? new ImportError(msg.message) : new Error(msg.message))
      if (pw.jobs.size === 0) scheduleIdleStop(pw)
    })
    w.on('error', (err) => stop(pw, err))
    w.on('exit', (code) => stop(pw, new Error(`the import worker stopped (exit code ${code})`)))
    pool.add(pw)
    return pw
  }

  function scheduleIdleStop(pw: PoolWorker): void {
    if (pw.idle) clearTimeout(pw.idle)
    pw.idle = setTimeout(() => {
      if (pw.jobs.size === 0) stop(pw, new Error('the import worker was idle'))
    }, idleMs)
    pw.idle.unref()
  }

  /** The least busy worker; a new one while the pool has room and every worker is busy. */
  function pick(): PoolWorker {
    let best: PoolWorker | null = null
    for (const pw of pool) if (!best || pw.jobs.size < best.jobs.size) best = pw
    return best && (best.jobs.size === 0 || pool.size >= poolSize) ? best : start()
  }

  function dispatch(job: Job): void {
    const pw = pick()
    if (pw.idle) clearTimeout(pw.idle)
    const id = ++nextJob
    pw.jobs.set(id, job)
    // A copy for the worker (Buffer#slice would share memory, and the transfer would empty
    // the caller's bytes, which putInput and a restart on another worker still need).
    const bytes = new Uint8Array(job.input.bytes.byteLength)
    bytes.set(job.input.bytes)
    const msg: ToWorker = {
      type: 'import',
      job: id,
      source: job.input.source,
      bytes,
      contentType: job.input.contentType,
    }
    pw.worker.postMessage(msg, [bytes.buffer as ArrayBuffer])
  }

  /** Stop the worker holding this job (the parse cannot be interrupted any other way). */
  function cancel(job: Job): void {
    for (const pw of pool) {
      if ([...pw.jobs.values()].includes(job)) return stop(pw, cancelled())
    }
  }

  const run = (input: ImportInput, ctx: ImportContext): Promise<ItemDraft[]> =>
    new Promise<ItemDraft[]>((resolve, reject) => {
      if (ctx.signal?.aborted) return reject(cancelled())
      const onAbort = () => cancel(job)
      const settle = () => ctx.signal?.removeEventListener('abort', onAbort)
      const job: Job = {
        input,
        ctx,
        resolve: (drafts) => (settle(), resolve(drafts)),
        reject: (err) => (settle(), reject(err)),
      }
      ctx.signal?.addEventListener('abort', onAbort, { once: true })
      dispatch(job)
    })

  return Object.assign(run, {
    parallelism: poolSize,
    async close() {
      for (const pw of [...pool]) stop(pw, new Error('the archive was closed'))
    },
  })
}
