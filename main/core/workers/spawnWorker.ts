import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

/**
 * Start one of the core's worker threads by name. In the built app the worker is its own bundle
 * beside main (`out/main/<name>.js`, an electron-vite input); from source (tests, benchmarks,
 * tsx) it is the TypeScript file beside this one, loaded through tsx.
 */
export function spawnWorker(name: 'importWorker'): Worker {
  const built = join(__dirname, `${name}.js`)
  if (existsSync(built)) return new Worker(built)
  // `--import tsx` in execArgv does not reach a worker's loader on Node 20; tsx's require hook does.
  const source = join(__dirname, `${name}.ts`)
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)})`, { eval: true })
}
