import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { ArchiveItem } from '../model'
import type { SearchEngine } from '../search/types'
import type { ItemStore, TagEdit } from '../storage/itemStore'
import { tagKey } from '../tags'
import { bulkTag, undoTagChange } from './bulkTags'
import { moveTagNodes } from './moveTagNodes'
import { buildTagTree, type TagNode } from './tagTree'

export interface TagTreeDeps {
  store: ItemStore
  search: Pick<SearchEngine, 'matchRefs'>
  /** Writes items whose only change is their tags: durable, then searchable, then told. */
  save(items: ArchiveItem[]): Promise<void>
  /** The same for item-level tags alone, from summaries (see ArchiveContext.saveTagEdits). */
  saveTagEdits(edits: TagEdit[]): Promise<void>
  /** A tag's display form (existing spelling wins); throws ArchiveError for a bad name. */
  displayTag(tag: string): string
  /** A tag normalised as typed; throws ArchiveError for a bad name (see `tagProblem`). */
  cleanTag(tag: string): string
  /** The display form in use for a tag's identity, if any item carries it. */
  existingDisplay(tag: string): string | undefined
  /** Tell listeners the tags changed. */
  changed(): void
}

/**
 * The archive's tag-hierarchy calls: the tree, moving/merging nodes with their subtrees, and
 * bulk tagging with exact undo. Spread into the archive (see createArchive).
 */
export function createTagTreeMethods(deps: TagTreeDeps): Pick<
  Archive,
  'tagTree' | 'bulkTag' | 'undoTagChange'
> & {
  moveTags(sources: readonly string[], target: string): Promise<number>
  /** Forget the cached tree (the archive calls it on every change). */
  invalidate(): void
} {
  let cached: TagNode[] | null = null
  const save = async (items: ArchiveItem[]) => {
    cached = null
    await deps.save(items)
  }
  const bulkDeps = {
    store: deps.store,
    save,
    async saveTagEdits(edits: TagEdit[]) {
      cached = null
      await deps.saveTagEdits(edits)
    },
    displayTag: deps.displayTag,
    async matchRefs(query: string) {
      const found = await deps.search.matchRefs(query)
      if (found.error && found.refs.length === 0) throw new ArchiveError(found.error.message)
      return found.refs
    },
  }
  return {
    tagTree() {
      cached ??= buildTagTree(deps.store.summaries(), deps.store.settings().tagColors)
      return cached
    },

    async bulkTag(request, options) {
      const result = await bulkTag(bulkDeps, request, options)
      deps.changed()
      return result
    },

    async undoTagChange(change, options) {
      const items = await undoTagChange(bulkDeps, change, options)
      deps.changed()
      return items
    },

    invalidate() {
      cached = null
    },

    async moveTags(sources, target) {
      const typed = deps.cleanTag(target)
      const key = tagKey(typed)
      // Renaming `syria` to `Syria` sets the spelling; onto another tag, its spelling wins.
      const clean = sources.some((s) => tagKey(s) === key)
        ? typed
        : (deps.existingDisplay(typed) ?? typed)
      const items = await moveTagNodes(
        { store: deps.store, save, existingDisplay: deps.existingDisplay },
        sources,
        clean,
      )
      cached = null
      deps.changed()
      return items
    },
  }
}
