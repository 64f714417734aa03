import { randomBytes } from 'node:crypto'
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path'
import type { RunningCapture } from '../capture/captureServer'
import { ArchiveError } from '../core/archive'
import type { Archive, ImportOptions } from '../core/archiveApi'
import { captionWithCredit, templateProblem } from '../core/credits/creditLine'
import { ImportError } from '../core/importers/importer'
import type { ArchiveItem, FeedSubscription, ImportReport } from '../core/model'
import { nameVariantHandlers } from './nameVariantHandlers'
import { tagTidyHandlers } from './tagTidyHandlers'
import { ruleHandlers } from './ruleHandlers'
import { syncHandlers } from './syncHandlers'
import type { SyncController } from '../core/sync/syncController'
import { suggestionHandlers } from './suggestionHandlers'
import { tagTreeHandlers } from './tagTreeHandlers'
import type { ArchiveApi, EventName, EventPayloads, FeedView, Reply } from '../../preload/contract'

/** What the handlers need from their host (Electron window or loopback transport). */
export interface HandlerHost {
  /** Deliver an event to the UI. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Show a file picker; `null` when the user cancels. Absent where there is no native dialog. */
  pickFiles?: () => Promise<string[] | null>
  /** Open a checked http(s) URL in the system browser. Absent where the UI opens links itself. */
  openExternal?: (url: string) => Promise<void>
  /** The "Save to Morgue" endpoint, when it runs (see main/capture). */
  capture?: RunningCapture | null
  /** Team sync with the desk's CouchDB (see main/core/sync). */
  sync?: SyncController | null
}

/** Error names whose message is meant for the user: these become `{ ok: false, reason }`. */
const EXPECTED = new Set([
  'ArchiveError',
  'ImportError',
  'ArchiveLockedError',
  'BlobNotFoundError',
  'StoreClosedError',
  'NameVariantError',
  'DamagedBlobError',
  'DamagedContentError',
  'CorruptArchiveError',
  'DamagedArchiveError',
  'BackupError',
  'ReadOnlyArchiveError',
  'SyncError',
])

/** Undo tokens are kept for the session, but not without bound. */
const MAX_UNDO = 50

const ok = <T>(value: T): Reply<T> => ({ ok: true, value })
const fail = <T>(reason: string): Reply<T> => ({ ok: false, reason })

/** Run a call, turning expected failures into envelopes; bugs still throw. */
async function reply<T>(run: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return ok(await run())
  } catch (err) {
    if (err instanceof ArchiveError || err instanceof ImportError) return fail(err.message)
    if (err instanceof Error && EXPECTED.has(err.name)) return fail(err.message)
    throw err
  }
}

/**
 * Check paths dropped on the window before importing them: absolute, no `..` tricks, no NUL,
 * and not inside the archive itself (re-importing our own blobs makes no sense and would let
 * a crafted drop read index files). Returns the reason a path is refused, or null.
 */
export function refuseDroppedPath(path: string, archiveDir: string): string | null {
  if (path.includes('\0')) return 'The path contains a NUL character.'
  if (!isAbsolute(path)) return `${path} is not an absolute path.`
  if (normalize(path) !== path) return `${path} is not a plain path.`
  const rel = relative(resolve(archiveDir), path)
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)
  if (!outside) return `${path} is inside the archive folder.`
  return null
}

/**
 * The bridge's implementation over an `Archive`: plain Node, no Electron, so the IPC layer and
 * the loopback HTTP transport call exactly the same code. Arguments are assumed already
 * checked by `guards`. Holds the session's undo buffer and the one running import.
 */
