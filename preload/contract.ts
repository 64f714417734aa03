/**
 * The one IPC contract between main, preload and renderer: the bridge's types and channel
 * names. Type imports only, so the sandboxed preload and the renderer can both include it.
 * A method added to `ArchiveApi` does not compile until `listed` (and so preload, the guards
 * and the handlers) have it too.
 */
import type { AgencyChange } from '../main/core/agencyTable'
import type { ArchiveChange, ListOptions } from '../main/core/archiveApi'
import type { AgencyEntry, UserAgency } from '../main/core/credits/agencyLookup'
import type {
  ArchiveItem,
  ArchiveStats,
  CreditStyleSetting,
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
} from '../main/core/model'
import type {
  CompletionField,
  FieldCompletion,
  SearchOptions,
  SearchResult,
} from '../main/core/search/types'
import type { SimilarResult } from '../main/core/similar/types'
import type { CreditLineSource } from '../main/core/credits/creditLine'
import type { BackupReport } from '../main/core/backup/backupTypes'
import type { RepairReport, VerifyReport } from '../main/core/integrity/verifyReport'
import type { StoreDamage } from '../main/core/storage/damage'
import type { BackupSettings } from '../main/core/storage/itemStore'
import { ruleMethodsListed, type RuleApi } from './ruleContract'
import type {
  ConflictInfo,
  SyncReport,
  SyncSettingsView,
  SyncSetup,
  SyncStatus,
} from '../main/core/sync/types'
import type { ItemSuggestions } from '../main/core/suggest/suggestionTypes'
import type { VocabularyListInfo } from '../main/core/vocabulary/vocabularyTypes'
import type { BulkTagProgress, BulkTagRequest } from '../main/core/tagTree/bulkTags'
import type { TagNode } from '../main/core/tagTree/tagTree'

export type { AgencyChange, AgencyEntry, ArchiveChange, ListOptions, UserAgency }
export type {
  ArchiveItem,
  ArchiveStats,
  CreditStyleSetting,
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
}
export type { CompletionField, FieldCompletion, SearchOptions, SearchResult, SimilarResult }
export type { CreditLineSource }
export type { BackupReport, BackupSettings, RepairReport, StoreDamage, VerifyReport }
export type * from './ruleContract'
export type { ConflictInfo, SyncReport, SyncSettingsView, SyncSetup, SyncStatus }
export type { ItemSuggestions, VocabularyListInfo }
export type { BulkTagProgress, BulkTagRequest, TagNode }

/** What `bulkTag` hands back: counts, and a token for `undoBulkTag`. */
export interface BulkTagReply {
  /** Opaque token for `undoBulkTag`; valid until the app closes. */
  undoToken: string
  /** Rows asked for (results of the query, or refs selected). */
  targets: number
  /** Items written. */
  items: number
  /** Holders (items, photos) that gained a tag / lost one. */
  added: number
  removed: number
  cancelled: boolean
}

/**
 * Every reply is an envelope: expected failures (unknown tag, import already running, bad
 * colour…) come back as `{ ok: false, reason }` with one sentence for the user. Only bugs throw.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; reason: string }

/** What `deleteItems` hands back so the renderer can offer Undo without holding the items. */
export interface DeletedItems {
  /** Opaque token for `restoreItems`; valid until the app closes. */
  undoToken: string
  count: number
}

/** What `deleteTag` hands back: how many lost the tag, and the token for `restoreTag`. */
export interface TagDeletion {
  undoToken: string
  /** Items (standalone photos included) and photos inside articles that carried it. */
  items: number
  photos: number
  /** Tags deleted: the tag and those below it (`Places/Syria` under `Places`). */
  tags: number
}

/** A page of the archive as a list (no query). */
export interface ItemPage {
  total: number
  items: ItemSummary[]
}

/** The "Save to Morgue" endpoint on 127.0.0.1, as Settings shows it. */
export interface CaptureInfo {
  endpoint: string
  port: number
  token: string
  /** A `javascript:` URL to drag to the bookmarks bar. */
  bookmarklet: string
}

/** A feed as the sidebar shows it (counts instead of the id lists). */
export type FeedView = Omit<FeedSubscription, 'seen' | 'unread' | 'items'> & {
  unread: number
  items: number
}

/** Commands the application menu sends to the window. */
export type MenuCommand = 'import-files' | 'paste' | 'find'

