import type { ArchiveItem, ItemId } from '../model'
import { documentsOf } from './documents'
import { execute, planQuery, Scratch, segmentIndex, type AliasIndex } from './executor'
import { parseQuery } from './queryParser'
import { buildSegment } from './segment'
import { SegmentSet } from './segmentSet'
import type { QueryError } from './types'

/** Which items a query matches (no ranking, facets or snippets), or why it cannot run. */
export interface QueryMatch {
  ids: ItemId[]
  error?: QueryError
}

/**
 * The items of `set` a query matches, each once (an article whose photo matches counts as the
 * article). Any problem with the query, even a slip a search forgives, is an error: a rule runs
 * on its own, so it must say exactly what it means. No typo tolerance: the words as written.
 */
export function matchQuery(
  set: SegmentSet,
  query: string,
  aliases: AliasIndex,
  scratch: Scratch,
): QueryMatch {
  const parsed = parseQuery(query)
  if (parsed.error) return { ids: [], error: parsed.error }
  try {
    const matches = execute(set, planQuery(set, parsed, aliases), scratch)
    const ids = new Set<ItemId>()
    let hint = 0
    for (let i = 0; i < matches.count; i++) {
      const g = matches.docs[i]
      hint = segmentIndex(set.segments, g, hint)
      const seg = set.segments[hint]
      const key = seg.data.keys[g - seg.base]
      const cut = key.indexOf('#')
      ids.add(cut === -1 ? key : key.slice(0, cut))
    }
    return { ids: [...ids] }
  } finally {
    scratch.reset()
  }
}

/**
 * Test a few items (not indexed yet, or just changed) against several queries without touching
 * the archive's index: the items get a small index of their own, searched with the same
 * analysis and query planner, so a rule means the same on one new item as on the archive.
 * Returns, per query, the ids of the items it matches.
 */
export async function matchItems(
  queries: readonly string[],
  items: readonly ArchiveItem[],
  aliases: AliasIndex,
): Promise<ItemId[][]> {
  if (items.length === 0 || queries.length === 0) return queries.map(() => [])
  const set = new SegmentSet()
  set.add(await buildSegment(items.flatMap(documentsOf)))
  const scratch = new Scratch()
  return queries.map((q) => matchQuery(set, q, aliases, scratch).ids)
}
