import { createHash, randomBytes } from 'node:crypto'
import { downloadPhotoImages } from '../importers/downloadPhotoImages'
import { entryToDraft } from '../importers/feed/feedImporter'
import type { Feed, FeedEntry } from '../importers/feed/parseFeed'
import { checkHttpUrl } from '../importers/html/fetchLimited'
import { ImportError, type ImportContext } from '../importers/importer'
import type {
  FeedRefreshOutcome,
  FeedSubscription,
  ImportOutcome,
  ImportReport,
  ItemDraft,
  ItemId,
} from '../model'
import type { RefreshOptions } from '../archiveApi'
import type { ArchiveSettings } from '../storage/itemStore'
import { fetchFeed } from './fetchFeed'
import { parseOpml, toOpml } from './opml'

export interface FeedServiceDeps {
  settings(): ArchiveSettings
  updateSettings(mutate: (s: ArchiveSettings) => void): Promise<void>
  fetch: NonNullable<ImportContext['fetch']>
  putBlob: ImportContext['putBlob']
  now(): Date
  /** Archive the page an entry links to as a full article (the page extractor, images). */
  importUrl(url: string, signal?: AbortSignal): Promise<ImportReport>
  /** Archive drafts made from the feed itself, when its page cannot be had. */
  ingest(source: string, drafts: ItemDraft[]): Promise<ImportOutcome>
  /** Feeds changed (listeners refetch). */
  changed(): void
}

/** Entries remembered per feed: feeds carry the last 10–100, so this is plenty. */
const MAX_SEEN = 2000
const MINUTE = 60_000
/** After n failures in a row the next try waits 5 min × 2^(n−1), at most a day. */
const backoffMs = (failures: number) => Math.min(5 * MINUTE * 2 ** (failures - 1), 24 * 60 * MINUTE)

/**
 * Feed subscriptions: subscribe by URL (any feed type, or a page that links its feed), refresh
 * now or on a schedule with conditional requests, archive each new entry as a full article
 * through the page extractor (the feed's own text when the page cannot be had), re-capture an
 * entry the feed says changed (so an updated story becomes a new version), count unread items,
 * back off from a failing feed, and read/write OPML. State lives in the archive's settings.
 */
