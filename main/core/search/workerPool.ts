import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ArchiveItem } from '../model'
import { startWorker } from '../workers/spawnWorker'
import type { FromWorker, ToWorker } from './buildWorker'

/** Items per message to a worker: small enough that cloning one never stalls the loop. */
const ITEMS_PER_MESSAGE = 128

/**
 * Build workers for full rebuilds. `create` resolves to null when no worker script can run
 * here (e.g. a bundle without the worker entry, or a test runner without a TypeScript loader);
 * the engine then builds on the main thread in time slices.
 */
export class BuildWorkerPool {
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (b: Buffer) => void; reject: (e: Error) => void }
  >()
  private readonly idle: Worker[]
  private readonly freed: ((w: Worker) => void)[] = []

  private constructor(private readonly workers: Worker[]) {
    this.idle = [...workers]
    for (const w of workers) {
      w.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') return
        const job = this.waiting.get(msg.id)
        if (!job) return
        this.waiting.delete(msg.id)
        if (msg.type === 'segment') job.resolve(Buffer.from(msg.buffer))
        else job.reject(new Error(msg.message))
        this.release(w)
      })
      w.on('error', (e) => {
        for (const job of this.waiting.values()) job.reject(e)
        this.waiting.clear()
      })
    }
  }

  static async create(count: number): Promise<BuildWorkerPool | null> {
    if (count < 1) return null
    // Built app: out/main/buildWorker.js; from source: this folder's buildWorker.ts via tsx.
    const source = join(__dirname, 'buildWorker.ts')
    const started = await Promise.all(
      Array.from({ length: count }, () => startWorker('buildWorker', source)),
    )
    const ok = started.filter((w): w is Worker => w !== null)
    if (ok.length < started.length) {
      await Promise.all(ok.map((w) => w.terminate()))
      return null
    }
    return new BuildWorkerPool(ok)
  }

  /** Wait for a free worker. */
  acquire(): Promise<Worker> {
    const w = this.idle.pop()
    if (w) return Promise.resolve(w)
    return new Promise((resolve) => this.freed.push(resolve))
  }

  private release(w: Worker): void {
    const next = this.freed.shift()
    if (next) next(w)
    else this.idle.push(w)
  }

  /** Stream items to a worker (small messages: cloning one never stalls the event loop). */
  send(w: Worker, items: readonly ArchiveItem[]): void {
    for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) {
      const msg: ToWorker = { type: 'items', items: items.slice(i, i + ITEMS_PER_MESSAGE) }
      w.postMessage(msg)
    }
  }

  /** Ask the worker for the segment of everything sent to it since its last build. */
  finish(w: Worker): Promise<Buffer> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      const msg: ToWorker = { type: 'build', id }
      w.postMessage(msg)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