/** The calls the renderer can make. Arguments are validated in main (main/ipc/guards.ts). */
export interface ArchiveApi extends RuleApi {
  search(query: string, options?: SearchOptions): Promise<Reply<SearchResult>>
  /** The item's near duplicates (its cluster's other members), most similar first. */
  similar(id: ItemId): Promise<Reply<SimilarResult>>
  /** `null` when the item no longer exists. */
  get(id: ItemId): Promise<Reply<ArchiveItem | null>>
  list(options?: ListOptions): Promise<Reply<ItemPage>>
  stats(): Promise<Reply<ArchiveStats>>

  feeds(): Promise<Reply<{ feeds: FeedView[]; refreshMinutes: number }>>
  /** Subscribe to a feed (or the feed a web page links to); its entries are archived now. */
  subscribe(url: string): Promise<Reply<{ feed: FeedView; refresh: FeedRefreshOutcome }>>
  unsubscribe(feed: string): Promise<Reply<void>>
  /** Refresh one feed (id) or all of them now. */
  refreshFeeds(feed?: string): Promise<Reply<FeedRefreshOutcome[]>>
  /** The user opened these items: no longer unread in their feeds. */
  markRead(ids: ItemId[]): Promise<Reply<void>>
  /** Minutes between automatic refreshes; 0 turns them off. */
  setFeedRefreshMinutes(minutes: number): Promise<Reply<void>>
  importOpml(xml: string): Promise<Reply<{ added: number; existing: number }>>
  exportOpml(): Promise<Reply<string>>

  /** Where the browser button and bookmarklet send pages, with the pairing token. */
  captureInfo(): Promise<Reply<CaptureInfo>>
  /** A new pairing token: the old one stops working. */
  renewCaptureToken(): Promise<Reply<CaptureInfo>>

  /** The versions of a story captured again from its URL, oldest first. */
  versions(id: ItemId): Promise<Reply<VersionInfo[]>>
  /** Version `index` (1 = oldest) of a story, to show side by side. */
  readVersion(id: ItemId, index: number): Promise<Reply<VersionContent>>
  /** Word-level diff of two versions (default: the last two). */
  diffVersions(id: ItemId, from?: number, to?: number): Promise<Reply<VersionDiff>>

  tags(): Promise<Reply<TagInfo[]>>
  /** `ids` of items and refs of photos (`ARTICLE/p0`) alike, here and in removeTags/setTags. */
  addTags(ids: ItemId[], tags: string[]): Promise<Reply<void>>
  removeTags(ids: ItemId[], tags: string[]): Promise<Reply<void>>
  setTags(id: ItemId, tags: string[]): Promise<Reply<ArchiveItem>>
  renameTag(from: string, to: string): Promise<Reply<void>>
  mergeTags(sources: string[], target: string): Promise<Reply<void>>
  /** Take a tag off every item and photo (and forget its colour); `restoreTag` undoes it. */
  deleteTag(tag: string): Promise<Reply<TagDeletion>>
  /** Undo a `deleteTag`: the tag back on exactly the items and photos that had it. */
  restoreTag(undoToken: string): Promise<Reply<void>>
  setTagColor(tag: string, color: string | null): Promise<Reply<void>>
  /** Tags with a colour or once on items that no item carries now. */
  unusedTags(): Promise<Reply<UnusedTag[]>>
  /** Forget unused tags (all, or those named); returns the ones forgotten. */
  deleteUnusedTags(names?: string[]): Promise<Reply<UnusedTag[]>>
  /** Tags as a tree of paths (`Places/Syria/Raqqa`) with rolled-up counts. */
  tagTree(): Promise<Reply<TagNode[]>>
  /**
   * Add/remove tags on selected rows (`refs`) or every result of `query`, in main, in batches;
   * progress arrives as `onTagProgress`. One at a time.
   */
  bulkTag(request: BulkTagRequest): Promise<Reply<BulkTagReply>>
  /** Revert a bulk change exactly (what it added leaves, what it removed returns). */
  undoBulkTag(undoToken: string): Promise<Reply<number>>
  /** Stop the running bulk change after its current batch. */
  cancelBulkTag(): Promise<Reply<boolean>>

  /** A photo by ref (`ARTICLE/p0`, or a standalone photo's id); `null` when it is gone. */
  getPhoto(ref: string): Promise<Reply<PhotoRecord | null>>
  /** Correct a photo's caption or credit (durable, searchable at once, shown as edited). */
  editPhoto(ref: string, patch: PhotoPatch): Promise<Reply<PhotoRecord>>
  /** The house style of "Copy with credit", saved in the archive. */
  creditStyle(): Promise<Reply<CreditStyleSetting>>
  setCreditStyle(setting: CreditStyleSetting): Promise<Reply<void>>
  /** A caption with its credit in a house style (default: the saved one), for the clipboard. */
  formatCreditLine(source: CreditLineSource, setting?: CreditStyleSetting): Promise<Reply<string>>

