import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

/** The core's worker threads: each is an electron-vite input of its own (electron.vite.config.ts). */
export type WorkerName = 'importWorker' | 'buildWorker' | 'searchWorker'

/**
 * Start one of the core's worker threads. In the built app the worker is its own bundle beside
 * main (`out/main/<name>.js`); from source (tests, benchmarks, tsx) it is `sourceFile`, loaded
 * through tsx's require hook (`--import tsx` in execArgv does not reach a worker on Node 20).
 */
export function spawnWorker(name: WorkerName, sourceFile: string, workerData?: unknown): Worker {
  const built = join(__dirname, `${name}.js`)
  if (existsSync(built)) return new Worker(built, { workerData })
  if (!existsSync(sourceFile)) throw new Error(`worker script ${name} not found`)
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(sourceFile)})`, {
    eval: true,
    workerData,
  })
}

/** How long a worker script may take to load before it counts as unable to run here. */
const START_TIMEOUT_MS = 15_000

/**
 * Spawn a worker and wait until its script runs and posts `{ type: 'ready' }`. Resolves to null
 * when it cannot load here (no built bundle, no TypeScript loader…): callers then fall back to
 * doing the work in this thread.
 */
export function startWorker(
  name: WorkerName,
  sourceFile: string,
  workerData?: unknown,
): Promise<Worker | null> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = spawnWorker(name, sourceFile, workerData)
    } catch {
      resolve(null)
      return
    }
    const done = (ok: boolean) => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onFail)
      worker.off('exit', onFail)
      if (ok) resolve(worker)
      else {
        void worker.terminate()
        resolve(null)
      }
    }
    const onMessage = (msg: { type?: unknown }) => done(msg?.type === 'ready')
    const onFail = () => done(false)
    const timer = setTimeout(onFail, START_TIMEOUT_MS)
    worker.on('message', onMessage)
    worker.once('error', onFail)
    worker.once('exit', onFail)
  })
}
