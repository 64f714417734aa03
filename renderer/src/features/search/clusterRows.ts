import type { HitCluster } from '../../../../main/core/similar/types'
import type { ResultRow } from './useResults'

/** "+3 similar (AP, Reuters, BBC)": how many others the row stands for, and their outlets. */
export function similarLabel(cluster: Pick<HitCluster, 'size' | 'others'>, maxSources = 4): string {
  const sources: string[] = []
  for (const m of cluster.others) {
    const s = m.source?.trim()
    if (s && !sources.includes(s)) sources.push(s)
  }
  const shown = sources.slice(0, maxSources)
  const more = sources.length > shown.length ? ', …' : ''
  return `+${cluster.size - 1} similar${shown.length ? ` (${shown.join(', ')}${more})` : ''}`
}

/** The rows of a later page minus those whose cluster already has a row above. */
export function foldRepeatedClusters(
  loaded: readonly ResultRow[],
  page: readonly ResultRow[],
): { rows: ResultRow[]; folded: number } {
  const shown = new Set(loaded.flatMap((r) => (r.cluster && !r.memberOf ? [r.cluster.id] : [])))
  const rows: ResultRow[] = []
  let folded = 0
  for (const r of page) {
    if (r.cluster && shown.has(r.cluster.id)) folded++
    else {
      if (r.cluster) shown.add(r.cluster.id)
      rows.push(r)
    }
  }
  return { rows, folded }
}

/** The rows with each expanded cluster's other members listed under its row. */
export function withExpandedClusters(
  rows: readonly ResultRow[],
  expanded: ReadonlySet<string>,
): ResultRow[] {
  if (expanded.size === 0) return rows as ResultRow[]
  const out: ResultRow[] = []
  for (const row of rows) {
    out.push(row)
    if (!row.cluster || !expanded.has(row.key)) continue
    for (const m of row.cluster.others) {
      out.push({
        key: `${row.key}>${m.id}`,
        id: m.id,
        ref: m.id,
        kind: 'article',
        title: m.title,
        source: m.source,
        date: m.publishedAt,
        tags: [],
        snippets: [],
        memberOf: row.key,
      })
    }
  }
  return out
}