  deleteItems(ids: ItemId[]): Promise<Reply<DeletedItems>>
  restoreItems(undoToken: string): Promise<Reply<number>>

  savedSearches(): Promise<Reply<SavedSearch[]>>
  saveSearch(search: SavedSearch): Promise<Reply<void>>
  deleteSavedSearch(name: string): Promise<Reply<void>>

  /** Values of `tag:`, `photographer:`, `agency:` or `source:` starting with `prefix`. */
  completeField(field: CompletionField, prefix: string): Promise<Reply<FieldCompletion[]>>
  /** Name-variant groups (spellings searched as one name); the starter list until edited. */
  nameVariants(): Promise<Reply<string[][]>>
  /** Replace the groups; returns them as saved (cleaned, overlapping groups merged). */
  setNameVariants(groups: string[][]): Promise<Reply<string[][]>>
  /** Read groups from CSV (one group per line) and merge them in, or replace the list. */
  importNameVariantsCsv(csv: string, mode: 'merge' | 'replace'): Promise<Reply<string[][]>>
  exportNameVariantsCsv(): Promise<Reply<string>>
  /** Suggested tags for an item (vocabulary terms found in it) and names not yet known. */
  suggest(id: ItemId): Promise<Reply<ItemSuggestions>>
  /** Do not suggest `tag` for this item again (remembered in the archive). */
  rejectSuggestion(id: ItemId, tag: string): Promise<Reply<void>>
  unrejectSuggestion(id: ItemId, tag: string): Promise<Reply<void>>
  /** The imported keyword lists. */
  vocabularyLists(): Promise<Reply<VocabularyListInfo[]>>
  /** Import a keyword list: its file name and bytes (base64); SKOS labels in `lang`. */
  importVocabulary(
    fileName: string,
    base64: string,
    lang?: string,
  ): Promise<Reply<VocabularyListInfo>>
  removeVocabulary(id: string): Promise<Reply<VocabularyListInfo>>
  /** The credit parser's agency table (built in + the user's own). */
  listAgencies(): Promise<Reply<AgencyEntry[]>>
  /** "Always read «X» as an agency": saved in the archive, credits read again. */
  addAgency(entry: UserAgency): Promise<Reply<AgencyChange>>
  removeAgency(name: string): Promise<Reply<AgencyChange>>

  /** Main shows the file picker; the renderer never names a path here. */
  importFiles(): Promise<Reply<ImportReport | null>>
  /** Files and folders dropped on the window (paths from preload's `pathForFile`), checked in main. */
  importPaths(paths: string[]): Promise<Reply<ImportReport>>
  importText(text: string, label?: string): Promise<Reply<ImportReport>>
  importUrl(url: string): Promise<Reply<ImportReport>>
  /** Try again to archive the images items lack (all items, or these); runs like an import. */
  fetchMissingImages(ids?: ItemId[]): Promise<Reply<MissingImagesReport>>
  /** Stop the running import after the current file; its report says `cancelled`. */
  cancelImport(): Promise<Reply<boolean>>

  /** Open an http(s) link in the system browser. */
  openExternal(url: string): Promise<Reply<void>>

  /** Damage found when the archive was opened (empty when all is well). */
  archiveDamage(): Promise<Reply<StoreDamage[]>>
  /** Check archive: every shard, summary, file hash, the settings and the index. */
  checkArchive(): Promise<Reply<VerifyReport>>
  /** Quarantine damaged files, restore from the newest good backup, rebuild the index. */
  repairArchive(): Promise<Reply<RepairReport>>
  /** Back up now into the backup folder of the settings. */
  backupNow(): Promise<Reply<BackupReport>>
  backupSettings(): Promise<Reply<BackupSettings | null>>
  /** `null` switches automatic backups off. */
  setBackupSettings(settings: BackupSettings | null): Promise<Reply<void>>

