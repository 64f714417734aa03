import { join } from 'node:path'
import type { Archive, ListOptions } from '../archiveApi'
import { diskUsage } from '../diskUsage'
import type { createFeedService } from '../feeds/feedSubscriptions'
import type { ArchiveStats, ItemSummary } from '../model'
import { inSubtree, tagKey } from '../tags'
import { rememberEmptiedTags, summaryTags } from './archiveTagTidy'
import type { ArchiveContext } from './context'

export type ItemMethods = Pick<
  Archive,
  'get' | 'list' | 'delete' | 'restore' | 'setNotes' | 'readBlob' | 'blobPath' | 'stats'
>

/** Items: read, list (sorted, by tag or feed), delete and restore, notes, files, stats. */
export function createItemMethods(
  ctx: ArchiveContext,
  feeds: Pick<ReturnType<typeof createFeedService>, 'itemsOf' | 'forget'>,
): ItemMethods {
  const { store, search, similar, stories, save, emit, mustGet, tagTable } = ctx
  return {
    get: (id) => store.get(id),

    list(options: ListOptions = {}) {
      const key = options.tag ? tagKey(options.tag) : null
      let items: ItemSummary[] = options.feed
        ? feeds.itemsOf(options.feed).flatMap((id) => store.summary(id) ?? [])
        : [...store.summaries()]
      if (key) items = items.filter((s) => s.tags.some((t) => inSubtree(tagKey(t), key)))
      const sort = options.sort ?? 'newest'
      const date = (s: ItemSummary) => s.publishedAt ?? s.archivedAt
      items.sort((a, b) =>
        sort === 'title'
          ? a.title.localeCompare(b.title)
          : sort === 'oldest'
            ? date(a).localeCompare(date(b))
            : date(b).localeCompare(date(a)),
      )
      const offset = Math.max(0, options.offset ?? 0)
      const limit = Math.max(0, options.limit ?? items.length)
      return { total: items.length, items: items.slice(offset, offset + limit) }
    },

    async delete(ids) {
      const held = ids.flatMap((id) => summaryTags(store.summary(id)))
      const known = ids.filter((id) => store.summary(id) !== undefined)
      await ctx.deps.journal?.add(known)
      const removed = await store.delete(ids)
      if (removed.length === 0) return removed
      stories.deleted(removed)
      await feeds.forget(removed.map((i) => i.id))
      await search.remove(removed.map((i) => i.id))
      ctx.deps.journal?.settle(known)
      await similar.remove(removed.map((i) => i.id))
      emit({ kind: 'items', ids: removed.map((i) => i.id) })
      await rememberEmptiedTags(ctx, held)
      return removed
    },

    async restore(items) {
      await save([...items])
    },

    async setNotes(id, notes) {
      const item = { ...(await mustGet(id)), notes }
      await save([item])
      return item
    },

    readBlob: (sha256) => store.readBlob(sha256),
    blobPath: (sha256) => store.blobPath(sha256),

    async stats(): Promise<ArchiveStats> {
      let articles = 0
      let standalonePhotos = 0
      let photos = 0
      for (const s of store.summaries()) {
        if (s.kind === 'article') articles++
        else standalonePhotos++
        photos += s.photoCount
      }
      const all = await diskUsage(store.dir)
      const blobs = await diskUsage(join(store.dir, 'blobs'))
      return {
        articles,
        photos,
        standalonePhotos,
        tags: tagTable.table().size,
        blobs: blobs.files,
        bytesOnDisk: all.bytes,
      }
    },
  }
}
