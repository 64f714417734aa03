import type { Archive } from '../../core/archiveApi'
import { listConflicts, pickConflict } from '../../core/sync/conflicts'
import { CouchClient } from '../../core/sync/couchClient'
import {
  databaseUrl,
  readSyncSettings,
  splitDatabaseUrl,
  writeSyncSettings,
} from '../../core/sync/syncConfig'
import { SyncError } from '../../core/sync/syncError'
import { SyncSession, countConflicts } from '../../core/sync/syncSession'
import { SyncStateStore } from '../../core/sync/syncState'
import type { ConflictInfo, SyncReport } from '../../core/sync/types'

export interface SyncCliOptions {
  remote?: string
  user?: string
  once?: boolean
  live?: boolean
  json?: boolean
  /** The password (from MORGUE_SYNC_PASSWORD or the URL). */
  password?: string
  out: (s: string) => void
  err: (s: string) => void
  need: (ok: boolean, message: string) => void
  /** Live mode stops when this aborts (Ctrl-C). */
  signal?: AbortSignal
}

/**
 * `morgue sync --remote URL [--once|--live] [--json]` and `morgue sync status`. The remote is
 * remembered in the archive's sync settings, so later runs need no `--remote`.
 */
export async function syncCommand(
  archive: Archive,
  args: string[],
  o: SyncCliOptions,
): Promise<number> {
  if (args[0] === 'status') {
    o.need(args.length === 1, 'status takes no arguments')
    return syncStatus(archive, o)
  }
  o.need(args.length === 0, `unknown sync command “${args[0]}” (give status, or no command)`)
  o.need(!(o.once && o.live), 'give --once or --live, not both')
  const saved = await readSyncSettings(archive.dir)
  let settings = saved
  if (o.remote) {
    let parts
    try {
      parts = splitDatabaseUrl(o.remote)
    } catch {
      throw new SyncError('bad-url', `“${o.remote}” is not a web address (http://… or https://…).`)
    }
    settings = {
      live: saved?.live ?? false,
      downloadOriginals: saved?.downloadOriginals ?? true,
      paused: false,
      ...parts,
      user: o.user ?? parts.user ?? saved?.user,
    }
  }
  o.need(
    !!settings,
    'give --remote URL of the desk’s database (e.g. https://couch.example.org/desk-news)',
  )
  const url = databaseUrl(settings!.server, settings!.database)
  const password = o.password ?? passwordInUrl(o.remote)
  const session = await SyncSession.open(archive, {
    remote: { url, user: o.user ?? settings!.user, password },
    downloadOriginals: settings!.downloadOriginals,
  })
  try {
    if (!o.live) {
      const report = await session.once()
      await writeSyncSettings(archive.dir, settings!)
      o.out(
        o.json ? JSON.stringify({ remote: url, ...report }, null, 2) : formatReport(report, url),
      )
      return report.rejected.length ? 1 : 0
    }
    await writeSyncSettings(archive.dir, { ...settings!, live: true })
    if (!o.json) o.err(`syncing live with ${url}; Ctrl-C stops`)
    let last = ''
    const off = session.onStatus((s) => {
      const line = o.json
        ? JSON.stringify(s)
        : s.state === 'synced'
          ? `synced (${s.lastSync?.pulled ?? 0} in, ${s.lastSync?.pushed ?? 0} out)`
          : s.state === 'syncing'
            ? ''
            : `${s.state}: ${s.reason ?? ''}`
      if (line && line !== last) o.out(line)
      last = line || last
    })
    session.startLive()
    await new Promise<void>((resolve) => {
      if (o.signal?.aborted) resolve()
      o.signal?.addEventListener('abort', () => resolve(), { once: true })
    })
    off()
    return 0
  } finally {
    await session.stop()
  }
}

function passwordInUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const p = new URL(url).password
    return p ? decodeURIComponent(p) : undefined
  } catch {
    return undefined
  }
}

