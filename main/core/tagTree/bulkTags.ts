import { ArchiveError } from '../archiveError'
import type { ArchiveItem, ItemSummary } from '../model'
import { reconcileRuleTags, tagEditOf } from '../rules/ruleTagging'
import { groupRefs, type TagTarget } from '../photos/photoTags'
import type { ItemStore, TagEdit } from '../storage/itemStore'
import { tagKey } from '../tags'

/** What to change on many items and photos at once. */
export interface BulkTagRequest {
  /** Items and photos by id or ref (`ARTICLE/p0`)… */
  refs?: string[]
  /** …or every result row of this query (articles and photos, as the results list shows them). */
  query?: string
  /** Tags to add (an existing tag's display form wins). */
  add?: string[]
  /** Tags to remove (by identity). */
  remove?: string[]
}

/** One tag and the holders (item ids, photo refs) whose list it entered or left. */
export interface TagChangeEntry {
  tag: string
  refs: string[]
}

/**
 * Exactly what a bulk change did, to undo it: a ref that already had an added tag, or lacked a
 * removed one, is not listed, so undo leaves it as it was.
 */
export interface TagChange {
  added: TagChangeEntry[]
  removed: TagChangeEntry[]
}

export interface BulkTagResult {
  /** Items and photos asked for (rows of the query, or refs given). */
  targets: number
  /** Items written (an item is written once for itself and all its photos). */
  items: number
  change: TagChange
  /** Stopped by the signal: `change` holds what was done before. */
  cancelled: boolean
}

export interface BulkTagProgress {
  /** Items processed so far, of `total`. */
  done: number
  total: number
}

export interface BulkTagOptions {
  onProgress?: (progress: BulkTagProgress) => void
  signal?: AbortSignal
}

export interface BulkTagDeps {
  store: ItemStore
  /** Durable, then searchable, then listeners told (the archive's one write path). */
  save(items: ArchiveItem[]): Promise<void>
  /** The same for item-level tags alone, from summaries (no body read or written). */
  saveTagEdits(edits: TagEdit[]): Promise<void>
  /** Every result row's ref of a query; throws ArchiveError for a query that cannot run. */
  matchRefs(query: string): Promise<string[]>
  /** A tag's display form (existing spelling wins); throws ArchiveError for a bad name. */
  displayTag(tag: string): string
}

/**
 * Items per write. Each write rewrites the shards it touches (256 at most) and adds one index
 * segment copied out of the segments holding the items, so a few large batches beat many small
 * ones; 5,000 keeps a batch's full items (~20 MB) bounded and progress in steps.
 */
export const BULK_BATCH = 5000

/**
 * Add and remove tags on many items and photos, in batches: each batch is durable and
 * searchable when the next starts, progress is reported per batch, the signal is honoured
 * between batches. Returns exactly what changed, for `undoTagChange`.
 */
export async function bulkTag(
  deps: BulkTagDeps,
  request: BulkTagRequest,
  options: BulkTagOptions = {},
): Promise<BulkTagResult> {
  const add = (request.add ?? []).map((t) => deps.displayTag(t))
  const remove = (request.remove ?? []).map((t) => {
    deps.displayTag(t) // refuses a bad name, as for adding
    return t
  })
  if (add.length + remove.length === 0) throw new ArchiveError('Name a tag to add or remove.')
  if (!request.refs && request.query === undefined)
    throw new ArchiveError('Select items or give a query.')
  const refs = request.refs ?? (await deps.matchRefs(request.query ?? ''))
  return applyTagOps(deps, refs, add, remove, options)
}

/** Revert a bulk change exactly: added tags leave the refs they entered, removed ones return. */
export async function undoTagChange(
  deps: Pick<BulkTagDeps, 'store' | 'save' | 'saveTagEdits'>,
  change: TagChange,
  options: BulkTagOptions = {},
): Promise<number> {
  let items = 0
  for (const { tag, refs } of change.added)
    items += (await applyTagOps(deps, refs, [], [tag], options)).items
  for (const { tag, refs } of change.removed)
    items += (await applyTagOps(deps, refs, [tag], [], options)).items
  return items
}

