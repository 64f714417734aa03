import type { ArchiveItem, ItemId, ItemSummary } from '../model'
import { storyUrlKey } from './storyUrlKey'

/**
 * Which story lives at which URL (normalised by `storyUrlKey`), so a new capture of an archived
 * page finds its story. Built from the summaries on first use, then kept in step with writes.
 */
export class StoryUrlIndex {
  private byUrl: Map<string, ItemId> | null = null

  constructor(private readonly summaries: () => Iterable<ItemSummary>) {}

  find(key: string): ItemId | undefined {
    return this.table().get(key)
  }

  /** Items just written. */
  saved(items: readonly ArchiveItem[]): void {
    if (!this.byUrl) return
    for (const item of items) this.pending(item)
  }

  /** An item written later in a bulk import, already a story for the captures after it. */
  pending(item: ArchiveItem): void {
    if (item.kind !== 'article') return
    const key = storyUrlKey(item.canonicalUrl ?? item.url)
    if (key && !this.table().has(key)) this.table().set(key, item.id)
  }

  deleted(items: readonly ArchiveItem[]): void {
    if (!this.byUrl) return
    const gone = new Set(items.map((i) => i.id))
    for (const [key, id] of this.byUrl) if (gone.has(id)) this.byUrl.delete(key)
  }

  private table(): Map<string, ItemId> {
    if (!this.byUrl) {
      this.byUrl = new Map()
      for (const s of this.summaries())
        if (s.url && !this.byUrl.has(s.url)) this.byUrl.set(s.url, s.id)
    }
    return this.byUrl
  }
}
