import { createAgencyMethods } from './archiveAgencies'
import type { Archive } from './archiveApi'
import { ArchiveError } from './archiveError'
import { createMaintenance } from './integrity/maintenance'
import { createArchiveFeeds, feedMethods } from './archive/archiveFeeds'
import { createImportMethods } from './archive/archiveImports'
import { createItemMethods } from './archive/archiveItems'
import { createPhotoMethods } from './archive/archivePhotos'
import { createSearchMethods } from './archive/archiveSearch'
import { createSettingsMethods } from './archive/archiveSettings'
import { applySyncedSettings } from './sync/applySyncedSettings'
import { createTagMethods } from './archive/archiveTags'
import { createTagTidyMethods } from './archive/archiveTagTidy'
import { createVersionMethods } from './archive/archiveVersions'
import { createArchiveContext, type ArchiveDeps } from './archive/context'
import { createIngest } from './archive/ingest'
import { createArchiveSuggestions } from './suggest/archiveSuggestions'
import { createRuleService } from './rules/ruleService'

export type { ArchiveDeps }
export { ArchiveError }

/**
 * Build the archive facade over a store, a search engine and the importers: the composition of
 * the modules in `archive/`, each a factory over one shared context (store, indexes, `save`,
 * `emit`). Keeps the search index in step with every write and tells listeners what changed.
 */
export function createArchive(deps: ArchiveDeps): Archive {
  const ctx = createArchiveContext(deps)
  const { store, search, similar, emit, listeners } = ctx
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

  const ingest = createIngest(ctx)
  const imports = createImportMethods(ctx, ingest)
  const feeds = createArchiveFeeds(ctx, { importUrl: imports.importUrl, ingest })
  const agencies = createAgencyMethods({
    store,
    save: ctx.save,
    emit,
    fail: (message) => {
      throw new ArchiveError(message)
    },
  })

  const { prepare: applyRules, ...rules } = createRuleService({
    store,
    search,
    saveTagEdits: (edits) => ctx.saveTagEdits(edits),
    displayTag: (tag) => ctx.tagTable.display(tag),
    now: ctx.now,
    changed: () => emit({ kind: 'settings' }),
    fail: (message) => {
      throw new ArchiveError(message)
    },
  })
  ctx.beforeSave(applyRules)

  const tags = createTagMethods(ctx)
  const settings = createSettingsMethods(ctx)
  const suggestions = createArchiveSuggestions({
    get: (id) => store.get(id),
    tags: () => tags.tags(),
    aliases: () => settings.aliases(),
    articleCount: () => [...store.summaries()].filter((s) => s.kind === 'article').length,
    search: (q, o) => search.search(q, o),
    settings: () => store.settings(),
    updateSettings: (mutate) => store.updateSettings(mutate),
    now: ctx.now,
    emit,
    onChange: (listener) => listeners.add(listener),
  })

  return {
    dir: store.dir,
    ...agencies,
    ...createMaintenance({ store, search, changed: (kind) => emit({ kind }) }),
    ...createItemMethods(ctx, feeds),
    ...feedMethods(feeds),
    ...createVersionMethods(ctx),
    ...imports,
    ...tags,
    ...createTagTidyMethods(ctx),
    ...createPhotoMethods(ctx),
    ...createSearchMethods(ctx),
    // Sync brings settings and files from other desktops (main/core/sync).
    applySettings: (values) => applySyncedSettings(ctx, values),
    putBlob: (bytes, mime, fileName) => store.putBlob(bytes, mime, fileName),
    ...settings,
    ...suggestions,
    ...rules,

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async idle() {
      await reconciled
      await similar.idle()
      await deps.journal?.flush()
    },

    async close() {
      listeners.clear()
      await deps.runImport?.close?.()
      await similar.close()
      await reconciled
      await deps.journal?.flush()
      await search.close()
      await store.close()
    },
  }
}