async function applyTagOps(
  deps: Pick<BulkTagDeps, 'store' | 'save' | 'saveTagEdits'>,
  refs: readonly string[],
  add: readonly string[],
  remove: readonly string[],
  options: BulkTagOptions,
): Promise<BulkTagResult> {
  const { targets, invalid } = groupRefs(refs)
  if (invalid.length) throw new ArchiveError(`“${invalid[0]}” is not an item or photo id.`)
  // In id order: a batch then rewrites a few shards (ids are spread over them by prefix).
  const ids = [...targets.keys()].filter((id) => deps.store.summary(id) !== undefined).sort()
  const addKeys = add.map((t) => tagKey(t))
  const removeKeys = new Set(remove.map((t) => tagKey(t)))
  const added = add.map((tag) => ({ tag, refs: [] as string[] }))
  const removed = new Map<string, TagChangeEntry>()
  const edit = (tags: readonly string[], ref: string): string[] | null => {
    let next: string[] | null = null
    for (const t of tags) {
      const key = tagKey(t)
      if (!removeKeys.has(key)) continue
      next ??= [...tags]
      next.splice(next.indexOf(t), 1)
      let entry = removed.get(key)
      if (!entry) removed.set(key, (entry = { tag: t, refs: [] }))
      entry.refs.push(ref)
    }
    const have = new Set((next ?? tags).map((t) => tagKey(t)))
    addKeys.forEach((key, i) => {
      if (have.has(key)) return
      have.add(key)
      next = [...(next ?? tags), add[i]]
      added[i].refs.push(ref)
    })
    return next
  }
  const total = ids.length
  let done = 0
  let written = 0
  let cancelled = false
  options.onProgress?.({ done, total })
  for (let i = 0; i < ids.length; i += BULK_BATCH) {
    if (options.signal?.aborted) {
      cancelled = true
      break
    }
    const slice = ids.slice(i, i + BULK_BATCH)
    // Whole items (and standalone photos) change from their summaries; photos inside articles
    // need the items read in full.
    const whole = slice.filter((id) => isItemOnly(deps.store.summary(id)!, targets.get(id)!))
    const edits: TagEdit[] = []
    for (const id of whole) {
      const summary = deps.store.summary(id)!
      const tags = edit(summary.tags, id)
      // Rule provenance stays true: a rule-added tag taken off is declined, as on every save.
      if (tags) edits.push(tagEditOf(id, reconcileRuleTags({ ...summary, tags })))
    }
    const quick = new Set(whole)
    const inside = quick.size === slice.length ? [] : slice.filter((id) => !quick.has(id))
    const changed: ArchiveItem[] = []
    for (const item of await deps.store.getMany(inside)) {
      const next = editItem(item, targets.get(item.id)!, edit)
      if (next) changed.push(next)
    }
    if (edits.length) await deps.saveTagEdits(edits)
    if (changed.length) await deps.save(changed)
    written += edits.length + changed.length
    done = Math.min(total, i + BULK_BATCH)
    options.onProgress?.({ done, total })
  }
  return {
    targets: refs.length,
    items: written,
    change: {
      added: added.filter((e) => e.refs.length > 0),
      removed: [...removed.values()].filter((e) => e.refs.length > 0),
    },
    cancelled,
  }
}

/** Whether only the item's own tags are asked for (no photo inside an article). */
function isItemOnly(summary: ItemSummary, target: TagTarget): boolean {
  return summary.kind === 'photo' || target.photoIds.size === 0
}

/** The item with its own and its targeted photos' tag lists edited; null when none changed. */
function editItem(
  item: ArchiveItem,
  target: TagTarget,
  edit: (tags: readonly string[], ref: string) => string[] | null,
): ArchiveItem | null {
  if (item.kind === 'photo') {
    if (!target.item && !target.photoIds.has(item.photo.id)) return null
    const tags = edit(item.tags, item.id)
    return tags ? { ...item, tags } : null
  }
  let changed = false
  const tags = target.item ? edit(item.tags, item.id) : null
  if (tags) changed = true
  const photos = item.photos.map((p) => {
    if (!target.photoIds.has(p.id)) return p
    const next = edit(p.tags ?? [], `${item.id}/${p.id}`)
    if (!next) return p
    changed = true
    if (next.length > 0) return { ...p, tags: next }
    const copy = { ...p }
    delete copy.tags
    return copy
  })
  return changed ? { ...item, tags: tags ?? item.tags, photos } : null
}
