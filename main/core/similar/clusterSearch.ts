import type { ItemId, ItemSummary } from '../model'
import { parseQuery } from '../search/queryParser'
import { EMPTY_FACETS } from '../search/results'
import type { SearchHit, SearchOptions, SearchResult } from '../search/types'
import type { SimilarIndex } from './similarIndex'
import type { ClusterMember, HitCluster } from './types'

/**
 * Search with near-duplicate clusters: `similar:ID` resolved to ID's cluster (an unknown id is
 * a positioned error with no results), every article hit told its cluster, and with
 * `collapse` one row per cluster: the engine is asked for the page plus a bounded look-ahead
 * (half a page, at least 10, at most 200 hits in all), and a hit whose cluster already has a
 * row on the page is folded into that row. `collapsed.hidden` says how many were folded and
 * `collapsed.nextOffset` where the next page starts, so paging never skips or repeats a hit.
 */

/** Other members listed per hit; `size` gives the true count. */
export const MAX_LISTED = 20
const MAX_HITS = 200

export interface ClusterSearchDeps {
  search: (query: string, options: SearchOptions) => Promise<SearchResult>
  similar: SimilarIndex
  summary: (id: ItemId) => ItemSummary | undefined
}

export async function searchWithClusters(
  deps: ClusterSearchDeps,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const started = performance.now()
  const similar: Record<string, string[]> = {}
  for (const c of parseQuery(query).clauses) {
    if (c.kind !== 'filter' || c.filter !== 'similar') continue
    if (!deps.summary(c.id)) {
      return {
        query,
        total: 0,
        hits: [],
        facets: EMPTY_FACETS,
        error: { message: `No item with id ${c.id}.`, start: c.end - c.id.length, end: c.end },
        tookMs: performance.now() - started,
      }
    }
    await deps.similar.ready
    similar[c.id] = deps.similar.clusterOf(c.id) ?? [c.id]
  }
  // Listing a cluster's members is the point of `similar:`: never fold them there.
  const collapse = options.collapse === true && Object.keys(similar).length === 0
  const base: SearchOptions = { ...options, collapse: undefined, similar }
  if (!collapse) {
    const result = await deps.search(query, base)
    for (const hit of result.hits) annotate(deps, hit, 0)
    return result
  }
  const limit = Math.max(1, Math.min(MAX_HITS, options.limit ?? 20))
  const offset = Math.max(0, options.offset ?? 0)
  const lookAhead = Math.min(MAX_HITS - limit, Math.max(10, Math.ceil(limit / 2)))
  const result = await deps.search(query, { ...base, limit: limit + lookAhead })
  const rows: SearchHit[] = []
  const rowOf = new Map<string, { hit: SearchHit; folded: number }>()
  let hidden = 0
  let consumed = 0
  for (const hit of result.hits) {
    const cluster = hit.kind === 'article' ? deps.similar.clusterIdOf(hit.id) : undefined
    const row = cluster === undefined ? undefined : rowOf.get(cluster)
    if (row) {
      row.folded++
      hidden++
      consumed++
      continue
    }
    if (rows.length === limit) break
    rows.push(hit)
    if (cluster !== undefined) rowOf.set(cluster, { hit, folded: 0 })
    consumed++
  }
  for (const hit of rows) annotate(deps, hit, 0)
  for (const { hit, folded } of rowOf.values()) if (hit.cluster) hit.cluster.folded = folded
  result.hits = rows
  result.collapsed = { hidden, nextOffset: offset + consumed }
  return result
}

function annotate(deps: ClusterSearchDeps, hit: SearchHit, folded: number): void {
  if (hit.kind !== 'article') return
  const cluster = clusterInfo(deps, hit.id, folded)
  if (cluster) hit.cluster = cluster
}

/** The cluster of an item as a hit carries it, or undefined when it has no near duplicate. */
export function clusterInfo(
  deps: Pick<ClusterSearchDeps, 'similar' | 'summary'>,
  id: ItemId,
  folded = 0,
): HitCluster | undefined {
  const members = deps.similar.clusterOf(id)
  const name = deps.similar.clusterIdOf(id)
  if (!members || name === undefined) return undefined
  const others: ClusterMember[] = []
  for (const m of members) {
    if (m === id || others.length >= MAX_LISTED) continue
    const s = deps.summary(m)
    if (s) others.push(memberOf(s))
  }
  return { id: name, size: members.length, others, folded }
}

export function memberOf(s: ItemSummary): ClusterMember {
  const m: ClusterMember = { id: s.id, title: s.title }
  if (s.source) m.source = s.source
  if (s.publishedAt) m.publishedAt = s.publishedAt
  return m
}
