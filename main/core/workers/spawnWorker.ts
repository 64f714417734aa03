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
