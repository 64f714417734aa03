import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import { listConflicts, pickConflict } from './conflicts'
import type { SecretStore } from './secretStore'
import { databaseUrl, readSyncSettings, writeSyncSettings } from './syncConfig'
import { SyncError } from './syncError'
import { SyncSession, countConflicts } from './syncSession'
import { SyncStateStore } from './syncState'
import type {
  ConflictInfo,
  SyncReport,
  SyncSettings,
  SyncSettingsView,
  SyncSetup,
  SyncStatus,
} from './types'
export type { SyncSettingsView, SyncSetup }

/**
 * The app's sync: settings (archive `sync/config.json`, password in a SecretStore), one
 * SyncSession while a server is set, continuous or manual, pause. Plain Node (the IPC
 * handlers and the loopback transport drive it the same way).
 */
export class SyncController {
  private session: SyncSession | null = null
  private settings: SyncSettings | null = null
  private readonly listeners = new Set<(s: SyncStatus) => void>()
  private offStatus: (() => void) | null = null

  private constructor(
    private readonly archive: Archive,
    private readonly secrets: SecretStore,
    private readonly options: { fetch?: typeof fetch; longpollMs?: number },
  ) {}

  /** Start with the saved settings (live sync resumes unless paused). */
  static async start(
    archive: Archive,
    secrets: SecretStore,
    options: { fetch?: typeof fetch; longpollMs?: number } = {},
  ): Promise<SyncController> {
    const c = new SyncController(archive, secrets, options)
    c.settings = await readSyncSettings(archive.dir)
    if (c.settings) await c.openSession()
    return c
  }

  async view(): Promise<SyncSettingsView | null> {
    if (!this.settings) return null
    return {
      ...this.settings,
      hasPassword: !!(await this.secrets.get()),
      passwordPersists: this.secrets.persistent,
    }
  }

  async configure(setup: SyncSetup): Promise<SyncStatus> {
    const { password, ...settings } = setup
    // Checked before anything is saved: a bad address is one sentence, the old setup stays.
    new URL(databaseUrl(settings.server, settings.database))
    if (password !== undefined) await this.secrets.set(password === '' ? null : password)
    await writeSyncSettings(this.archive.dir, settings)
    this.settings = settings
    await this.openSession()
    return this.status()
  }

  /** Forget the server (the archive keeps everything it has). */
  async disconnect(): Promise<void> {
    await this.closeSession()
    this.settings = null
    await this.secrets.set(null)
    await rm(join(this.archive.dir, 'sync', 'config.json'), { force: true })
    this.emit({ state: 'off', conflicts: 0 })
  }

  status(): SyncStatus {
    return this.session?.current() ?? { state: 'off', conflicts: 0 }
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Sync now (manual mode, or to not wait in live mode). */
  async syncNow(): Promise<SyncReport> {
    const session = this.mustSession()
    try {
      return await session.once()
    } catch (err) {
      if (err instanceof SyncError) throw new ArchiveError(err.message)
      throw err
    }
  }

  async setPaused(paused: boolean): Promise<SyncStatus> {
    const session = this.mustSession()
    this.settings = { ...this.settings!, paused }
    await writeSyncSettings(this.archive.dir, this.settings)
    if (paused) session.pause()
    else {
      session.resume()
      if (this.settings.live) session.startLive()
    }
    return this.status()
  }

  async conflicts(): Promise<ConflictInfo[]> {
    return listConflicts(this.archive, await this.state())
  }

  async pick(id: string, side: 'kept' | 'other'): Promise<ConflictInfo[]> {
    const state = await this.state()
    await pickConflict(this.archive, state, id, side, (ids) => this.session?.markDirty(ids))
    this.session?.refreshConflictCount()
    return listConflicts(this.archive, state)
  }

  /** Fetch an original left on the server ("download originals" off); false if not there. */
  async fetchOriginal(sha256: string, mime: string): Promise<boolean> {
    return this.session ? this.session.fetchOriginal(sha256, mime).catch(() => false) : false
  }

  async close(): Promise<void> {
    await this.closeSession()
    this.listeners.clear()
  }

  private async state(): Promise<SyncStateStore> {
    return this.session?.state ?? SyncStateStore.open(this.archive.dir)
  }

  private mustSession(): SyncSession {
    if (!this.session)
      throw new ArchiveError('Sync is not set up: add the server in Settings ▸ Sync.')
    return this.session
  }

  private async openSession(): Promise<void> {
    await this.closeSession()
    const s = this.settings!
    const session = await SyncSession.open(this.archive, {
      remote: {
        url: databaseUrl(s.server, s.database),
        user: s.user || undefined,
        password: await this.secrets.get(),
      },
      downloadOriginals: s.downloadOriginals,
      fetch: this.options.fetch,
      longpollMs: this.options.longpollMs,
    })
    this.session = session
    this.offStatus = session.onStatus((st) => this.emit(st))
    this.emit({ ...session.current(), conflicts: countConflicts(session.state) })
    if (s.paused) session.pause()
    else if (s.live) session.startLive()
  }

  private async closeSession(): Promise<void> {
    this.offStatus?.()
    this.offStatus = null
    const session = this.session
    this.session = null
    await session?.stop()
  }

  private emit(status: SyncStatus): void {
    for (const l of this.listeners) l({ ...status })
  }
}
