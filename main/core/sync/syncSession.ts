import type { Archive } from '../archiveApi'
import type { ItemId } from '../model'
import { CouchClient, type RemoteDatabase } from './couchClient'
import { Replicator, fetchBlob } from './replicator'
import { SyncError } from './syncError'
import { SyncStateStore } from './syncState'
import { syncTargetOf, type SyncTarget } from './syncTarget'
import type { SyncReport, SyncStatus } from './types'

export interface SyncSessionOptions {
  remote: RemoteDatabase
  downloadOriginals?: boolean
  fetch?: typeof fetch
  now?: () => Date
  /** Documents per request (default 1000). */
  batchSize?: number
  /** Live mode: how long one long poll of the server's changes waits (default 25 s). */
  longpollMs?: number
  /** Live mode: local edits are sent after this quiet time (default 50 ms). */
  debounceMs?: number
}

const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000]

/**
 * Sync of one open archive with one database: a run on demand (`once`), or live (every local
 * edit sent within a moment, the server's changes long-polled and applied as they come).
 * Only one run at a time; status changes are told to listeners.
 */
export class SyncSession {
  private status: SyncStatus
  private readonly listeners = new Set<(s: SyncStatus) => void>()
  private running: Promise<SyncReport> | null = null
  private again = false
  private live = false
  private paused = false
  private abort: AbortController | null = null
  private timer: NodeJS.Timeout | null = null
  private unsubscribe: (() => void) | null = null
  private failures = 0

  private constructor(
    private readonly target: SyncTarget,
    readonly client: CouchClient,
    readonly state: SyncStateStore,
    private readonly replicator: Replicator,
    private readonly options: SyncSessionOptions,
  ) {
    this.status = {
      state: 'off',
      remote: client.dbUrl,
      lastSync: state.data.lastSync,
      conflicts: countConflicts(state),
    }
    // Every change the archive makes is looked at on the next run (and in live mode, starts one).
    this.unsubscribe = target.onChange((change) => {
      // What the replicator is storing from the server is not an edit of ours (it already has
      // its revision): only the rest, such as an edit made meanwhile, is looked at and sent.
      let ours = true
      if (change.kind === 'items' && change.ids?.length) {
        const ids = this.applying
          ? change.ids.filter((id) => !this.applyingIds.has(id))
          : change.ids
        this.replicator.markDirty(ids)
        ours = ids.length > 0
      } else if (this.applying) ours = false
      if (this.live && !this.paused && ours) this.schedule(this.options.debounceMs ?? 50)
    })
  }

  /** Set while the replicator stores what came from the server (those edits are not ours). */
  private applying = false
  /** The items it is storing meanwhile. */
  private applyingIds = new Set<ItemId>()

  static async open(archive: Archive, options: SyncSessionOptions): Promise<SyncSession> {
    return SyncSession.openTarget(syncTargetOf(archive), options)
  }

  static async openTarget(target: SyncTarget, options: SyncSessionOptions): Promise<SyncSession> {
    const client = new CouchClient(options.remote, options.fetch)
    const state = await SyncStateStore.open(target.dir)
    let session: SyncSession | undefined = undefined
    const replicator = new Replicator({
      target: {
        ...target,
        // What the server brings in is stored without starting another run.
        putItems: (items) =>
          session!.whileApplying(
            () => target.putItems(items),
            items.map((i) => i.id),
          ),
        deleteItems: (ids) => session!.whileApplying(() => target.deleteItems(ids), ids),
        applySettings: (v) => session!.whileApplying(() => target.applySettings(v), []),
      },
      client,
      state,
      downloadOriginals: options.downloadOriginals ?? true,
      now: options.now,
      batchSize: options.batchSize,
      onProgress: (p) => session!.setStatus({ ...session!.status, state: 'syncing', progress: p }),
    })
    session = new SyncSession(target, client, state, replicator, options)
    return session
  }

  private async whileApplying<T>(task: () => Promise<T>, ids: readonly ItemId[]): Promise<T> {
    this.applying = true
    this.applyingIds = new Set(ids)
    try {
      return await task()
    } finally {
      this.applying = false
      this.applyingIds = new Set()
    }
  }

