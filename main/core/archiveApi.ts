import type {
  ArchiveItem,
  ArchiveStats,
  BlobRef,
  CreditStyleSetting,
  DeletedTag,
  ImportProgress,
  ImportReport,
  ItemId,
  ItemSummary,
  MissingImagesReport,
  PhotoPatch,
  PhotoRecord,
  SavedSearch,
  TagInfo,
  UnusedTag,
  VersionContent,
  VersionDiff,
  VersionInfo,
  FeedRefreshOutcome,
  FeedSubscription,
  PageCapture,
} from './model'
import type { AgencyChange } from './agencyTable'
import type { AgencyEntry, UserAgency } from './credits/agencyLookup'
import type { CompletionField, FieldCompletion, SearchOptions, SearchResult } from './search/types'
import type { SimilarResult } from './similar/types'
import type { ArchiveMaintenance } from './integrity/maintenanceTypes'
import type { ArchiveSettings } from './storage/itemStore'
import type { RuleMethods } from './rules/types'
import type { ArchiveSuggestions } from './suggest/suggestionTypes'
import type { BulkTagOptions, BulkTagRequest, BulkTagResult, TagChange } from './tagTree/bulkTags'
import type { TagNode } from './tagTree/tagTree'

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  signal?: AbortSignal
  /** Tags added to every imported item. */
  tags?: string[]
}

export interface RefreshOptions {
  /** Refresh even a feed that is backing off after failures. */
  force?: boolean
  /** Only feeds whose interval has passed (the scheduler). */
  dueOnly?: boolean
  signal?: AbortSignal
  onProgress?: (done: number, total: number, current: string) => void
}

export interface ListOptions {
  offset?: number
  limit?: number
  sort?: 'newest' | 'oldest' | 'title'
  /** Only items carrying this tag (by tag identity). */
  tag?: string
  /** Only items archived from this feed (id, URL or title). */
  feed?: string
}

/** What changed, for listeners (the UI refetches). */
export interface ArchiveChange {
  kind: 'items' | 'tags' | 'settings'
  ids?: ItemId[]
}

/**
 * The archive: the one core API the CLI, the IPC handlers and the loopback transport call.
 * Runs in plain Node (no Electron, no DOM). Every mutating call is durable when it resolves.
 */
export interface Archive extends ArchiveMaintenance, ArchiveSuggestions, RuleMethods {
  readonly dir: string

  // items
  get(id: ItemId): Promise<ArchiveItem | undefined>
  list(options?: ListOptions): { total: number; items: ItemSummary[] }
  /** Delete items; returns them so `restore` can undo. */
  delete(ids: readonly ItemId[]): Promise<ArchiveItem[]>
  /** Put deleted items back exactly as they were (undo). */
  restore(items: readonly ArchiveItem[]): Promise<void>
  setNotes(id: ItemId, notes: string): Promise<ArchiveItem>

  // story versions (a story captured again from its URL with other content)
  /** Every version of a story, oldest first; the last is the one shown. */
  versions(id: ItemId): Promise<VersionInfo[]>
  /** Version `index` (1 = oldest) of a story. */
  readVersion(id: ItemId, index: number): Promise<VersionContent>
  /** Word-level diff of two versions; default: the one before `to`, and the newest. */
  diffVersions(id: ItemId, from?: number, to?: number): Promise<VersionDiff>

  // import
  /** Import files and folders (recursively). Per-file failures are reported, never thrown. */
  importPaths(paths: readonly string[], options?: ImportOptions): Promise<ImportReport>
  /** Import pasted text (plain text or Markdown) under a label. */
  importText(text: string, label?: string, options?: ImportOptions): Promise<ImportReport>
  /** Import a web page by URL (needs network). */
  importUrl(url: string, options?: ImportOptions): Promise<ImportReport>
  /**
   * Try again to keep the images items refer to but the archive lacks (all items, or `ids`);
   * progress counts images. Unknown ids are an `ArchiveError`.
   */
  fetchMissingImages(ids?: readonly ItemId[], options?: ImportOptions): Promise<MissingImagesReport>
  /** Import a page as the user's browser rendered it (the browser button, the bookmarklet). */
  importCapture(capture: PageCapture, options?: ImportOptions): Promise<ImportReport>
  /** The pairing token for browser captures (made on first use; `renew` makes a new one). */
  captureToken(renew?: boolean): Promise<string>

  // feeds (subscriptions; `ref` is a feed's id, URL or title)
  feeds(): FeedSubscription[]
  /** Subscribe to a feed (or the feed a page links to) and archive its entries now. */
  subscribe(
    url: string,
    options?: { signal?: AbortSignal },
  ): Promise<{ feed: FeedSubscription; refresh: FeedRefreshOutcome }>
  unsubscribe(ref: string): Promise<FeedSubscription>
  /** Refresh one feed or all: new entries archived as full articles, changed ones as versions. */
  refreshFeeds(ref?: string, options?: RefreshOptions): Promise<FeedRefreshOutcome[]>
  /** The user opened these items: they are no longer unread in their feeds. */
  markRead(ids: readonly ItemId[]): Promise<void>
  importOpml(xml: string, label?: string): Promise<{ added: number; existing: number }>
  exportOpml(): string
  /** Minutes between automatic refreshes; 0: only when asked. */
  feedRefreshMinutes(): number
  setFeedRefreshMinutes(minutes: number): Promise<void>

