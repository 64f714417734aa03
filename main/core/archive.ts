import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { createAgencyMethods } from './archiveAgencies'
import { reparseItemCredits } from './agencyTable'
import type { Archive, ArchiveChange, ImportOptions, ListOptions } from './archiveApi'
import { ArchiveError } from './archiveError'
import { userAgencies } from './credits/agencyLookup'
import { contentHash } from './contentHash'
import { diskUsage } from './diskUsage'
import { newItemId } from './ids'
import { collectFiles, describeFsError } from './importers/collectFiles'
import { mergeSettings, readExportSettings } from './export/exportSettings'
import { createMaintenance } from './integrity/maintenance'
import { importMorgueExportFile } from './importers/json/importMorgueExportFile'
import { prefetch } from './importers/prefetch'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  textTooLarge,
  type ImportContext,
  type ImportInput,
  type Importer,
} from './importers/importer'
import { archiveDraftImages } from './importers/offline/archiveDraftImages'
import { hasMissingImages, refetchItemImages } from './importers/offline/fetchMissingImages'
import { createImageDownloader, type ImageDownloader } from './importers/offline/imageDownloader'
import { importUrl as fetchAndImportUrl } from './importers/url'
import { importCapturedPage } from './importers/capture'
import { parseCredit } from './credits'
import { createPhotoDesk } from './photos/photoDesk'
import { changeAllTags, refsWithTag, summaryHasTag } from './photos/photoTags'
import type { ImportRunner } from './importers/workerImportRunner'
import type {
  Article,
  ArchiveItem,
  ArchiveStats,
  ImportOutcome,
  ImportReport,
  ItemDraft,
  ItemId,
  ItemSummary,
  MissingImagesReport,
  SavedSearch,
  TagInfo,
} from './model'
import { DEFAULT_ALIASES } from './search'
import { searchWithClusters } from './similar/clusterSearch'
import { similarItems } from './similar/similarItems'
import { SimilarIndex } from './similar/similarIndex'
import { groupsInForce, normalizeGroups } from './search/nameVariants'
import type { CompletionField, SearchEngine, SearchOptions, SearchResult } from './search/types'
import type { ItemStore } from './storage/itemStore'
import { inSubtree, MAX_TAG_LENGTH, normalizeTag, tagKey, tagProblem } from './tags'
import { createTagTreeMethods } from './tagTree/tagTreeMethods'
import { findTagNode } from './tagTree/tagTree'
import { createFeedService } from './feeds/feedSubscriptions'
import { StoryUrlIndex } from './versions/storyUrlIndex'
import {
  addStoryVersion,
  diffVersionContents,
  listVersions,
  readVersion,
} from './versions/storyVersions'
import { storyUrlKey } from './versions/storyUrlKey'

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
}

export { ArchiveError }

const MIME_BY_EXT: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
}

/**
 * Build the archive facade over a store, a search engine and the importers. Keeps the search
 * index in step with every write and tells listeners what changed.
 */
