import type {
  ArchiveItem,
  ArchiveStats,
  ImportProgress,
  ImportReport,
  ItemId,
  ItemSummary,
  SavedSearch,
  TagInfo,
} from './model'
import type { SearchOptions, SearchResult } from './search/types'
import type { ArchiveMaintenance } from './integrity/maintenanceTypes'
import type { ArchiveSettings } from './storage/itemStore'

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  signal?: AbortSignal
  /** Tags added to every imported item. */
  tags?: string[]
}

export interface ListOptions {
  offset?: number
  limit?: number
  sort?: 'newest' | 'oldest' | 'title'
  /** Only items carrying this tag (by tag identity). */
  tag?: string
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
export interface Archive extends ArchiveMaintenance {
  readonly dir: string

  // items
  get(id: ItemId): Promise<ArchiveItem | undefined>
  list(options?: ListOptions): { total: number; items: ItemSummary[] }
  /** Delete items; returns them so `restore` can undo. */
  delete(ids: readonly ItemId[]): Promise<ArchiveItem[]>
  /** Put deleted items back exactly as they were (undo). */
  restore(items: readonly ArchiveItem[]): Promise<void>
  setNotes(id: ItemId, notes: string): Promise<ArchiveItem>

  // import
  /** Import files and folders (recursively). Per-file failures are reported, never thrown. */
  importPaths(paths: readonly string[], options?: ImportOptions): Promise<ImportReport>
  /** Import pasted text (plain text or Markdown) under a label. */
  importText(text: string, label?: string, options?: ImportOptions): Promise<ImportReport>
  /** Import a web page by URL (needs network). */
  importUrl(url: string, options?: ImportOptions): Promise<ImportReport>

  // tags
  tags(): TagInfo[]
  /** Add tags to items (display case of an existing tag wins). */
  addTags(ids: readonly ItemId[], tags: readonly string[]): Promise<void>
  removeTags(ids: readonly ItemId[], tags: readonly string[]): Promise<void>
  /** Replace an item's tags. */
  setTags(id: ItemId, tags: readonly string[]): Promise<ArchiveItem>
  renameTag(from: string, to: string): Promise<void>
  /** Merge `sources` into `target` (created if needed). */
  mergeTags(sources: readonly string[], target: string): Promise<void>
  /** Remove a tag from every item; returns the ids that had it (for undo). */
  deleteTag(tag: string): Promise<ItemId[]>
  setTagColor(tag: string, color: string | null): Promise<void>

  // search
  search(query: string, options?: SearchOptions): Promise<SearchResult>
  savedSearches(): SavedSearch[]
  saveSearch(search: SavedSearch): Promise<void>
  deleteSavedSearch(name: string): Promise<void>
  aliases(): string[][]
  setAliases(groups: string[][]): Promise<void>

  /** Every setting (a copy): saved searches, aliases, tag colours and any other key. */
  settings(): ArchiveSettings

  // files
  readBlob(sha256: string): Promise<Buffer>
  blobPath(sha256: string): string

  stats(): Promise<ArchiveStats>
  onChange(listener: (change: ArchiveChange) => void): () => void
  close(): Promise<void>
}