export function createHandlers(archive: Archive, host: HandlerHost): ArchiveApi {
  const trash = new Map<string, ArchiveItem[]>()
  let running: AbortController | null = null

  /** One import at a time: its progress goes to the UI, Cancel aborts it. */
  async function runImport<T = ImportReport>(
    start: (options: ImportOptions) => Promise<T>,
  ): Promise<T> {
    if (running) throw new ArchiveError('An import is already running; wait or cancel it first.')
    const controller = new AbortController()
    running = controller
    try {
      return await start({
        signal: controller.signal,
        onProgress: (p) => host.emit('importProgress', p),
      })
    } finally {
      running = null
    }
  }

  const api: ArchiveApi = {
    search: (query, options) => reply(() => archive.search(query, options)),
    similar: (id) => reply(() => archive.similar(id)),
    get: (id) => reply(async () => (await archive.get(id)) ?? null),
    list: (options) => reply(() => archive.list(options)),
    stats: () => reply(() => archive.stats()),

    feeds: () =>
      reply(() => ({
        feeds: archive.feeds().map(feedView),
        refreshMinutes: archive.feedRefreshMinutes(),
      })),
    subscribe: (url) =>
      reply(async () => {
        const { feed, refresh } = await archive.subscribe(url)
        return { feed: feedView(feed), refresh }
      }),
    unsubscribe: (feed) =>
      reply(async () => {
        await archive.unsubscribe(feed)
      }),
    refreshFeeds: (feed) => reply(() => archive.refreshFeeds(feed, { force: !!feed })),
    markRead: (ids) => reply(() => archive.markRead(ids)),
    setFeedRefreshMinutes: (minutes) => reply(() => archive.setFeedRefreshMinutes(minutes)),
    importOpml: (xml) => reply(() => archive.importOpml(xml, 'The OPML file')),
    exportOpml: () => reply(() => archive.exportOpml()),

    captureInfo: () =>
      reply(async () => {
        if (!host.capture) {
          throw new ArchiveError(
            'Saving from the browser is off: another program holds its port (47600).',
          )
        }
        return host.capture.info()
      }),
    renewCaptureToken: () =>
      reply(async () => {
        await archive.captureToken(true)
        if (!host.capture) throw new ArchiveError('Saving from the browser is off.')
        return host.capture.info()
      }),

    versions: (id) => reply(() => archive.versions(id)),
    readVersion: (id, index) => reply(() => archive.readVersion(id, index)),
    diffVersions: (id, from, to) => reply(() => archive.diffVersions(id, from, to)),

    tags: () => reply(() => archive.tags()),
    addTags: (ids, tags) => reply(() => archive.addTags(ids, tags)),
    removeTags: (ids, tags) => reply(() => archive.removeTags(ids, tags)),
    setTags: (id, tags) => reply(() => archive.setTags(id, tags)),
    renameTag: (from, to) => reply(() => archive.renameTag(from, to)),
    mergeTags: (sources, target) => reply(() => archive.mergeTags(sources, target)),
    setTagColor: (tag, color) => reply(() => archive.setTagColor(tag, color)),
    ...tagTidyHandlers(archive, reply),

    getPhoto: (ref) => reply(async () => (await archive.photo(ref)) ?? null),
    editPhoto: (ref, patch) => reply(() => archive.editPhoto(ref, patch)),
    creditStyle: () => reply(() => archive.creditStyle()),
    setCreditStyle: (setting) => reply(() => archive.setCreditStyle(setting)),
    formatCreditLine: (source, setting) =>
      reply(() => {
        const style = setting ?? archive.creditStyle()
        const problem = style.style === 'template' ? templateProblem(style.template) : null
        if (problem) throw new ArchiveError(problem)
        return captionWithCredit(source, style)
      }),

    deleteItems: (ids) =>
      reply(async () => {
        const removed = await archive.delete(ids)
        if (removed.length === 0) throw new ArchiveError('Nothing to delete: the items are gone.')
        const undoToken = randomBytes(16).toString('hex')
        trash.set(undoToken, removed)
        while (trash.size > MAX_UNDO) trash.delete(trash.keys().next().value as string)
        return { undoToken, count: removed.length }
      }),
    restoreItems: (undoToken) =>
      reply(async () => {
        const items = trash.get(undoToken)
        if (!items) throw new ArchiveError('This deletion can no longer be undone.')
        trash.delete(undoToken)
        await archive.restore(items)
        return items.length
      }),

    completeField: (field, prefix) => reply(() => archive.completeField(field, prefix)),
    ...tagTreeHandlers(archive, reply, (p) => host.emit('tagProgress', p)),
    ...nameVariantHandlers(archive, reply),
    ...ruleHandlers(archive, reply),
    ...syncHandlers(host.sync, reply),
    ...suggestionHandlers(archive, reply),

    savedSearches: () => reply(() => archive.savedSearches()),
    saveSearch: (search) => reply(() => archive.saveSearch(search)),
    deleteSavedSearch: (name) => reply(() => archive.deleteSavedSearch(name)),
    listAgencies: () => reply(() => archive.listAgencies()),
    addAgency: (entry) => reply(() => archive.addAgency(entry)),
    removeAgency: (name) => reply(() => archive.removeAgency(name)),

    importFiles: () =>
      reply(async () => {
        if (!host.pickFiles) {
          throw new ArchiveError('Choose files by dragging them onto the window here.')
        }
        if (running)
          throw new ArchiveError('An import is already running; wait or cancel it first.')
        const paths = await host.pickFiles()
        if (!paths || paths.length === 0) return null
        return runImport((o) => archive.importPaths(paths, o))
      }),
    importPaths: (paths) =>
      reply(() => {
        for (const p of paths) {
          const refused = refuseDroppedPath(p, archive.dir)
          if (refused) throw new ArchiveError(refused)
        }
        return runImport((o) => archive.importPaths(paths, o))
      }),
    importText: (text, label) =>
      reply(() => runImport((o) => archive.importText(text, label ?? 'pasted text', o))),
    importUrl: (url) => reply(() => runImport((o) => archive.importUrl(url, o))),
    fetchMissingImages: (ids) => reply(() => runImport((o) => archive.fetchMissingImages(ids, o))),
    cancelImport: () =>
      reply(() => {
        if (!running) return false
        running.abort()
        return true
      }),

    archiveDamage: () => reply(() => archive.damage()),
    checkArchive: () => reply(() => archive.verify()),
    repairArchive: () => reply(() => archive.repair()),
    backupNow: () => reply(() => archive.backup()),
    backupSettings: () => reply(() => archive.backupSettings()),
    setBackupSettings: (settings) =>
      reply(() => {
        if (settings) {
          const refused = refuseDroppedPath(settings.folder, archive.dir)
          if (refused) throw new ArchiveError(`Choose another backup folder: ${refused}`)
        }
        return archive.setBackupSettings(settings)
      }),

    openExternal: (url) =>
      reply(async () => {
        if (!host.openExternal) throw new ArchiveError('Links open in this browser here.')
        await host.openExternal(url)
      }),
  }
  return api
}

function feedView({ seen: _seen, unread, items, ...feed }: FeedSubscription): FeedView {
  return { ...feed, unread: unread.length, items: items.length }
}

/**
 * Forward the archive's change notifications to the UI. Returns the unsubscribe function.
 */
export function forwardChanges(archive: Archive, host: Pick<HandlerHost, 'emit'>): () => void {
  return archive.onChange((change) => host.emit('changed', change))
}