export function createArchive(deps: ArchiveDeps): Archive {
  const { store, search, importers } = deps
  const similar = deps.similar ?? SimilarIndex.inMemory()
  // Sign articles the near-duplicate index has not seen (older archives), in the background.
  const reconciled = similar
    .reconcile(
      [...store.summaries()].filter((s) => s.kind === 'article').map((s) => s.id),
      (ids) => store.getMany(ids),
      (id) => store.summary(id) !== undefined,
    )
    .catch(() => undefined)
  // Clusters of a large archive load just after open: the lists refetch when they are known.
  similar.ready.then(
    () => {
      if (similar.stats().clustered > 0) emit({ kind: 'items', ids: [] })
    },
    () => undefined,
  )
  const now = deps.now ?? (() => new Date())
  const newId = deps.newId ?? newItemId
  const maxFileBytes = deps.maxFileBytes ?? MAX_IMPORT_BYTES
  const listeners = new Set<(change: ArchiveChange) => void>()
  let tagCache: Map<string, TagInfo> | null = null
  const stories = new StoryUrlIndex(() => store.summaries())

  function emit(change: ArchiveChange): void {
    if (change.kind !== 'settings') tagCache = null
    tagTree.invalidate()
    for (const l of listeners) l(change)
  }

  /** key → { display name, count }, display case as first seen. */
  function tagTable(): Map<string, TagInfo> {
    if (tagCache) return tagCache
    const table = new Map<string, TagInfo>()
    const count = (t: string, photo: boolean) => {
      const key = tagKey(t)
      let entry = table.get(key)
      if (!entry) table.set(key, (entry = { name: t, count: 0 }))
      entry.count++
      if (photo) entry.photos = (entry.photos ?? 0) + 1
    }
    for (const s of store.summaries()) {
      for (const t of s.tags) count(t, false)
      for (const t of s.photoTags ?? []) count(t, true)
    }
    const colors = store.settings().tagColors
    for (const [key, info] of table) if (colors[key]) info.color = colors[key]
    tagCache = table
    return table
  }

  function cleanTag(tag: string): string {
    const problem = tagProblem(tag)
    if (problem) throw new ArchiveError(problem)
    return normalizeTag(tag)
  }

  /** An existing tag's display form wins, so `Iran` and `iran` stay one tag. */
  function displayTag(tag: string): string {
    const t = cleanTag(tag)
    return tagTable().get(tagKey(t))?.name ?? t
  }

  async function mustGet(id: ItemId): Promise<ArchiveItem> {
    const item = await store.get(id)
    if (!item) throw new ArchiveError(`No item with id ${id}.`)
    return item
  }

  async function save(items: ArchiveItem[]): Promise<void> {
    if (items.length === 0) return
    await store.put(items)
    stories.saved(items)
    await search.upsert(items)
    await similar.upsert(items)
    emit({ kind: 'items', ids: items.map((i) => i.id) })
  }

  /** `save` for items whose only change is their tags: the index skips re-analysing text. */
  async function saveTags(items: ArchiveItem[]): Promise<void> {
    if (items.length === 0) return
    await store.put(items)
    await search.retag(items)
    emit({ kind: 'items', ids: items.map((i) => i.id) })
  }

  /** Items carrying a tag (by identity) on themselves or a photo, read in full. */
  async function itemsWithTag(key: string): Promise<ArchiveItem[]> {
    const ids: ItemId[] = []
    for (const s of store.summaries()) if (summaryHasTag(s, key)) ids.push(s.id)
    return store.getMany(ids)
  }

  const photoDesk = createPhotoDesk({ store, save, emit, now })
  const tagTree = createTagTreeMethods({
    store,
    search,
    save: saveTags,
    displayTag,
    cleanTag,
    existingDisplay: (tag) => tagTable().get(tagKey(tag))?.name,
    changed: () => emit({ kind: 'tags' }),
  })

  function toItem(draft: ItemDraft, extraTags: readonly string[]): ArchiveItem {
    const tags = dedupeTags([...(draft.tags ?? []), ...extraTags].map(displayTagLenient))
    const base = {
      ...draft,
      id: draft.id ?? newId(),
      archivedAt: draft.archivedAt ?? now().toISOString(),
      contentHash: contentHash(draft),
      tags,
    }
    return base as ArchiveItem
  }

  /** Tags coming from files (IPTC keywords, feed categories) are trimmed, never refused. */
  function displayTagLenient(tag: string): string {
    const t = normalizeTag(tag).slice(0, MAX_TAG_LENGTH)
    return t ? (tagTable().get(tagKey(t))?.name ?? t) : ''
  }

  /** The one image downloader of an import run (see importers/offline/imageDownloader). */
  const imageDownloader = (options: ImportOptions, onImages?: () => void): ImageDownloader =>
    createImageDownloader(
      {
        putBlob: (bytes, mime, fileName) => store.putBlob(bytes, mime, fileName),
        fetch: deps.fetch ?? globalThis.fetch,
        signal: options.signal,
      },
      { onProgress: onImages },
    )

  /** `file`: the imported file, whose folder local images may come from. */
  const importContext = (
    signal?: AbortSignal,
    images: ImageDownloader = imageDownloader({ signal }),
    file?: string,
  ): ImportContext => ({
    putBlob: (bytes, mime, fileName) => store.putBlob(bytes, mime, fileName),
    fetch: deps.fetch ?? globalThis.fetch,
    signal,
    archiveImage: (ref, pageUrl) => images.archive(ref, { file: file && resolve(file), pageUrl }),
  })

  /**
   * Turn drafts into items. A file either lands whole or not at all: its items are saved in one
   * write, at once or (during a bulk import) with the pending batch. Duplicates (same content
   * hash, already archived, pending, or earlier in the same file) are skipped.
   */
  async function ingest(
    source: string,
    drafts: ItemDraft[],
    options: ImportOptions,
    batch?: PendingBatch,
  ): Promise<ImportOutcome> {
    if (drafts.length === 0) {
      return { source, status: 'failed', ids: [], reason: `Nothing to import in ${source}.` }
    }
    const fresh: ArchiveItem[] = []
    const restored: ArchiveItem[] = []
    const existing: ItemId[] = []
    const seen = new Set<string>()
    for (const draft of drafts) {
      const parsed = toItem(draft, options.tags ?? [])
      // Workers parse with the built-in agency table; the user's entries are applied here.
      const item = userAgencies().length > 0 ? (reparseItemCredits(parsed) ?? parsed) : parsed
      const dup = store.idByHash(item.contentHash) ?? batch?.hashes.get(item.contentHash)
      if (dup) existing.push(dup)
      else if (draft.id && (store.summary(draft.id) || batch?.ids.has(draft.id)))
        existing.push(draft.id)
      else if (!seen.has(item.contentHash)) {
        seen.add(item.contentHash)
        // Items of our own export keep their identity (and versions): they never merge.
        ;(draft.id ? restored : fresh).push(item)
      }
    }
    // A new capture of an archived story (same URL, other content) becomes its newest version.
    const split = await splitNewVersions(fresh, batch)
    const created = [...restored, ...split.created]
    const { versioned } = split
    if (created.length + versioned.length === 0) {
      return { source, status: 'duplicate', ids: existing }
    }
    const outcome: ImportOutcome = {
      source,
      status: 'imported',
      ids: [...created, ...versioned].map((i) => i.id),
    }
    if (versioned.length === 1 && created.length === 0) {
      outcome.version = (versioned[0].versions?.length ?? 0) + 1
    }
    const missing = [...created, ...versioned].flatMap((i) =>
      i.kind === 'article' ? (i.missingImages ?? []) : [],
    )
    if (missing.length) outcome.missingImages = missing
    if (!batch) {
      await save([...created, ...versioned])
      return outcome
    }
    for (const item of versioned) {
      const pending = batch.items.findIndex((i) => i.id === item.id)
      if (pending >= 0) batch.items[pending] = item
      else batch.items.push(item)
      batch.hashes.set(item.contentHash, item.id)
      batch.ids.add(item.id)
    }
    for (const item of created) {
      batch.items.push(item)
      batch.hashes.set(item.contentHash, item.id)
      batch.ids.add(item.id)
      stories.pending(item)
    }
    batch.outcomes.push(outcome)
    return outcome
  }

  /**
   * Split new items into those that start a story and new captures of stories already archived
   * (or pending in this batch) under the same URL, which become those stories' newest versions.
   */
  async function splitNewVersions(
    items: ArchiveItem[],
    batch?: PendingBatch,
  ): Promise<{ created: ArchiveItem[]; versioned: Article[] }> {
    const created: ArchiveItem[] = []
    const versioned: Article[] = []
    for (const item of items) {
      const key = item.kind === 'article' ? storyUrlKey(item.canonicalUrl ?? item.url) : null
      const storyId = key ? stories.find(key) : undefined
      const story =
        storyId === undefined
          ? undefined
          : (versioned.find((v) => v.id === storyId) ??
            batch?.items.find((i) => i.id === storyId) ??
            (await store.get(storyId)))
      if (item.kind !== 'article' || story?.kind !== 'article') {
        created.push(item)
        continue
      }
      const next = await addStoryVersion(story, item, now().toISOString(), (bytes, mime) =>
        store.putBlob(bytes, mime),
      )
      const at = versioned.findIndex((v) => v.id === next.id)
      if (at >= 0) versioned[at] = next
      else versioned.push(next)
    }
    return { created, versioned }
  }

  async function mustGetStory(id: ItemId): Promise<Article> {
    const item = await mustGet(id)
    if (item.kind !== 'article')
      throw new ArchiveError(`${id} is a photo: only stories have versions.`)
    return item
  }

  function versionNumber(story: Article, n: number | undefined, fallback: number): number {
    const count = (story.versions?.length ?? 0) + 1
    const v = n ?? fallback
    if (!Number.isInteger(v) || v < 1 || v > count) {
      throw new ArchiveError(
        `${story.id} has ${count} version${count === 1 ? '' : 's'}: there is no version ${v}.`,
      )
    }
    return v
  }

  const feeds = createFeedService({
    settings: () => store.settings(),
    updateSettings: (mutate) => store.updateSettings(mutate),
    fetch: deps.fetch ?? globalThis.fetch,
    putBlob: (bytes, mime, fileName) => store.putBlob(bytes, mime, fileName),
    now,
    importUrl: (url, signal) => archive.importUrl(url, { signal }),
    ingest: (source, drafts) => ingest(source, drafts, {}),
    changed: () => emit({ kind: 'settings' }),
  })

  /** Write a bulk import's pending items; if that fails, their files are reported as failed. */
  async function flush(batch: PendingBatch): Promise<void> {
    if (batch.items.length > 0) {
      try {
        await save(batch.items)
      } catch (err) {
        const reason = `Could not be saved: ${err instanceof Error ? err.message : String(err)}`
        for (const o of batch.outcomes) Object.assign(o, { status: 'failed', ids: [], reason })
      }
    }
    Object.assign(batch, emptyBatch())
  }

  async function runImporter(
    input: ImportInput,
    signal?: AbortSignal,
    images?: ImageDownloader,
    file?: string,
  ): Promise<ItemDraft[]> {
    const ctx = importContext(signal, images, file)
    let drafts: ItemDraft[]
    if (deps.runImport) drafts = await deps.runImport(input, ctx)
    else {
      const importer = importers.find((i) => i.accepts(input))
      if (!importer) {
        throw new ImportError(`${input.source} is not a format Morgue can import.`)
      }
      drafts = await importer.import(input, ctx)
    }
    await archiveDraftImages(drafts, ctx)
    return drafts
  }

  function failed(source: string, err: unknown): ImportOutcome {
    if (err instanceof ImportError || err instanceof ArchiveError) {
      return { source, status: 'failed', ids: [], reason: err.message }
    }
    const detail = err instanceof Error ? err.message : String(err)
    return {
      source,
      status: 'failed',
      ids: [],
      reason: `${source} could not be imported: ${detail}`,
    }
  }

  function report(outcomes: ImportOutcome[], cancelled: boolean): ImportReport {
    const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length
    return {
      imported: outcomes.reduce((n, o) => n + (o.status === 'imported' ? o.ids.length : 0), 0),
      duplicates: count('duplicate'),
      failed: count('failed'),
      cancelled,
      outcomes,
    }
  }

  /** A Morgue export carries the archive's settings: merge them in (export → import round-trips). */
  async function importSettingsOf(path: string): Promise<void> {
    const incoming = await readExportSettings(path).catch(() => null)
    if (!incoming) return
    await store.updateSettings((s) =>
      mergeSettings(s as unknown as Record<string, unknown>, incoming),
    )
    const aliases = store.settings().aliases
    if (aliases.length > 0) search.setAliases(aliases)
    emit({ kind: 'settings' })
  }

  /** Let other work (IPC, progress events) run between files. */
  const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

  const agencies = createAgencyMethods({
    store,
    save,
    emit,
    fail: (message) => {
      throw new ArchiveError(message)
    },
  })

  const archive: Archive = {
    dir: store.dir,
    ...agencies,
    ...createMaintenance({ store, search, changed: (kind) => emit({ kind }) }),

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
      const removed = await store.delete(ids)
      if (removed.length === 0) return removed
      stories.deleted(removed)
      await feeds.forget(removed.map((i) => i.id))
      await search.remove(removed.map((i) => i.id))
      await similar.remove(removed.map((i) => i.id))
      emit({ kind: 'items', ids: removed.map((i) => i.id) })
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

    feeds: () => feeds.list(),
    subscribe: (url, options = {}) => feeds.subscribe(url, options.signal),
    unsubscribe: (ref) => feeds.unsubscribe(ref),
    refreshFeeds: (ref, options) => feeds.refresh(ref, options),
    markRead: (ids) => feeds.markRead(ids),
    importOpml: (xml, label) => feeds.importOpml(xml, label),
    exportOpml: () => feeds.exportOpml(),
    feedRefreshMinutes: () => feeds.refreshMinutes(),
    setFeedRefreshMinutes: (minutes) => feeds.setRefreshMinutes(minutes),

    async versions(id) {
      return listVersions(await mustGetStory(id))
    },

    async readVersion(id, index) {
      const story = await mustGetStory(id)
      return readVersion(story, versionNumber(story, index, 1), (sha) => store.readBlob(sha))
    },

    async diffVersions(id, from, to) {
      const story = await mustGetStory(id)
      const count = (story.versions?.length ?? 0) + 1
      const b = versionNumber(story, to, count)
      const a = versionNumber(story, from, Math.max(1, b - 1))
      const read = (n: number) => readVersion(story, n, (sha) => store.readBlob(sha))
      const infos = listVersions(story)
      return diffVersionContents(await read(a), await read(b), infos[a - 1], infos[b - 1])
    },

    async importPaths(paths, options = {}) {
      const { files, unreadable } = await collectFiles(paths)
      const outcomes: ImportOutcome[] = unreadable.map((u) => ({
        source: u.path,
        status: 'failed' as const,
        ids: [],
        reason: u.reason,
      }))
      const total = files.length
      options.onProgress?.({ done: 0, total })
      let cancelled = false
      let at = { done: 0, current: undefined as string | undefined }
      const images = imageDownloader(options, () =>
        options.onProgress?.({ ...at, total, images: images.progress() }),
      )
      // One durable write per batch of files rather than per file: fsync dominates small imports.
      const batch = emptyBatch()
      // Files are parsed a few ahead (on the import workers: two each) and ingested in order.
      const depth = Math.max(PARSE_AHEAD, 2 * (deps.runImport?.parallelism ?? 1))
      const parsed = prefetch(files.length, depth, (j) =>
        parseFile(files[j].path, files[j].bytes, options, images),
      )
      for (const [i, file] of files.entries()) {
        at = { done: i, current: file.path }
        options.onProgress?.({ ...at, total })
        if (options.signal?.aborted) {
          cancelled = true
          break
        }
        const outcome = await ingestParsed(file.path, await parsed(i), options, batch)
        outcomes.push(outcome)
        if (outcome.status !== 'failed') await importSettingsOf(file.path)
        if (batch.items.length >= BATCH_ITEMS || Date.now() - batch.started >= BATCH_MS) {
          await flush(batch)
        }
        await breathe()
      }
      await flush(batch)
      options.onProgress?.({ done: cancelled ? outcomes.length - unreadable.length : total, total })
      return report(outcomes, cancelled)
    },

    async importText(text, label = 'pasted text', options = {}) {
      const looksMarkdown = /^---\r?\n/.test(text) || /^#\s/m.test(text)
      const input: ImportInput = {
        source: label,
        bytes: new TextEncoder().encode(text),
        contentType: looksMarkdown ? 'text/markdown' : 'text/plain',
      }
      let outcome: ImportOutcome
      try {
        outcome = await ingest(label, await runImporter(input, options.signal), options)
      } catch (err) {
        outcome = failed(label, err)
      }
      return report([outcome], false)
    },

    async importCapture(capture, options = {}) {
      let outcome: ImportOutcome
      try {
        const drafts = await importCapturedPage(capture, importContext(options.signal))
        outcome = await ingest(capture.url, drafts, options)
      } catch (err) {
        outcome = failed(capture.url, err)
      }
      return report([outcome], false)
    },

    async captureToken(renew = false) {
      const current = store.settings().captureToken
      if (current && !renew) return current
      const token = randomBytes(24).toString('hex')
      await store.updateSettings((s) => {
        s.captureToken = token
      })
      emit({ kind: 'settings' })
      return token
    },

    async importUrl(url, options = {}) {
      let outcome: ImportOutcome
      try {
        const drafts = await fetchAndImportUrl(url, importContext(options.signal))
        outcome = await ingest(url, drafts, options)
      } catch (err) {
        outcome = failed(url, err)
      }
      return report([outcome], false)
    },

    async fetchMissingImages(ids, options = {}) {
      return fetchMissingImagesOf(ids, options)
    },

    tags() {
      return [...tagTable().values()]
        .map((t) => ({ ...t }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    },

    async addTags(ids, tags) {
      const add = tags.map(displayTag)
      await photoDesk.updateTags(ids, (current) => dedupeTags([...current, ...add]))
    },

    async removeTags(ids, tags) {
      const keys = new Set(tags.map((t) => tagKey(t)))
      await photoDesk.updateTags(ids, (current) => current.filter((t) => !keys.has(tagKey(t))))
    },

    async setTags(id, tags) {
      const next = dedupeTags(tags.map(displayTag))
      const parsedId = id.split('/')[0]
      await mustGet(parsedId)
      await photoDesk.updateTags([id], () => next)
      return mustGet(parsedId)
    },

    // A node moves with its subtree (items, photos, colours, saved searches): see tagTree/.
    async renameTag(from, to) {
      if (!findTagNode(tagTree.tagTree(), from)) throw new ArchiveError(`No tag named “${from}”.`)
      await tagTree.moveTags([from], to)
    },

    async mergeTags(sources, target) {
      const key = tagKey(cleanTag(target))
      await tagTree.moveTags(
        sources.filter((s) => tagKey(s) !== key),
        target,
      )
    },

    async deleteTag(tag) {
      const key = tagKey(tag)
      const items = await itemsWithTag(key)
      await save(
        items.flatMap(
          (item) => changeAllTags(item, (tags) => tags.filter((t) => tagKey(t) !== key)) ?? [],
        ),
      )
      emit({ kind: 'tags' })
      return items.flatMap((item) => refsWithTag(item, key))
    },

    tagTree: () => tagTree.tagTree(),
    bulkTag: (request, options) => tagTree.bulkTag(request, options),
    undoTagChange: (change, options) => tagTree.undoTagChange(change, options),

    async setTagColor(tag, color) {
      const key = tagKey(tag)
      if (color !== null && !/^#[0-9a-fA-F]{6}$/.test(color)) {
        throw new ArchiveError(`“${color}” is not a colour like #c0392b.`)
      }
      await store.updateSettings((s) => {
        if (color) s.tagColors[key] = color
        else delete s.tagColors[key]
      })
      tagCache = null
      emit({ kind: 'tags' })
    },

    photo: (ref) => photoDesk.photo(ref),
    editPhoto: (ref, patch) => photoDesk.editPhoto(ref, patch),
    reparseCredits: () => photoDesk.reparseCredits(parseCredit),
    creditStyle: () => photoDesk.creditStyle(),
    setCreditStyle: (setting) => photoDesk.setCreditStyle(setting),

    search: (query: string, options?: SearchOptions): Promise<SearchResult> =>
      searchWithClusters(
        { search: (q, o) => search.search(q, o), similar, summary: (id) => store.summary(id) },
        query,
        options,
      ),

    async similar(id) {
      if (!store.summary(id)) throw new ArchiveError(`No item with id ${id}.`)
      await similar.ready
      return similarItems(similar, (i) => store.summary(i), id)
    },

    savedSearches: () => store.settings().savedSearches.map((s) => ({ ...s })),

    async saveSearch(saved: SavedSearch) {
      const name = saved.name.trim()
      if (!name) throw new ArchiveError('A saved search needs a name.')
      await store.updateSettings((s) => {
        s.savedSearches = s.savedSearches.filter((x) => x.name !== name)
        s.savedSearches.push({ name, query: saved.query })
      })
      emit({ kind: 'settings' })
    },

    async deleteSavedSearch(name) {
      await store.updateSettings((s) => {
        s.savedSearches = s.savedSearches.filter((x) => x.name !== name)
      })
      emit({ kind: 'settings' })
    },

    // Until the user edits the list, the starter list is in force: show that.
    aliases: () => groupsInForce(store.settings(), DEFAULT_ALIASES),

    // Applied at query time: every indexed item is found by the new variants at once.
    async setAliases(groups) {
      const clean = normalizeGroups(groups)
      await store.updateSettings((s) => {
        s.aliases = clean
        s.aliasesEdited = true
      })
      search.setAliases(clean)
      emit({ kind: 'settings' })
    },

    completeField: (field: CompletionField, prefix: string, limit?: number) =>
      search.completeField(field, prefix, limit),

    settings: () => store.settings(),
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
        tags: tagTable().size,
        blobs: blobs.files,
        bytesOnDisk: all.bytes,
      }
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async close() {
      listeners.clear()
      await deps.runImport?.close?.()
      await similar.close()
      await reconciled
      await search.close()
      await store.close()
    },
  }

  async function fetchMissingImagesOf(
    ids: readonly ItemId[] | undefined,
    options: ImportOptions,
  ): Promise<MissingImagesReport> {
    const candidates: Article[] = []
    if (ids) {
      for (const id of ids) {
        const item = await mustGet(id)
        if (hasMissingImages(item)) candidates.push(item)
      }
    } else {
      for await (const item of store.all()) if (hasMissingImages(item)) candidates.push(item)
    }
    const downloader = imageDownloader(options, () =>
      options.onProgress?.({ done: 0, total: candidates.length, images: downloader.progress() }),
    )
    const deps = {
      downloader,
      putBlob: store.putBlob.bind(store),
      readBlob: store.readBlob.bind(store),
      signal: options.signal,
    }
    const outcomes = []
    for (const item of candidates) {
      if (options.signal?.aborted) break
      let result: Awaited<ReturnType<typeof refetchItemImages>>
      try {
        result = await refetchItemImages(item, deps)
      } catch (err) {
        if (options.signal?.aborted) break
        throw err
      }
      const { updated, outcome } = result
      // The item may have changed meanwhile (a tag, a note): only its images are replaced.
      const current = updated && (await store.get(item.id))
      if (updated && current?.kind === 'article') {
        const { photos, snapshot, missingImages } = updated
        const next: Article = { ...current, photos, snapshot }
        if (missingImages) next.missingImages = missingImages
        else delete next.missingImages
        await save([next])
      }
      outcomes.push(outcome)
    }
    return {
      items: candidates.length,
      fetched: outcomes.reduce((n, o) => n + o.fetched, 0),
      missing: outcomes.reduce((n, o) => n + o.missing.length, 0),
      outcomes,
    }
  }

  /** Read and parse one file of a bulk import into drafts, or the outcome of its failure. */
  async function parseFile(
    path: string,
    size: number,
    options: ImportOptions,
    images?: ImageDownloader,
  ): Promise<ItemDraft[] | ImportOutcome> {
    if (size > maxFileBytes) {
      // Our own NDJSON export grows past the limit with embedded photos: it is read line by line.
      if (/\.(ndjson|jsonl)$/i.test(path)) {
        try {
          const ctx = importContext(options.signal, images)
          const { drafts } = await importMorgueExportFile(path, ctx)
          await archiveDraftImages(drafts, ctx)
          return drafts
        } catch (err) {
          return failed(path, err)
        }
      }
      return failed(
        path,
        new ImportError(
          `${path} is ${formatBytes(size)}; Morgue imports files up to ${formatBytes(maxFileBytes)}.`,
        ),
      )
    }
    const tooLarge = textTooLarge(path, size)
    if (tooLarge) return failed(path, new ImportError(tooLarge))
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (err) {
      return failed(path, new ImportError(describeFsError(err, path)))
    }
    const input: ImportInput = {
      source: path,
      bytes,
      contentType: MIME_BY_EXT[extname(path).toLowerCase()],
    }
    try {
      return await runImporter(input, options.signal, images, path)
    } catch (err) {
      return failed(path, err)
    }
  }

  async function ingestParsed(
    path: string,
    parsed: ItemDraft[] | ImportOutcome,
    options: ImportOptions,
    batch: PendingBatch,
  ): Promise<ImportOutcome> {
    if (!Array.isArray(parsed)) return parsed
    try {
      return await ingest(path, parsed, options, batch)
    } catch (err) {
      return failed(path, err)
    }
  }

  return archive
}

/** Items of a bulk import not yet written, with what is needed to spot duplicates among them. */
interface PendingBatch {
  items: ArchiveItem[]
  hashes: Map<string, ItemId>
  ids: Set<ItemId>
  outcomes: ImportOutcome[]
  started: number
}

const BATCH_ITEMS = 200
const BATCH_MS = 1000
/** Files of a bulk import being parsed at once (the one ingested next and those after it). */
const PARSE_AHEAD = 3

function emptyBatch(): PendingBatch {
  return { items: [], hashes: new Map(), ids: new Set(), outcomes: [], started: Date.now() }
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${Math.round(n / 1024 / 1024)} MB`
}

/** Keep the first spelling of each tag identity, drop empties, keep order. */
function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const t of tags) {
    if (!t) continue
    const key = tagKey(t)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(t)
  }
  return out
}