async function syncStatus(archive: Archive, o: SyncCliOptions): Promise<number> {
  const settings = await readSyncSettings(archive.dir)
  const state = await SyncStateStore.open(archive.dir)
  const waiting = Object.values(state.data.docs).filter((d) => !d.pushed).length
  const status: Record<string, unknown> = {
    remote: settings ? databaseUrl(settings.server, settings.database) : null,
    live: settings?.live ?? false,
    downloadOriginals: settings?.downloadOriginals ?? true,
    lastSync: state.data.lastSync ?? null,
    waiting,
    conflicts: countConflicts(state),
  }
  if (settings) {
    try {
      const client = new CouchClient({
        url: databaseUrl(settings.server, settings.database),
        user: o.user ?? settings.user,
        password: o.password,
      })
      await client.connect(false)
      status.server = 'reachable'
    } catch (e) {
      status.server = e instanceof SyncError && e.kind === 'unreachable' ? 'offline' : 'error'
      status.reason = e instanceof Error ? e.message : String(e)
    }
  }
  if (o.json) {
    o.out(JSON.stringify(status, null, 2))
    return 0
  }
  if (!settings) {
    o.out('Not synced: `morgue sync --remote URL` connects this archive to the desk’s database.')
    return 0
  }
  o.out(`Remote:     ${status.remote as string}${settings.live ? ' (live)' : ''}`)
  o.out(
    `Server:     ${status.server as string}${status.reason ? ` — ${status.reason as string}` : ''}`,
  )
  const last = state.data.lastSync
  o.out(`Last sync:  ${last ? `${last.at} (${last.pulled} in, ${last.pushed} out)` : 'never'}`)
  o.out(`Waiting:    ${waiting} change${waiting === 1 ? '' : 's'} not yet on the server`)
  o.out(
    `Conflicts:  ${status.conflicts as number}${(status.conflicts as number) ? ' (morgue conflicts)' : ''}`,
  )
  o.out(
    `Originals:  ${settings.downloadOriginals ? 'downloaded with the items' : 'fetched when first viewed'}`,
  )
  return 0
}

function formatReport(r: SyncReport, url: string): string {
  const lines = [
    `Synced with ${url}: ${r.pulled} in, ${r.pushed} out, ${r.deleted} deleted, ${r.blobs} file${r.blobs === 1 ? '' : 's'}.`,
  ]
  if (r.conflicts)
    lines.push(`${r.conflicts} new conflict${r.conflicts === 1 ? '' : 's'}: see morgue conflicts.`)
  for (const bad of r.rejected) lines.push(`Left out (does not validate): ${bad.reason}`)
  return lines.join('\n')
}

/** `morgue conflicts [--json]`, `morgue conflicts pick ID kept|other`. */
export async function conflictsCommand(
  archive: Archive,
  args: string[],
  o: Pick<SyncCliOptions, 'json' | 'out' | 'need'>,
): Promise<number> {
  const state = await SyncStateStore.open(archive.dir)
  if (args[0] === 'pick') {
    o.need(
      args.length === 3 && (args[2] === 'kept' || args[2] === 'other'),
      'give the conflict id and kept or other',
    )
    const info = await pickConflict(archive, state, args[1], args[2] as 'kept' | 'other')
    o.out(
      args[2] === 'kept'
        ? `Kept “${info.kept}” for ${info.ref}; the next sync tells the other desktops.`
        : `Now “${info.other}” for ${info.ref}; the next sync tells the other desktops.`,
    )
    return 0
  }
  o.need(args.length === 0, `unknown conflicts command “${args[0]}” (give pick, or nothing)`)
  const list = listConflicts(archive, state)
  if (o.json) o.out(JSON.stringify(list, null, 2))
  else if (list.length === 0) o.out('No conflicts.')
  else for (const c of list) o.out(formatConflict(c))
  return 0
}

function formatConflict(c: ConflictInfo): string {
  if (c.field === 'deleted')
    return `${c.id}  ${c.ref}  “${c.title}”: ${c.other}; the edit was kept (pick other to delete it)`
  return `${c.id}  ${c.ref}  “${c.title}” ${c.field}\n    kept:  ${c.kept}\n    other: ${c.other}`
}