  current(): SyncStatus {
    return { ...this.status }
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** One full run (waits for a run in progress, then runs again so nothing is missed). */
  async once(): Promise<SyncReport> {
    if (this.running) {
      this.again = true
      await this.running.catch(() => undefined)
    }
    return this.runNow()
  }

  private runNow(): Promise<SyncReport> {
    if (this.running) return this.running
    this.setStatus({ ...this.status, state: 'syncing', progress: undefined, reason: undefined })
    const run = this.replicator
      .run()
      .then((report) => {
        this.failures = 0
        this.setStatus({
          state: this.paused ? 'paused' : 'synced',
          remote: this.client.dbUrl,
          lastSync: this.state.data.lastSync,
          conflicts: countConflicts(this.state),
          ...(report.rejected.length
            ? {
                state: 'error' as const,
                reason: `${report.rejected.length} document${report.rejected.length === 1 ? '' : 's'} from the server did not validate and ${report.rejected.length === 1 ? 'was' : 'were'} left out: ${report.rejected[0].reason}.`,
              }
            : {}),
        })
        return report
      })
      .catch((err: unknown) => {
        this.failures++
        const e = err instanceof SyncError ? err : null
        this.setStatus({
          ...this.status,
          state: e?.kind === 'unreachable' ? 'offline' : 'error',
          progress: undefined,
          reason: err instanceof Error ? err.message : String(err),
        })
        throw err
      })
      .finally(() => {
        this.running = null
        if (this.again && this.live && !this.paused) {
          this.again = false
          this.schedule(0)
        }
      })
    this.running = run
    return run
  }

  /** Live: sync now, then whenever either side changes; offline or failing, retry with backoff. */
  startLive(): void {
    if (this.live) return
    this.live = true
    this.paused = false
    void this.loop()
  }

  private async loop(): Promise<void> {
    while (this.live && !this.paused) {
      try {
        await this.runNow()
      } catch {
        await this.sleep(RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)])
        continue
      }
      this.abort = new AbortController()
      try {
        await this.replicator.waitForRemote(this.options.longpollMs ?? 25_000, this.abort.signal)
      } catch (err) {
        if (!this.abort.signal.aborted) {
          this.failures++
          this.setStatus({
            ...this.status,
            state: err instanceof SyncError && err.kind !== 'unreachable' ? 'error' : 'offline',
            reason: err instanceof Error ? err.message : String(err),
          })
          await this.sleep(RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)])
        }
      } finally {
        this.abort = null
      }
    }
  }

  /** Local edits: cut the long poll short so the loop runs again. */
  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      if (this.running) this.again = true
      else this.abort?.abort()
    }, ms)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms)
      const check = setInterval(() => {
        if (!this.live || this.paused) {
          clearTimeout(t)
          clearInterval(check)
          resolve()
        }
      }, 100)
      t.unref?.()
      setTimeout(() => clearInterval(check), ms).unref?.()
    })
  }

  pause(): void {
    this.paused = true
    this.abort?.abort()
    this.setStatus({ ...this.status, state: 'paused', progress: undefined })
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    if (this.live) {
      this.live = false
      this.startLive()
    } else this.setStatus({ ...this.status, state: 'synced' })
  }

  /**
   * Fetch a file this archive lacks from the server (an original left on the server while
   * "download originals" is off). False when the server does not have it either.
   */
  async fetchOriginal(sha256: string, mime: string, fileName?: string): Promise<boolean> {
    if (await this.target.hasBlob(sha256)) return true
    return fetchBlob(this.client, this.target, sha256, mime, fileName)
  }

  markDirty(ids: readonly ItemId[]): void {
    this.replicator.markDirty(ids)
  }

  /** Stop syncing (waits for a run in progress to end). */
  async stop(): Promise<void> {
    this.live = false
    this.abort?.abort()
    if (this.timer) clearTimeout(this.timer)
    this.unsubscribe?.()
    this.unsubscribe = null
    await this.running?.catch(() => undefined)
    await this.state.save()
  }

  refreshConflictCount(): void {
    this.setStatus({ ...this.status, conflicts: countConflicts(this.state) })
  }

  private setStatus(status: SyncStatus): void {
    this.status = status
    for (const l of this.listeners) l({ ...status })
  }
}

export function countConflicts(state: SyncStateStore): number {
  let n = state.data.settingConflicts.length
  for (const d of Object.values(state.data.docs)) n += d.conflicts?.length ?? 0
  return n
}
