import type { Archive } from '../archiveApi'
import { createFeedService } from '../feeds/feedSubscriptions'
import type { ArchiveContext } from './context'
import type { Ingest } from './ingest'

export type FeedMethods = Pick<
  Archive,
  | 'feeds'
  | 'subscribe'
  | 'unsubscribe'
  | 'refreshFeeds'
  | 'markRead'
  | 'importOpml'
  | 'exportOpml'
  | 'feedRefreshMinutes'
  | 'setFeedRefreshMinutes'
>

export type FeedService = ReturnType<typeof createFeedService>

/** The feed subscriptions (feeds/feedSubscriptions.ts), archiving through the import path. */
export function createArchiveFeeds(
  ctx: ArchiveContext,
  imports: { importUrl: Archive['importUrl']; ingest: Ingest },
): FeedService {
  const { store, emit } = ctx
  return createFeedService({
    settings: () => store.settings(),
    updateSettings: (mutate) => store.updateSettings(mutate),
    fetch: ctx.fetch,
    putBlob: (bytes, mime, fileName) => store.putBlob(bytes, mime, fileName),
    now: ctx.now,
    importUrl: (url, signal) => imports.importUrl(url, { signal }),
    ingest: (source, drafts) => imports.ingest(source, drafts, {}),
    changed: () => emit({ kind: 'settings' }),
  })
}

export function feedMethods(feeds: FeedService): FeedMethods {
  return {
    feeds: () => feeds.list(),
    subscribe: (url, options = {}) => feeds.subscribe(url, options.signal),
    unsubscribe: (ref) => feeds.unsubscribe(ref),
    refreshFeeds: (ref, options) => feeds.refresh(ref, options),
    markRead: (ids) => feeds.markRead(ids),
    importOpml: (xml, label) => feeds.importOpml(xml, label),
    exportOpml: () => feeds.exportOpml(),
    feedRefreshMinutes: () => feeds.refreshMinutes(),
    setFeedRefreshMinutes: (minutes) => feeds.setRefreshMinutes(minutes),
  }
}