export function createFeedService(deps: FeedServiceDeps) {
  const all = () => deps.settings().feeds ?? []

  function find(ref: string): FeedSubscription {
    const key = ref.trim()
    const feed =
      all().find((f) => f.id === key) ??
      all().find((f) => f.url === key) ??
      all().find((f) => f.title.toLowerCase() === key.toLowerCase())
    if (!feed) throw new ImportError(`No feed “${ref}”: see the list of feeds.`)
    return feed
  }

  async function save(feed: FeedSubscription): Promise<void> {
    await deps.updateSettings((s) => {
      const feeds = s.feeds ?? []
      const i = feeds.findIndex((f) => f.id === feed.id)
      if (i >= 0) feeds[i] = feed
      else feeds.push(feed)
      s.feeds = feeds
    })
    deps.changed()
  }

  function newFeed(url: string, title?: string, siteUrl?: string): FeedSubscription {
    return {
      id: randomBytes(4).toString('hex'),
      url,
      title: title?.trim() || new URL(url).hostname,
      ...(siteUrl ? { siteUrl } : {}),
      addedAt: deps.now().toISOString(),
      failures: 0,
      seen: [],
      unread: [],
      items: [],
    }
  }

  /** Archive one entry: its page, else its own text. Returns the new item ids. */
  async function archiveEntry(
    entry: FeedEntry,
    feed: Feed,
    source: string,
    signal?: AbortSignal,
  ): Promise<ItemId[]> {
    if (entry.link && /^https?:\/\//i.test(entry.link)) {
      const report = await deps.importUrl(entry.link, signal)
      const outcome = report.outcomes[0]
      if (outcome?.status === 'imported') return outcome.ids
      if (outcome?.status === 'duplicate') return []
    }
    const draft = entryToDraft(entry, feed, source)
    if (draft.body.length === 0 && draft.photos.length === 0) return []
    await downloadPhotoImages(draft.photos, { putBlob: deps.putBlob, fetch: deps.fetch, signal })
    const outcome = await deps.ingest(entry.link ?? source, [draft])
    return outcome.status === 'imported' ? outcome.ids : []
  }

  async function refreshOne(
    start: FeedSubscription,
    options: RefreshOptions,
  ): Promise<FeedRefreshOutcome> {
    const now = deps.now()
    const base = { feed: start.id, title: start.title }
    if (!options.force && start.retryAt && Date.parse(start.retryAt) > now.getTime()) {
      return { ...base, status: 'skipped', archived: 0, reason: start.error }
    }
    const feed: FeedSubscription = { ...start, checkedAt: now.toISOString() }
    try {
      const answer = await fetchFeed(feed.url, deps.fetch, feed, options.signal)
      let archived = 0
      if (answer.status === 'ok') {
        if (answer.feed.title && feed.title === new URL(feed.url).hostname) {
          feed.title = answer.feed.title.trim()
        }
        if (answer.feed.link && !feed.siteUrl) feed.siteUrl = answer.feed.link
        feed.etag = answer.etag
        feed.lastModified = answer.lastModified
        const seen = new Map(feed.seen.map((s) => s.split('\t') as [string, string]))
        // Feeds list the newest first: archive the oldest first, so the archive's order follows.
        for (const entry of [...answer.feed.entries].reverse()) {
          if (options.signal?.aborted) break
          const key = entryKey(entry)
          const sig = entrySignature(entry)
          if (seen.get(key) === sig) continue
          const ids = await archiveEntry(entry, answer.feed, feed.url, options.signal)
          seen.delete(key)
          seen.set(key, sig)
          for (const id of ids) {
            if (!feed.items.includes(id)) feed.items = [...feed.items, id]
            if (!feed.unread.includes(id)) feed.unread = [...feed.unread, id]
          }
          archived += ids.length
        }
        feed.seen = [...seen].slice(-MAX_SEEN).map(([k, s]) => `${k}\t${s}`)
      }
      feed.okAt = now.toISOString()
      feed.failures = 0
      delete feed.error
      delete feed.retryAt
      await save(feed)
      return {
        ...base,
        title: feed.title,
        status: answer.status === 'ok' ? 'updated' : 'unchanged',
        archived,
      }
    } catch (err) {
      if (options.signal?.aborted) throw err
      const reason = err instanceof Error ? err.message : String(err)
      feed.failures = start.failures + 1
      feed.error = reason
      feed.retryAt = new Date(now.getTime() + backoffMs(feed.failures)).toISOString()
      await save(feed)
      return { ...base, status: 'failed', archived: 0, reason }
    }
  }

  function isDue(feed: FeedSubscription, now: Date): boolean {
    const minutes = deps.settings().feedRefreshMinutes ?? 0
    if (minutes <= 0) return false
    if (feed.retryAt && Date.parse(feed.retryAt) > now.getTime()) return false
    const last = feed.checkedAt ? Date.parse(feed.checkedAt) : 0
    return now.getTime() - last >= minutes * MINUTE
  }

  return {
    list: (): FeedSubscription[] => all().map((f) => ({ ...f })),

    async subscribe(url: string, signal?: AbortSignal) {
      const address = checkHttpUrl(url.trim())
      const answer = await fetchFeed(address, deps.fetch, {}, signal)
      if (answer.status !== 'ok') throw new ImportError(`${address} sent no feed.`)
      const existing = all().find((f) => f.url === answer.url || f.url === address)
      if (existing) throw new ImportError(`You already subscribe to “${existing.title}”.`)
      const feed = newFeed(answer.url, answer.feed.title, answer.feed.link)
      await save(feed)
      const [refresh] = await this.refresh(feed.id, { force: true, signal })
      return { feed: find(feed.id), refresh }
    },

    async unsubscribe(ref: string): Promise<FeedSubscription> {
      const feed = find(ref)
      await deps.updateSettings((s) => {
        s.feeds = (s.feeds ?? []).filter((f) => f.id !== feed.id)
      })
      deps.changed()
      return feed
    },

    /** Refresh one feed (by id, URL or title) or all; per feed what happened. */
    async refresh(ref?: string, options: RefreshOptions = {}): Promise<FeedRefreshOutcome[]> {
      const now = deps.now()
      const targets = ref ? [find(ref)] : all().filter((f) => !options.dueOnly || isDue(f, now))
      const out: FeedRefreshOutcome[] = []
      for (const [i, feed] of targets.entries()) {
        if (options.signal?.aborted) break
        options.onProgress?.(i, targets.length, feed.title)
        out.push(await refreshOne(find(feed.id), { ...options, force: options.force || !!ref }))
      }
      options.onProgress?.(out.length, targets.length, '')
      return out
    },

    /** Items the user opened are read in every feed. */
    async markRead(ids: readonly ItemId[]): Promise<void> {
      const gone = new Set(ids)
      if (!all().some((f) => f.unread.some((id) => gone.has(id)))) return
      await deps.updateSettings((s) => {
        for (const f of s.feeds ?? []) f.unread = f.unread.filter((id) => !gone.has(id))
      })
      deps.changed()
    },

    /** Deleted items leave the feeds' lists. */
    async forget(ids: readonly ItemId[]): Promise<void> {
      const gone = new Set(ids)
      if (!all().some((f) => f.items.some((id) => gone.has(id)))) return
      await deps.updateSettings((s) => {
        for (const f of s.feeds ?? []) {
          f.items = f.items.filter((id) => !gone.has(id))
          f.unread = f.unread.filter((id) => !gone.has(id))
        }
      })
    },

    /** Subscribe to every feed of an OPML list not yet subscribed (refreshed later). */
    async importOpml(xml: string, label?: string): Promise<{ added: number; existing: number }> {
      const listed = parseOpml(xml, label)
      const known = new Set(all().map((f) => f.url))
      const fresh: FeedSubscription[] = []
      for (const o of listed) {
        let url: string
        try {
          url = checkHttpUrl(o.url)
        } catch {
          continue
        }
        if (known.has(url)) continue
        known.add(url)
        fresh.push(newFeed(url, o.title, o.siteUrl))
      }
      if (fresh.length) {
        await deps.updateSettings((s) => {
          s.feeds = [...(s.feeds ?? []), ...fresh]
        })
        deps.changed()
      }
      return { added: fresh.length, existing: listed.length - fresh.length }
    },

    exportOpml: (): string => toOpml(all(), deps.now()),

    async setRefreshMinutes(minutes: number): Promise<void> {
      if (!Number.isInteger(minutes) || minutes < 0 || minutes > 7 * 24 * 60) {
        throw new ImportError('The refresh interval is a whole number of minutes (0 turns it off).')
      }
      await deps.updateSettings((s) => {
        s.feedRefreshMinutes = minutes
      })
      deps.changed()
    },

    refreshMinutes: (): number => deps.settings().feedRefreshMinutes ?? 0,

    /** Ids of a feed's items (newest capture last). */
    itemsOf: (ref: string): ItemId[] => [...find(ref).items],
  }
}

export type FeedService = ReturnType<typeof createFeedService>

function entryKey(e: FeedEntry): string {
  return e.link ?? `${e.title ?? ''}|${e.date ?? ''}`
}

/** What makes an entry "changed": its title, date and text as the feed shows them. */
function entrySignature(e: FeedEntry): string {
  return createHash('sha1')
    .update(`${e.title ?? ''}\n${e.date ?? ''}\n${e.summary ?? ''}\n${e.html ?? ''}`)
    .digest('hex')
    .slice(0, 12)
}
