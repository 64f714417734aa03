import type { ItemId } from '../model'

/** A member of a near-duplicate cluster, as lists show it. */
export interface ClusterMember {
  id: ItemId
  title: string
  source?: string
  publishedAt?: string
}

/** The near-duplicate cluster a search hit belongs to. */
export interface HitCluster {
  /** Stable cluster name (its smallest member id); `similar:<any member id>` lists it. */
  id: string
  /** Members including this hit. */
  size: number
  /** The other members (at most `MAX_LISTED`; `size` tells how many there are). */
  others: ClusterMember[]
  /** How many other members also matched the query and were folded into this row. */
  folded: number
}

/** How a collapsed result page was made (one row per cluster). */
export interface CollapseInfo {
  /** Hits of this page folded into the row of a more relevant member of their cluster. */
  hidden: number
  /** The `offset` to ask for the next page with (counts every hit consumed, folded ones too). */
  nextOffset: number
}

/** What `archive.similar(id)` returns. */
export interface SimilarResult {
  id: ItemId
  /** The cluster's name, null when the item has no near duplicate. */
  cluster: string | null
  /** The other members, most similar first. */
  items: (ClusterMember & { similarity: number })[]
}
