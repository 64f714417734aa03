import { ArchiveError } from '../archiveError'
import type { TagInfo } from '../model'
import type { ItemStore } from '../storage/itemStore'
import { MAX_TAG_LENGTH, normalizeTag, tagKey, tagProblem } from '../tags'

/** The archive's tags by identity, built from the summaries on first use. */
export interface TagTable {
  /** key → { display name, count, photos, colour }, display case as first seen. */
  table(): Map<string, TagInfo>
  /** Items changed: build the table again on next use. */
  invalidate(): void
  /** A tag the user typed, normalised; empty, only separators or too long is an `ArchiveError`. */
  clean(tag: string): string
  /** An existing tag's display form wins, so `Iran` and `iran` stay one tag. */
  display(tag: string): string
  /** Tags coming from files (IPTC keywords, feed categories) are trimmed, never refused. */
  displayLenient(tag: string): string
}

export function createTagTable(store: ItemStore): TagTable {
  let cache: Map<string, TagInfo> | null = null

  function table(): Map<string, TagInfo> {
    if (cache) return cache
    const built = new Map<string, TagInfo>()
    const count = (t: string, photo: boolean) => {
      const key = tagKey(t)
      let entry = built.get(key)
      if (!entry) built.set(key, (entry = { name: t, count: 0 }))
      entry.count++
      if (photo) entry.photos = (entry.photos ?? 0) + 1
    }
    for (const s of store.summaries()) {
      for (const t of s.tags) count(t, false)
      for (const t of s.photoTags ?? []) count(t, true)
    }
    const colors = store.settings().tagColors
    for (const [key, info] of built) if (colors[key]) info.color = colors[key]
    cache = built
    return built
  }

  function clean(tag: string): string {
    const problem = tagProblem(tag)
    if (problem) throw new ArchiveError(problem)
    return normalizeTag(tag)
  }

  return {
    table,
    invalidate: () => {
      cache = null
    },
    clean,
    display(tag) {
      const t = clean(tag)
      return table().get(tagKey(t))?.name ?? t
    },
    displayLenient(tag) {
      const t = normalizeTag(tag).slice(0, MAX_TAG_LENGTH)
      return t ? (table().get(tagKey(t))?.name ?? t) : ''
    },
  }
}

/** Keep the first spelling of each tag identity, drop empties, keep order. */
export function dedupeTags(tags: readonly string[]): string[] {
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
