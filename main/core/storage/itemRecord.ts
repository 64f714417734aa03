import { createHash } from 'node:crypto'
import type { ArchiveItem, Article, BlobRef, ItemSummary, PhotoItem } from '../model'

/** The item fields kept in a shard: everything but the large text (see {@link ItemContent}). */
export type ItemMeta = Omit<Article, 'body' | 'photos' | 'excerpt'> | Omit<PhotoItem, 'photo'>

/** The large part of an item, stored as one content-addressed JSON blob. */
export type ItemContent = Pick<Article, 'body' | 'photos' | 'excerpt'> | Pick<PhotoItem, 'photo'>

/**
 * One item as stored in a shard file: small fields, the sha256 of its content blob, and what a
 * summary needs from the content (so opening the archive never reads a blob).
 */
export interface ItemRecord {
  meta: ItemMeta
  /** sha256 of the content blob (body, photos, excerpt / the photo). */
  content: string
  photoCount: number
  thumbnail?: BlobRef
}

/** An item split for storage: its record and the bytes of its content blob. */
export interface SplitItem {
  record: ItemRecord
  contentBytes: Buffer
}

/**
 * Split an item into its shard record (a copy: shares nothing with `item`) and content blob. Notes stay in the record: they are
 * edited by hand and would otherwise leave a garbage blob per edit.
 */
export function splitItem(item: ArchiveItem): SplitItem {
  let meta: ItemMeta
  let content: ItemContent
  let photoCount: number
  let thumbnail: BlobRef | undefined
  if (item.kind === 'article') {
    const { body, photos, excerpt, ...rest } = item
    meta = structuredClone(rest)
    content = excerpt === undefined ? { body, photos } : { body, photos, excerpt }
    photoCount = photos.length
    thumbnail = photos[0]?.thumbnail
  } else {
    const { photo, ...rest } = item
    meta = structuredClone(rest)
    content = { photo }
    photoCount = 1
    thumbnail = photo.thumbnail
  }
  const contentBytes = Buffer.from(JSON.stringify(content))
  const record: ItemRecord = { meta, content: sha256Hex(contentBytes), photoCount }
  if (thumbnail) record.thumbnail = thumbnail
  return { record, contentBytes }
}

/** The full item from its record and parsed content; shares nothing with the record. */
export function joinItem(record: ItemRecord, content: ItemContent): ArchiveItem {
  return { ...structuredClone(record.meta), ...content } as ArchiveItem
}

/** The list view of a record, frozen: it is shared by every caller of `summaries()`. */
export function summaryOf(record: ItemRecord): ItemSummary {
  const { meta } = record
  const summary: ItemSummary = {
    id: meta.id,
    kind: meta.kind,
    title: meta.title,
    archivedAt: meta.archivedAt,
    tags: Object.freeze([...meta.tags]) as string[],
    photoCount: record.photoCount,
  }
  if (meta.source !== undefined) summary.source = meta.source
  if (meta.publishedAt !== undefined) summary.publishedAt = meta.publishedAt
  if (record.thumbnail) summary.thumbnail = Object.freeze({ ...record.thumbnail })
  return Object.freeze(summary)
}

/**
 * Why a parsed shard entry is not a valid record, or undefined if it is. Cheap checks only
 * (run on 100k records at open): shape and the fields the indexes use.
 */
export function recordProblem(id: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `item ${id} is not an object`
  const record = value as Partial<ItemRecord>
  const meta = record.meta as Partial<ItemMeta> | undefined
  if (typeof meta !== 'object' || meta === null) return `item ${id} has no fields`
  if (meta.id !== id) return `item ${id} is stored under a different id (${String(meta.id)})`
  if (meta.kind !== 'article' && meta.kind !== 'photo') return `item ${id} has no known kind`
  if (typeof meta.title !== 'string') return `item ${id} has no title`
  if (!Array.isArray(meta.tags)) return `item ${id} has no tag list`
  if (typeof meta.contentHash !== 'string') return `item ${id} has no content hash`
  if (typeof record.content !== 'string' || !/^[0-9a-f]{64}$/.test(record.content)) {
    return `item ${id} has no content reference`
  }
  if (typeof record.photoCount !== 'number') return `item ${id} has no photo count`
  return undefined
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
