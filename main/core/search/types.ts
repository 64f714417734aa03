import type { ArchiveItem, Credit, ItemId } from '../model'
import type { CollapseInfo, HitCluster } from '../similar/types'

export type SortOrder = 'relevance' | 'newest' | 'oldest'

export interface SearchOptions {
  /** Default 20, at most 200. */
  limit?: number
  offset?: number
  sort?: SortOrder
  /** Compute facet counts over the whole result set (default true). */
  facets?: boolean
  /** One row per near-duplicate cluster (see similar/clusterSearch.ts); default false. */
  collapse?: boolean
  /** Members of the clusters named by `similar:ID` in the query (filled in by the archive). */
  similar?: Record<string, string[]>
  /** Let close words of the index stand in for misspelled ones (default true). */
  typos?: boolean
}

/** A highlighted passage: `text` with `[start, end)` offsets of the matches inside it. */
export interface Snippet {
  field: 'title' | 'body' | 'caption' | 'credit'
  text: string
  highlights: [number, number][]
}

interface HitBase {
  /** The article or standalone photo id. */
  id: ItemId
  /**
   * What `morgue show`, `tag`, `credit` and `credit-line` accept for this hit: the item id, or
   * for a photo inside an article `ARTICLE/p0`.
   */
  ref: string
  score: number
  /** Fields that matched, e.g. ['title', 'caption']. */
  fields: string[]
  title: string
  source?: string
  publishedAt?: string
  tags: string[]
  snippets: Snippet[]
  /** Set when the item has near duplicates in the archive. */
  cluster?: HitCluster
}

export interface ArticleHit extends HitBase {
  kind: 'article'
}

/** A photo hit: one caption, with its credit and the item it belongs to. */
export interface PhotoHit extends HitBase {
  kind: 'photo'
  photoId: string
  caption: string
  credit: Credit | null
  /** sha256 of the thumbnail or image, when archived. */
  thumbnail?: string
  /** A person corrected the caption or credit. */
  edited?: boolean
}

export type SearchHit = ArticleHit | PhotoHit

export interface FacetCount {
  value: string
  count: number
}

/**
 * A year of the date facet. Items are filed by their published date; an item without one by
 * the date it was archived: `archived` of `count` are such items.
 */
export interface YearFacetCount extends FacetCount {
  archived: number
}

/**
 * Facet counts over the whole result set. Each value counts an item once: an article whose
 * text and photo captions both match (two result rows) adds 1 to its photographer, not 2.
 */
export interface Facets {
  tag: FacetCount[]
  agency: FacetCount[]
  photographer: FacetCount[]
  source: FacetCount[]
  year: YearFacetCount[]
}

/** A field value offered while typing `tag:`, `photographer:`, `agency:` or `source:`. */
export interface FieldCompletion {
  value: string
  /** Items holding the value (live, each item once). */
  count: number
}

export const COMPLETION_FIELDS = ['tag', 'photographer', 'agency', 'source'] as const
export type CompletionField = (typeof COMPLETION_FIELDS)[number]

/** The refs of every result row of a query; `error` as `SearchResult.error`. */
export interface MatchedRefs {
  refs: string[]
  error?: QueryError
}

/** A problem with the query, positioned so the UI can point at it. */
export interface QueryError {
  message: string
  /** Character offset in the query string. */
  start: number
  end: number
}

export interface SearchResult {
  query: string
  total: number
  hits: SearchHit[]
  facets: Facets
  /**
   * Set when the query has a problem. An unknown field or a malformed filter (`foo:bar`,
   * `after:2023-13-45`) gives no hits at all; lesser slips (an unclosed quote) still search.
   */
  error?: QueryError
  /**
   * Set when close words of the index stood in for misspelled ones: the query that was run
   * ("Showing results for …"), with `originalQuery` as typed and `exactQuery` the typed query
   * with those words forced exact (`=word`, "search instead for …").
   */
  correctedQuery?: string
  originalQuery?: string
  exactQuery?: string
  /** For a query without results: a close query that finds something ("Did you mean …?"). */
  didYouMean?: string
  tookMs: number
  /** Set when the page was collapsed to one row per cluster. */
  collapsed?: CollapseInfo
}

/**
 * The search engine the archive keeps in sync with its store. Implementations persist their
 * index inside `dir` and must never block the event loop for more than ~50 ms.
 */
export interface SearchEngine {
  /** Load the persisted index, or rebuild it from `items` when missing or stale. */
  open(items: () => AsyncIterable<ArchiveItem>, itemCount: number): Promise<void>
  /** Add or replace items; searchable when the promise resolves. */
  upsert(items: readonly ArchiveItem[]): Promise<void>
  /**
   * Re-index items whose only change since they were indexed is their tags (bulk tagging),
   * cheaper than `upsert`; same result. Searchable when the promise resolves.
   */
  retag(items: readonly ArchiveItem[]): Promise<void>
  /**
   * `retag` from tag lists alone (an article's photos may be left out: they keep their tags).
   * Resolves with the ids it could not retag so (not indexed as they are): upsert those.
   */
  retagOnly(items: readonly TagOnlyItem[]): Promise<ItemId[]>
  remove(ids: readonly ItemId[]): Promise<void>
  /** Resolves when every write queued so far (segments, manifest, merges) is on disk. */
  idle(): Promise<void>
  search(query: string, options?: SearchOptions): Promise<SearchResult>
  /** Every result row's ref of a query (what "tag all results" tags), unranked. */
  matchRefs(query: string, options?: SearchOptions): Promise<MatchedRefs>
  /** Replace the name-variant alias groups (see ArchiveSettings.aliases); applies at once. */
  setAliases(groups: string[][]): void
  /** Every indexed item a query matches, each once; any query problem is `error` (rules). */
  matchAll(query: string): Promise<{ ids: ItemId[]; error?: QueryError }>
  /** Per query, the ids of `items` it matches, tested without indexing them (rules on save). */
  matchItems(queries: readonly string[], items: readonly ArchiveItem[]): Promise<ItemId[][]>
  /** Values of a field starting with `prefix` (any word of them, folded), most items first. */
  completeField(field: CompletionField, prefix: string, limit?: number): Promise<FieldCompletion[]>
  close(): Promise<void>
}

/**
 * What retagging reads of an item: its id, kind and tag lists (a full ArchiveItem will do; the
 * search worker is sent only this much).
 */
export type TagOnlyItem =
  | { kind: 'photo'; id: string; tags: readonly string[] }
  | {
      kind: 'article'
      id: string
      tags: readonly string[]
      /** Each photo's own tags; left out when only the article's tags changed (see `putTags`). */
      photos?: { id: string; tags?: string[] }[]
    }
