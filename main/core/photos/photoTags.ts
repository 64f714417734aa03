import type { ArchiveItem, ItemId, ItemSummary } from '../model'
import { tagKey } from '../tags'
import { parseRef } from './photoRef'

/** What a tag change applies to inside one item: the item itself and/or some of its photos. */
export interface TagTarget {
  item: boolean
  photoIds: Set<string>
}

/**
 * Group ids and photo refs by item. A standalone photo's ref (`ITEM` or `ITEM/p0`) targets its
 * item, whose tags are the photo's. Unparseable refs are returned apart.
 */
export function groupRefs(refs: readonly string[]): {
  targets: Map<ItemId, TagTarget>
  invalid: string[]
} {
  const targets = new Map<ItemId, TagTarget>()
  const invalid: string[] = []
  for (const ref of refs) {
    const parsed = parseRef(ref)
    if (!parsed) {
      invalid.push(ref)
      continue
    }
    let t = targets.get(parsed.itemId)
    if (!t) targets.set(parsed.itemId, (t = { item: false, photoIds: new Set() }))
    if (parsed.photoId === undefined) t.item = true
    else t.photoIds.add(parsed.photoId)
  }
  return { targets, invalid }
}

/**
 * Change the tags of an item and of its targeted photos. Returns the new item, or null when
 * nothing changed (so callers write only what changed).
 */
export function changeTags(
  item: ArchiveItem,
  target: TagTarget,
  change: (tags: readonly string[]) => string[],
): ArchiveItem | null {
  let changed = false
  const apply = (tags: readonly string[]): string[] => {
    const next = change(tags)
    if (next.length !== tags.length || next.some((t, i) => t !== tags[i])) changed = true
    return next
  }
  if (item.kind === 'photo') {
    const applies = target.item || target.photoIds.has(item.photo.id)
    const tags = applies ? apply(item.tags) : item.tags
    return changed ? { ...item, tags } : null
  }
  const tags = target.item ? apply(item.tags) : item.tags
  const photos = item.photos.map((p) => {
    if (!target.photoIds.has(p.id)) return p
    const next = apply(p.tags ?? [])
    return next.length > 0 ? { ...p, tags: next } : withoutTags(p)
  })
  return changed ? { ...item, tags, photos } : null
}

function withoutTags<T extends { tags?: string[] }>(photo: T): T {
  const copy = { ...photo }
  delete copy.tags
  return copy
}

/** Apply a change to every tag list of an item (its own and each photo's); null if unchanged. */
export function changeAllTags(
  item: ArchiveItem,
  change: (tags: readonly string[]) => string[],
): ArchiveItem | null {
  const photoIds =
    item.kind === 'article'
      ? new Set(item.photos.filter((p) => p.tags?.length).map((p) => p.id))
      : new Set<string>()
  return changeTags(item, { item: true, photoIds }, change)
}

/** Whether an item or one of its photos carries a tag (by identity), from its summary. */
export function summaryHasTag(s: ItemSummary, key: string): boolean {
  return s.tags.some((t) => tagKey(t) === key) || !!s.photoTags?.some((t) => tagKey(t) === key)
}

/** The refs of an item's tag holders (the item id and/or `ITEM/PHOTO`), for undo. */
export function refsWithTag(item: ArchiveItem, key: string): string[] {
  const refs: string[] = []
  if (item.tags.some((t) => tagKey(t) === key)) refs.push(item.id)
  if (item.kind === 'article') {
    for (const p of item.photos) {
      if (p.tags?.some((t) => tagKey(t) === key)) refs.push(`${item.id}/${p.id}`)
    }
  }
  return refs
}
