import type { ArchiveItem, ItemId, ItemSummary, SavedSearch } from '../model'
import { changeAllTags } from '../photos/photoTags'
import type { ItemStore } from '../storage/itemStore'
import { inSubtree, normalizeTag, tagKey, tagSegments, TAG_SEPARATOR } from '../tags'

export interface TagMoveDeps {
  store: ItemStore
  /** The archive's one write path: durable, then searchable, then listeners told. */
  save(items: ArchiveItem[]): Promise<void>
  /** The display form already in use for a tag (by identity), if any. */
  existingDisplay(tag: string): string | undefined
}

/** Items written per save when a move touches many items. */
const MOVE_BATCH = 2000

/**
 * Where a tag lands when node `fromKey` moves to `to` (a display path): the node itself becomes
 * `to`, a tag below it keeps its place under `to` (`Places/Syria/Raqqa` with `Places/Syria` →
 * `Middle East/Syria` is `Middle East/Syria/Raqqa`); null for a tag outside the subtree.
 */
export function movedTag(tag: string, fromKey: string, to: string): string | null {
  const key = tagKey(tag)
  if (!inSubtree(key, fromKey)) return null
  const depth = fromKey.split(TAG_SEPARATOR).length
  const tail = tagSegments(normalizeTag(tag)).slice(depth)
  return [to, ...tail].join(TAG_SEPARATOR)
}

/**
 * Move (rename) tag nodes with their subtrees onto `target`: items and photos, colours, and the
 * `tag:` values of saved searches follow. Several sources merge: their subtrees merge under the
 * target, children of the same name become one tag. Returns the number of items changed.
 *
 * `target` must already be a clean tag (see `tagProblem`). When a source is the target itself
 * with another spelling (`syria` → `Syria`), the new spelling becomes the display form.
 */
export async function moveTagNodes(
  deps: TagMoveDeps,
  sources: readonly string[],
  target: string,
): Promise<number> {
  const { store } = deps
  const targetKey = tagKey(target)
  const fromKeys = [...new Set(sources.map((s) => tagKey(s)))]
  const recase = fromKeys.includes(targetKey)
  const keepDisplay = (path: string): string =>
    recase ? path : (deps.existingDisplay(path) ?? path)
  const rename = (tag: string): string => {
    for (const key of fromKeys) {
      const moved = movedTag(tag, key, target)
      if (moved !== null) return key === targetKey ? moved : keepDisplay(moved)
    }
    return tag
  }
  const ids: ItemId[] = []
  for (const s of store.summaries()) if (carriesAny(s, fromKeys)) ids.push(s.id)
  let changed = 0
  for (let i = 0; i < ids.length; i += MOVE_BATCH) {
    const items = await store.getMany(ids.slice(i, i + MOVE_BATCH))
    const next = items.flatMap(
      (item) => changeAllTags(item, (tags) => dedupeByKey(tags.map(rename))) ?? [],
    )
    await deps.save(next)
    changed += next.length
  }
  await store.updateSettings((s) => {
    const colors: Record<string, string> = {}
    for (const [key, color] of Object.entries(s.tagColors)) {
      const moved = fromKeys.some((k) => inSubtree(key, k)) ? tagKey(rename(key)) : key
      // The target's own colour wins over a moved one.
      if (!(moved in colors) || moved === key) colors[moved] = color
    }
    s.tagColors = colors
    s.savedSearches = s.savedSearches.map((saved): SavedSearch => ({
      ...saved,
      query: renameInQuery(saved.query, rename, fromKeys),
    }))
  })
  return changed
}

function carriesAny(s: ItemSummary, keys: readonly string[]): boolean {
  const hit = (t: string) => {
    const key = tagKey(t)
    return keys.some((k) => inSubtree(key, k))
  }
  return s.tags.some(hit) || !!s.photoTags?.some(hit)
}

function dedupeByKey(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  return tags.filter((t) => {
    const key = tagKey(t)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** `tag:VALUE`, `tag:=VALUE`, `tag:"VALUE"` (also `tags:`), with an optional `-` before. */
const TAG_VALUE = /(^|[\s(])(-?tags?:)(=?)(?:"([^"]*)"|([^\s()"]+))/gi

/**
 * A saved search's query with the `tag:` values that name a moved node (or one below it)
 * rewritten to the new path; everything else is left as typed.
 */
export function renameInQuery(
  query: string,
  rename: (tag: string) => string,
  fromKeys: readonly string[],
): string {
  return query.replace(
    TAG_VALUE,
    (whole, before: string, field: string, eq: string, quoted?: string, bare?: string) => {
      const value = quoted ?? bare ?? ''
      const key = tagKey(value)
      if (!fromKeys.some((k) => inSubtree(key, k))) return whole
      const next = rename(value)
      const written = /[\s()"]/.test(next) ? `"${next}"` : next
      return `${before}${field}${eq}${written}`
    },
  )
}