  /** Settings ▸ Sync: the desk's CouchDB server (never the password itself). */
  syncSettings(): Promise<Reply<SyncSettingsView | null>>
  /** Save the server, database, user, password and mode; syncing starts (live) or waits. */
  setSyncSettings(setup: SyncSetup): Promise<Reply<SyncStatus>>
  /** Stop syncing and forget the server; the archive keeps everything. */
  disconnectSync(): Promise<Reply<void>>
  syncStatus(): Promise<Reply<SyncStatus>>
  syncNow(): Promise<Reply<SyncReport>>
  pauseSync(paused: boolean): Promise<Reply<SyncStatus>>
  /** Edits made on two desktops at once that sync kept aside. */
  syncConflicts(): Promise<Reply<ConflictInfo[]>>
  /** Keep what is shown, or put the other side's value in; returns the conflicts left. */
  pickSyncConflict(id: string, side: 'kept' | 'other'): Promise<Reply<ConflictInfo[]>>
}

/** Events from main, each subscription handing back its removal. */
export interface ArchiveEvents {
  onChanged(listener: (change: ArchiveChange) => void): () => void
  onImportProgress(listener: (progress: ImportProgress) => void): () => void
  onTagProgress(listener: (progress: BulkTagProgress) => void): () => void
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  onSyncStatus(listener: (status: SyncStatus) => void): () => void
}

/** What preload exposes as `window.archive` (and what the browser transport implements). */
export type ArchiveBridge = ArchiveApi &
  ArchiveEvents & {
    /** The file-system path of a dropped file; empty where there is none (browser). */
    pathForFile(file: File): string
    /** Which transport carries the bridge: media URLs differ. */
    readonly transport: 'ipc' | 'http'
  }

/** The event payloads by name, shared by IPC and SSE. */
export interface EventPayloads {
  changed: ArchiveChange
  importProgress: ImportProgress
  tagProgress: BulkTagProgress
  menuCommand: MenuCommand
  syncStatus: SyncStatus
}
export type EventName = keyof EventPayloads

// A Record, not an array: a new ArchiveApi method won't compile until it is listed here too.
const listed: Record<keyof ArchiveApi, true> = {
  ...ruleMethodsListed,
  search: true,
  similar: true,
  get: true,
  list: true,
  stats: true,
  feeds: true,
  subscribe: true,
  unsubscribe: true,
  refreshFeeds: true,
  markRead: true,
  setFeedRefreshMinutes: true,
  importOpml: true,
  exportOpml: true,
  captureInfo: true,
  renewCaptureToken: true,
  versions: true,
  readVersion: true,
  diffVersions: true,
  tags: true,
  addTags: true,
  removeTags: true,
  setTags: true,
  renameTag: true,
  mergeTags: true,
  deleteTag: true,
  restoreTag: true,
  setTagColor: true,
  unusedTags: true,
  deleteUnusedTags: true,
  tagTree: true,
  bulkTag: true,
  undoBulkTag: true,
  cancelBulkTag: true,
  getPhoto: true,
  editPhoto: true,
  creditStyle: true,
  setCreditStyle: true,
  formatCreditLine: true,
  deleteItems: true,
  restoreItems: true,
  savedSearches: true,
  saveSearch: true,
  deleteSavedSearch: true,
  completeField: true,
  nameVariants: true,
  setNameVariants: true,
  importNameVariantsCsv: true,
  exportNameVariantsCsv: true,
  suggest: true,
  rejectSuggestion: true,
  unrejectSuggestion: true,
  vocabularyLists: true,
  importVocabulary: true,
  removeVocabulary: true,
  listAgencies: true,
  addAgency: true,
  removeAgency: true,
  importFiles: true,
  importPaths: true,
  importText: true,
  importUrl: true,
  fetchMissingImages: true,
  cancelImport: true,
  openExternal: true,
  archiveDamage: true,
  checkArchive: true,
  repairArchive: true,
  backupNow: true,
  backupSettings: true,
  setBackupSettings: true,
  syncSettings: true,
  setSyncSettings: true,
  disconnectSync: true,
  syncStatus: true,
  syncNow: true,
  pauseSync: true,
  syncConflicts: true,
  pickSyncConflict: true,
}
const listedEvents: Record<EventName, true> = {
  changed: true,
  importProgress: true,
  tagProgress: true,
  menuCommand: true,
  syncStatus: true,
}

/** Every method of the bridge, in a stable order. */
export const methods = Object.keys(listed) as (keyof ArchiveApi)[]
/** Every event name. */
export const events = Object.keys(listedEvents) as EventName[]

/** The IPC channel of a method or an event. */
export const channel = (name: keyof ArchiveApi | EventName) => `archive:${name}` as const

/** The URL scheme of archived media in the desktop app: `morgue-media://blob/<sha256>`. */
export const MEDIA_SCHEME = 'morgue-media'
