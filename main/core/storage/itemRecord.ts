import { createHash } from 'node:crypto'
import type { ArchiveItem, ItemSummary } from '../model'
import { storyUrlKey } from '../versions/storyUrlKey'

/** The item fields that live in the summary (and so in the shard); all others are content. */
type SummaryField =
  | 'id'
  | 'kind'
  | 'title'
  | 'tags'
  | 'archivedAt'
  | 'publishedAt'
  | 'source'
  | 'ruleTags'
  | 'declinedRuleTags'

/**
 * The part of an item stored as one content-addressed JSON blob: body, photos, and every field
 * that no summary needs (url, byline, notes, origin…). Keeping these out of the shards makes
 * opening 100k items cheap: the shards hold ~400 bytes per item, parsed straight into summaries.
 */
export type ItemContent = DistributiveOmit<ArchiveItem, SummaryField | 'contentHash'>
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/**
 * One item as stored in a shard file. `summary` is handed out as is (frozen), so opening the
 * archive allocates nothing per item beyond what `JSON.parse` makes.
 */
export interface ItemRecord {
  summary: ItemSummary
  /** The item's `contentHash` (duplicate detection), not the blob's. */
  contentHash: string
  /** sha256 of the content blob. */
  content: string
}

/** An item split for storage: its record and the bytes of its content blob. */
export interface SplitItem {
  record: ItemRecord
  contentBytes: Buffer
}

/**
 * Split an item into its shard record (frozen; shares nothing with `item`) and content blob.
 * A tag edit changes only the record: the content blob, and so its sha256, stay the same.
 */
export function splitItem(item: ArchiveItem): SplitItem {
  const {
    id,
    kind,
    title,
    tags,
    archivedAt,
    publishedAt,
    source,
    contentHash,
    ruleTags,
    declinedRuleTags,
    ...content
  } = item
  const first = item.kind === 'article' ? item.photos[0] : item.photo
  const summary: ItemSummary = {
    id,
    kind,
    title,
    archivedAt,
    tags: [...tags],
    photoCount: item.kind === 'article' ? item.photos.length : 1,
  }
  if (source !== undefined) summary.source = source
  if (publishedAt !== undefined) summary.publishedAt = publishedAt
  if (first?.thumbnail) summary.thumbnail = { ...first.thumbnail }
  // Rule provenance lives in the summary: a rule run decides from summaries alone.
  if (ruleTags && Object.keys(ruleTags).length > 0) summary.ruleTags = { ...ruleTags }
  if (declinedRuleTags?.length) summary.declinedRuleTags = [...declinedRuleTags]
  const photoTags = item.kind === 'article' ? item.photos.flatMap((p) => p.tags ?? []) : []
  if (photoTags.length > 0) summary.photoTags = photoTags
  if (item.kind === 'article') {
    const url = storyUrlKey(item.canonicalUrl ?? item.url)
    if (url) summary.url = url
    if (item.versions?.length) summary.versionCount = item.versions.length + 1
  }
  const contentBytes = Buffer.from(JSON.stringify(content))
  const record: ItemRecord = {
    summary: freezeSummary(summary),
    contentHash,
    content: sha256Hex(contentBytes),
  }
  return { record, contentBytes }
}

/** The full item from its record and freshly parsed content; shares nothing with the record. */
export function joinItem(record: ItemRecord, content: ItemContent): ArchiveItem {
  const { summary } = record
  const item = {
    id: summary.id,
    kind: summary.kind,
    title: summary.title,
    tags: [...summary.tags],
    archivedAt: summary.archivedAt,
    contentHash: record.contentHash,
  } as Partial<ArchiveItem>
  if (summary.publishedAt !== undefined) item.publishedAt = summary.publishedAt
  if (summary.source !== undefined) item.source = summary.source
  if (summary.ruleTags) item.ruleTags = { ...summary.ruleTags }
  if (summary.declinedRuleTags) item.declinedRuleTags = [...summary.declinedRuleTags]
  return Object.assign(item, content) as ArchiveItem
}

/**
 * Freeze a summary in place (with its tag list and thumbnail): summaries are shared with every
 * caller of `summaries()`, and a caller's change would otherwise reach the next shard write.
 */
export function freezeSummary(summary: ItemSummary): ItemSummary {
  Object.freeze(summary.tags)
  if (summary.photoTags) Object.freeze(summary.photoTags)
  if (summary.thumbnail) Object.freeze(summary.thumbnail)
  if (summary.ruleTags) Object.freeze(summary.ruleTags)
  if (summary.declinedRuleTags) Object.freeze(summary.declinedRuleTags)
  return Object.freeze(summary)
}

/**
 * Why a parsed shard entry is not a valid record, or undefined if it is. Cheap checks only
 * (they run on 100k records at open): the shape and the fields the indexes use.
 */
export function recordProblem(id: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `item ${id} is not an object`
  const record = value as Partial<ItemRecord>
  const summary = record.summary as Partial<ItemSummary> | undefined
  if (typeof summary !== 'object' || summary === null) return `item ${id} has no summary`
  if (summary.id !== id) return `item ${id} is stored under a different id (${String(summary.id)})`
  if (summary.kind !== 'article' && summary.kind !== 'photo') return `item ${id} has no known kind`
  if (typeof summary.title !== 'string') return `item ${id} has no title`
  if (!Array.isArray(summary.tags)) return `item ${id} has no tag list`
  if (typeof summary.archivedAt !== 'string') return `item ${id} has no archiving date`
  if (typeof summary.photoCount !== 'number') return `item ${id} has no photo count`
  if (typeof record.contentHash !== 'string') return `item ${id} has no content hash`
  if (typeof record.content !== 'string' || record.content.length !== 64) {
    return `item ${id} has no content reference`
  }
  return undefined
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
