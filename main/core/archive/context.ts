import type { ArchiveChange } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { Importer } from '../importers/importer'
import type { ImportRunner } from '../importers/workerImportRunner'
import { newItemId } from '../ids'
import type { ArchiveItem, ItemId } from '../model'
import { createPhotoDesk } from '../photos/photoDesk'
import type { TagOnlyItem } from '../search/retagSegment'
import type { SearchEngine } from '../search/types'
import { SimilarIndex } from '../similar/similarIndex'
import type { ItemStore, TagEdit } from '../storage/itemStore'
import { StoryUrlIndex } from '../versions/storyUrlIndex'
import type { IndexJournal } from './indexJournal'
import { createTagTable, type TagTable } from './tagTable'

export interface ArchiveDeps {
  store: ItemStore
  search: SearchEngine
  /** Tried in order; the first that accepts an input imports it. */
  importers: readonly Importer[]
  now?: () => Date
  newId?: () => ItemId
  fetch?: typeof fetch
  /** Larger files are refused (our NDJSON export excepted); default MAX_IMPORT_BYTES. */
  maxFileBytes?: number
  /** Where files are parsed (e.g. a worker thread); default: in this thread with `importers`. */
  runImport?: ImportRunner & { close?: () => Promise<void> }
  /** Near-duplicate index (persisted by openArchive); default: one in memory. */
  similar?: SimilarIndex
  /** Ids whose index update may not be durable yet (openArchive; none in memory). */
  journal?: IndexJournal
}

/**
 * What every part of the archive shares: the store, the indexes, the one write path (`save`)
 * and the change listeners. Each `archive*.ts` module is a factory taking this context.
 */
export interface ArchiveContext {
  readonly deps: ArchiveDeps
  readonly store: ItemStore
  readonly search: SearchEngine
  readonly similar: SimilarIndex
  readonly now: () => Date
  readonly newId: () => ItemId
  readonly fetch: typeof fetch
  /** Which story lives at which URL (for new versions). */
  readonly stories: StoryUrlIndex
  /** Tag identities, display forms and counts (rebuilt after item changes). */
  readonly tagTable: TagTable
  /** Photos by ref, their tags, corrections, the credit style. */
  readonly photoDesk: ReturnType<typeof createPhotoDesk>
  readonly listeners: Set<(change: ArchiveChange) => void>
  /** Tell listeners what changed (and forget the tag table after item changes). */
  emit(change: ArchiveChange): void
  /**
   * The one write path: enabled rules tag the items (unless `rules: false`, a rule run's own
   * write), then durable, then searchable, then listeners told.
   */
  save(items: ArchiveItem[], options?: { rules?: boolean }): Promise<void>
  /** `save` for items whose only change is their tags: the index skips re-analysing text. */
  saveTags(items: ArchiveItem[]): Promise<void>
  /**
   * Change item-level tags from summaries alone (rule runs, bulk tagging of whole items): the
   * store rewrites shard records only, the index copies the items' documents with new tags;
   * no body is read. Rules do not run (the caller is one).
   */
  saveTagEdits(edits: TagEdit[]): Promise<void>
  /** Install the step every save runs first (the rules: rules/ruleService.ts). */
  beforeSave(prepare: (items: ArchiveItem[]) => Promise<ArchiveItem[]>): void
  /** An item by id, or an `ArchiveError` naming the id. */
  mustGet(id: ItemId): Promise<ArchiveItem>
}

export function createArchiveContext(deps: ArchiveDeps): ArchiveContext {
  const { store, search, journal } = deps
  const similar = deps.similar ?? SimilarIndex.inMemory()
  const now = deps.now ?? (() => new Date())
  const listeners = new Set<(change: ArchiveChange) => void>()
  const stories = new StoryUrlIndex(() => store.summaries())
  const tagTable = createTagTable(store)

  function emit(change: ArchiveChange): void {
    if (change.kind !== 'settings') tagTable.invalidate()
    for (const l of listeners) l(change)
  }

  async function mustGet(id: ItemId): Promise<ArchiveItem> {
    const item = await store.get(id)
    if (!item) throw new ArchiveError(`No item with id ${id}.`)
    return item
  }

  let prepare: ((items: ArchiveItem[]) => Promise<ArchiveItem[]>) | null = null

  async function save(items: ArchiveItem[], options: { rules?: boolean } = {}): Promise<void> {
    if (items.length === 0) return
    if (prepare && options.rules !== false) items = await prepare(items)
    const ids = items.map((i) => i.id)
    await journal?.add(ids)
    await store.put(items)
    stories.saved(items)
    await search.upsert(items)
    journal?.settle(ids)
    await similar.upsert(items)
    emit({ kind: 'items', ids: items.map((i) => i.id) })
  }

  async function saveTags(items: ArchiveItem[]): Promise<void> {
    if (items.length === 0) return
    const ids = items.map((i) => i.id)
    await journal?.add(ids)
    await store.put(items)
    await search.retag(items)
    journal?.settle(ids)
    emit({ kind: 'items', ids: items.map((i) => i.id) })
  }

  async function saveTagEdits(edits: TagEdit[]): Promise<void> {
    if (edits.length === 0) return
    const ids = edits.map((e) => e.id)
    await journal?.add(ids)
    await store.putTags(edits)
    const indexed: TagOnlyItem[] = []
    for (const e of edits) {
      const kind = store.summary(e.id)?.kind
      if (kind) indexed.push({ kind, id: e.id, tags: e.tags })
    }
    // An item the index cannot retag from its tags alone is indexed whole.
    const rest = await search.retagOnly(indexed)
    if (rest.length) await search.upsert(await store.getMany(rest))
    journal?.settle(ids)
    emit({ kind: 'items', ids: edits.map((e) => e.id) })
  }

  return {
    deps,
    store,
    search,
    similar,
    now,
    newId: deps.newId ?? newItemId,
    fetch: deps.fetch ?? globalThis.fetch,
    stories,
    tagTable,
    photoDesk: createPhotoDesk({ store, save, emit, now }),
    listeners,
    emit,
    save,
    saveTags,
    saveTagEdits,
    beforeSave: (step) => {
      prepare = step
    },
    mustGet,
  }
}