  // tags: every `ids` takes item ids and photo refs (`ARTICLE/p0`) alike
  tags(): TagInfo[]
  /** Add tags to items and photos (display case of an existing tag wins). */
  addTags(ids: readonly ItemId[], tags: readonly string[]): Promise<void>
  removeTags(ids: readonly ItemId[], tags: readonly string[]): Promise<void>
  /** Replace an item's (or with a photo ref, a photo's) tags; returns the item. */
  setTags(id: ItemId, tags: readonly string[]): Promise<ArchiveItem>
  renameTag(from: string, to: string): Promise<void>
  /** Merge `sources` into `target` (created if needed). */
  mergeTags(sources: readonly string[], target: string): Promise<void>
  /**
   * Remove a tag and every tag below it (`Places` takes `Places/Syria` along) from every item
   * and photo and forget their colours; returns the ids and refs that had any of them.
   */
  deleteTag(tag: string): Promise<ItemId[]>
  /** `deleteTag`, returning per tag deleted its holders and colour (for undo: `restoreTag`). */
  deleteTagTree(tag: string): Promise<DeletedTag[]>
  setTagColor(tag: string, color: string | null): Promise<void>
  /** Tags the archive knows (a colour, or once on items) that no item carries. */
  unusedTags(): UnusedTag[]
  /** Forget unused tags (all, or those named); returns the ones forgotten. */
  deleteUnusedTags(names?: readonly string[]): Promise<UnusedTag[]>
  /** Undo `deleteTag`: the tag back on the holders still archived, and its colour. */
  restoreTag(deleted: DeletedTag): Promise<void>
  /** Tags as a tree of paths (`Places/Syria/Raqqa`), counts rolled up (each item once). */
  tagTree(): TagNode[]
  /**
   * Add and remove tags on many items and photos (refs) or on every result row of a query, in
   * durable, searchable batches with progress; returns exactly what changed, for undo.
   */
  bulkTag(request: BulkTagRequest, options?: BulkTagOptions): Promise<BulkTagResult>
  /** Revert a bulk change exactly; returns the number of items written. */
  undoTagChange(change: TagChange, options?: BulkTagOptions): Promise<number>

  // photos, by ref: `ARTICLE/p0` inside an article, the item id for a standalone photo
  photo(ref: string): Promise<PhotoRecord | undefined>
  /** Correct a caption or credit: durable, searchable at once, wins over re-parse and re-import. */
  editPhoto(ref: string, patch: PhotoPatch): Promise<PhotoRecord>
  /** Parse every archived credit again, keeping corrections; returns how many photos changed. */
  reparseCredits(): Promise<number>
  /** The house style of "Copy with credit" and the CSV credit line. */
  creditStyle(): CreditStyleSetting
  setCreditStyle(setting: CreditStyleSetting): Promise<void>

  // search
  search(query: string, options?: SearchOptions): Promise<SearchResult>
  /** The item's near duplicates (same story from other outlets or re-published with edits). */
  similar(id: ItemId): Promise<SimilarResult>
  savedSearches(): SavedSearch[]
  saveSearch(search: SavedSearch): Promise<void>
  deleteSavedSearch(name: string): Promise<void>
  /** The name-variant groups in force (the starter list until edited). */
  aliases(): string[][]
  /** Replace the groups (cleaned: see `normalizeGroups`); saved, and applied at once. */
  setAliases(groups: string[][]): Promise<void>
  /** Values of `tag:`, `photographer:`, `agency:` or `source:` for the search box. */
  completeField(field: CompletionField, prefix: string, limit?: number): Promise<FieldCompletion[]>

  // agencies (the credit parser's table: built in plus the user's own, saved in the settings)
  listAgencies(): AgencyEntry[]
  /** Teach the parser an agency; existing photos' credits are read again. */
  addAgency(entry: UserAgency): Promise<AgencyChange>
  /** Forget an agency the user added (by name or alias); credits are read again. */
  removeAgency(name: string): Promise<AgencyChange>

  /** Every setting (a copy): saved searches, aliases, tag colours and any other key. */
  settings(): ArchiveSettings

  /**
   * Replace settings by key with values from another desktop (sync): saved, and applied at once
   * (name variants, agencies, tag colours). Keys not given are left as they are.
   */
  applySettings(values: Record<string, unknown>): Promise<void>

  // files
  /** Store a file content-addressed (sync brings files in this way); durable on return. */
  putBlob(bytes: Uint8Array, mime: string, fileName?: string): Promise<BlobRef>
  readBlob(sha256: string): Promise<Buffer>
  blobPath(sha256: string): string

  stats(): Promise<ArchiveStats>
  onChange(listener: (change: ArchiveChange) => void): () => void
  /**
   * Resolves when the work an open starts in the background (near-duplicate buckets, the
   * signing of unsigned articles) is done. For benchmarks and tests: nothing needs to wait.
   */
  idle(): Promise<void>
  close(): Promise<void>
}
