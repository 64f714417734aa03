import type { UserAgency } from '../credits/agencyLookup'
import type {
  ArchiveItem,
  BlobRef,
  CreditStyleSetting,
  FeedSubscription,
  ItemId,
  ItemSummary,
  SavedSearch,
} from '../model'
import type { StoreDamage } from './damage'
import type { VocabularyList } from '../vocabulary/vocabularyTypes'

/** Settings kept in the archive beside the items (small, lowdb). */
export interface ArchiveSettings {
  /** Tag key (see `tagKey`) → colour. */
  tagColors: Record<string, string>
  savedSearches: SavedSearch[]
  /** Name-variant groups for search, e.g. [['Souleiman', 'Sulaiman', 'Suleiman']]. */
  aliases: string[][]
  /** Set once the user edits the groups; until then the starter list is in force. */
  aliasesEdited?: boolean
  /** The house style of "Copy with credit" and the CSV's credit line (default: plain). */
  creditStyle?: CreditStyleSetting
  /** Agencies the user taught the credit parser (`morgue agency add`); absent in older archives. */
  agencies?: UserAgency[]
  /** Feeds the user subscribed to, with what each refresh needs (see feeds/). */
  feeds?: FeedSubscription[]
  /** Minutes between automatic refreshes of the feeds; absent or 0: only when asked. */
  feedRefreshMinutes?: number
  /** The pairing token the browser button and bookmarklet send with a capture. */
  captureToken?: string
  /** Automatic backups (off when absent). */
  backup?: BackupSettings
  /** Tags taken off their last item, offered as "Unused tags" until used again or deleted. */
  emptiedTags?: string[]
  /** Imported keyword lists (see vocabulary/): terms the reader suggests as tags. */
  vocabularies?: VocabularyList[]
  /** Suggestions the user rejected: item id or photo ref → tag keys (see suggest/). */
  rejectedSuggestions?: Record<string, string[]>
}

/** Where and how often the app backs the archive up, and how many backups it keeps. */
export interface BackupSettings {
  /** Absolute path of the backup folder (best on another disk). */
  folder: string
  /** Hours between automatic backups; 0 = only when asked. */
  intervalHours: number
  /** Snapshots kept; older ones are removed after a backup. */
  keep: number
}

/** New item-level tags of one item (and where rule-added tags came from), for `putTags`. */
export interface TagEdit {
  id: ItemId
  tags: readonly string[]
  ruleTags?: Readonly<Record<string, string>>
  declinedRuleTags?: readonly string[]
}

/**
 * Durable storage of items, blobs and settings in one archive folder.
 *
 * Contract: every write method resolves only once the change is on disk (written to a temp
 * file, fsynced, renamed); a crash right after it resolves loses nothing. Exactly one process
 * may hold a store open for writing: `openItemStore` throws `ArchiveLockedError` otherwise.
 * Summaries of all items are held in memory; full items (body, photos) are read on demand.
 */
export interface ItemStore {
  readonly dir: string
  /** Number of items. */
  readonly size: number
  /** Full item (body included), or undefined. */
  get(id: ItemId): Promise<ArchiveItem | undefined>
  /** Several full items in the order asked; missing ids are skipped. */
  getMany(ids: readonly ItemId[]): Promise<ArchiveItem[]>
  summary(id: ItemId): ItemSummary | undefined
  /** All summaries (no particular order). */
  summaries(): IterableIterator<ItemSummary>
  /** All full items, streamed (for index rebuilds and export). */
  all(): AsyncIterableIterator<ArchiveItem>
  /** The id of the item with this content hash, if any (duplicate detection). */
  idByHash(contentHash: string): ItemId | undefined
  /** Insert or replace whole items; durable on return. */
  put(items: readonly ArchiveItem[]): Promise<void>
  /**
   * Change only the tags (and rule provenance) of items, from their summaries: no content is
   * read or written, so tagging thousands of items costs their shard rewrites alone. Unknown ids
   * are skipped. Durable on return.
   */
  putTags(edits: readonly TagEdit[]): Promise<void>
  /** Remove items; returns the removed items (for undo). Durable on return. */
  delete(ids: readonly ItemId[]): Promise<ArchiveItem[]>
  /**
   * Store bytes content-addressed (idempotent); durable on return. `sha256`: the bytes' hash
   * when the caller already computed it (an import worker does, off the main thread); the bytes
   * are then written as given, so the caller must not change them until this resolves.
   */
  putBlob(bytes: Uint8Array, mime: string, fileName?: string, sha256?: string): Promise<BlobRef>
  readBlob(sha256: string): Promise<Buffer>
  /** Absolute path of a blob inside the archive (for the media protocol). */
  blobPath(sha256: string): string
  settings(): ArchiveSettings
  updateSettings(change: (s: ArchiveSettings) => void): Promise<void>
  /**
   * Remove blobs that no item references (left by deletes and edits) and that are older than
   * `graceMs` (default one hour, so an import's images put just before their items are kept).
   * Reads every item's content: minutes at 100k; run it as explicit maintenance.
   */
  compact?(options?: { graceMs?: number }): Promise<CompactReport>
  /** Damage found at open (damaged or missing shards, a lost settings file); empty if none. */
  damage?(): StoreDamage[]
  /**
   * Run `task` with writes paused, for a consistent backup or a repair; `reload` rereads the
   * archive folder from disk into memory (after a repair has put files back).
   */
  maintain?<T>(task: (reload: () => Promise<void>) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** What `compact` removed. */
export interface CompactReport {
  removedBlobs: number
  removedBytes: number
  keptBlobs: number
}

export class ArchiveLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid?: number,
  ) {
    super(
      `The archive at ${dir} is open in another Morgue process${holderPid ? ` (pid ${holderPid})` : ''}; close it first.`,
    )
    this.name = 'ArchiveLockedError'
  }
}
