import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Credit, ItemId, ItemSummary } from '../../../../main/core/model'
import type {
  Facets,
  QueryError,
  SearchHit,
  SearchResult,
  Snippet,
} from '../../../../main/core/search/types'
import type { HitCluster } from '../../../../main/core/similar/types'
import { archive, unwrap } from '../../api'
import { foldRepeatedClusters, withExpandedClusters } from './clusterRows'

/** One line of the results list: an article, a standalone photo, or a photo hit in an article. */
export interface ResultRow {
  key: string
  id: ItemId
  /** What photo actions take: the item id, or `ARTICLE/p0` for a photo inside an article. */
  ref: string
  kind: 'article' | 'photo'
  title: string
  source?: string
  date?: string
  tags: string[]
  snippets: Snippet[]
  caption?: string
  credit?: Credit | null
  /** sha256 of the thumbnail, when archived. */
  thumbnail?: string
  /** Set for a caption inside an article. */
  photoId?: string
  /** Its near-duplicate cluster, when it has one (the row stands for the whole cluster). */
  cluster?: HitCluster
  /** Set on the rows an expanded cluster shows under its row: that row's key. */
  memberOf?: string
  /** A person corrected the caption or credit. */
  edited?: boolean
}

export type SortMode = 'relevance' | 'newest' | 'oldest'

export interface ResultsState {
  rows: ResultRow[]
  total: number
  facets: Facets | null
  error: QueryError | null
  failure: string | null
  loading: boolean
  /** Whether the rows come from a query (true) or are the plain archive list. */
  searched: boolean
  /** Hits folded into the row of their cluster (not shown as rows of their own). */
  hidden: number
  /** Where the next page starts among the hits (rows + folded hits so far). */
  nextOffset: number
  /** Set when close words stood in for misspelled ones ("Showing results for …"). */
  correction: SpellingCorrection | null
  /** For a query without results: a close query that finds something. */
  didYouMean: string | null
}

/** What typo tolerance did: the query run, as typed, and as typed with exact words. */
export interface SpellingCorrection {
  correctedQuery: string
  originalQuery: string
  exactQuery: string
}

function correctionOf(result: SearchResult): SpellingCorrection | null {
  const { correctedQuery, originalQuery, exactQuery } = result
  if (correctedQuery === undefined || originalQuery === undefined || exactQuery === undefined)
    return null
  return { correctedQuery, originalQuery, exactQuery }
}

const SEARCH_PAGE = 100
const LIST_PAGE = 500
const DEBOUNCE_MS = 120

const TAG_ONLY = /^\s*tag:(?:"([^"]+)"|(\S+))\s*$/
/** `feed:ID` alone lists a feed's items (the sidebar's Feeds section sets it). */
const FEED_ONLY = /^feed:([0-9a-f]{8})$/

function fromHit(hit: SearchHit): ResultRow {
  const base = {
    id: hit.id,
    ref: hit.ref,
    title: hit.title,
    source: hit.source,
    date: hit.publishedAt,
    tags: hit.tags,
    snippets: hit.snippets,
  }
  if (hit.kind === 'photo') {
    return {
      ...base,
      key: `${hit.id}:${hit.photoId}`,
      kind: 'photo',
      caption: hit.caption,
      credit: hit.credit,
      thumbnail: hit.thumbnail,
      photoId: hit.photoId,
      edited: hit.edited,
    }
  }
  return { ...base, key: hit.id, kind: 'article', cluster: hit.cluster }
}

function fromSummary(s: ItemSummary): ResultRow {
  return {
    key: s.id,
    id: s.id,
    ref: s.id,
    kind: s.kind,
    title: s.title,
    source: s.source,
    date: s.publishedAt ?? s.archivedAt,
    tags: s.tags,
    snippets: [],
    thumbnail: s.thumbnail?.sha256,
  }
}

type Page = Omit<ResultsState, 'loading' | 'failure'>

/**
 * Fetch one page for a query: the plain list when it is empty or only `tag:x` (cheap, and
 * sorted by date), the search engine otherwise.
 */
async function fetchPage(
  query: string,
  sort: SortMode,
  offset: number,
  limit?: number,
  photoTagged?: (tag: string) => boolean,
): Promise<Page> {
  const q = query.trim()
  // A tag carried by photos inside articles is searched, so each photo is a row of its own.
  const tagOnly = TAG_ONLY.exec(q)
  const tagName = tagOnly ? (tagOnly[1] ?? tagOnly[2]) : undefined
  const feedOnly = FEED_ONLY.exec(q)
  if (q === '' || (tagOnly && !photoTagged?.(tagName!)) || feedOnly) {
    // The list comes from the store; the facets of the whole archive (or tag) from the index.
    const [page, counted] = await Promise.all([
      unwrap(
        archive.list({
          offset,
          limit: Math.min(limit ?? LIST_PAGE, 1000),
          sort: sort === 'oldest' ? 'oldest' : 'newest',
          tag: tagOnly ? (tagOnly[1] ?? tagOnly[2]) : undefined,
          feed: feedOnly?.[1],
        }),
      ),
      offset === 0 && !feedOnly ? unwrap(archive.search(q, { limit: 1, facets: true })) : null,
    ])
    return {
      rows: page.items.map(fromSummary),
      total: page.total,
      facets: counted?.facets ?? null,
      error: null,
      searched: q !== '',
      hidden: 0,
      nextOffset: offset + page.items.length,
      correction: null,
      didYouMean: null,
    }
  }
  const result = await unwrap(
    archive.search(q, {
      offset,
      limit: Math.min(limit ?? SEARCH_PAGE, 200),
      sort,
      facets: offset === 0,
      collapse: true,
    }),
  )
  return {
    rows: result.hits.map(fromHit),
    total: result.total,
    facets: result.facets ?? null,
    error: result.error ?? null,
    searched: true,
    hidden: result.collapsed?.hidden ?? 0,
    nextOffset: result.collapsed?.nextOffset ?? offset + result.hits.length,
    correction: correctionOf(result),
    didYouMean: result.didYouMean ?? null,
  }
}

/**
 * Results for the query as you type: debounced, stale answers dropped, more pages loaded as
 * the list scrolls, refetched when `version` changes (the archive changed).
 */
export function useResults(
  query: string,
  sort: SortMode,
  version: number,
  photoTagged?: (tag: string) => boolean,
) {
  const [state, setState] = useState<ResultsState>({
    rows: [],
    total: 0,
    facets: null,
    error: null,
    failure: null,
    loading: true,
    searched: false,
    hidden: 0,
    nextOffset: 0,
    correction: null,
    didYouMean: null,
  })
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const request = useRef(0)
  const loadingMore = useRef(false)
  const lastKey = useRef('')
  const loaded = useRef(0)
  /** The query and sort the rows in `state` answer. */
  const shownKey = useRef('')

  useEffect(() => {
    const key = `${query}\u0000${sort}`
    const sameQuery = key === lastKey.current
    lastKey.current = key
    const id = ++request.current
    // A refresh after a change keeps what was loaded, so the list does not jump back.
    const keep = sameQuery ? Math.max(loaded.current, 1) : undefined
    if (!sameQuery) setExpanded(new Set())
    const timer = setTimeout(
      () => {
        setState((s) => ({ ...s, loading: true }))
        fetchPage(query, sort, 0, keep, photoTagged)
          .then((page) => {
            if (id !== request.current) return
            loaded.current = page.nextOffset
            shownKey.current = key
            setState({ ...page, failure: null, loading: false })
          })
          .catch((err: unknown) => {
            if (id !== request.current) return
            setState((s) => ({
              ...s,
              loading: false,
              failure: err instanceof Error ? err.message : String(err),
            }))
          })
      },
      sameQuery ? 0 : DEBOUNCE_MS,
    )
    return () => clearTimeout(timer)
  }, [query, sort, version, photoTagged])

  const loadMore = useCallback(() => {
    if (loadingMore.current || state.nextOffset >= state.total || state.loading) return
    // The state may still be the previous query's while the new one is on its way: its
    // offset means nothing for the new query.
    if (shownKey.current !== lastKey.current) return
    loadingMore.current = true
    const id = request.current
    fetchPage(query, sort, state.nextOffset, undefined, photoTagged)
      .then((page) => {
        if (id !== request.current) return
        setState((s) => {
          // A cluster whose row is already loaded gets no second row from a later page.
          const { rows: folding, folded } = foldRepeatedClusters(s.rows, page.rows)
          // A row already listed (the archive changed between pages) is not listed twice.
          const listed = new Set(s.rows.map((r) => r.key))
          const fresh = folding.filter((r) => !listed.has(r.key))
          loaded.current = page.nextOffset
          return {
            ...s,
            rows: [...s.rows, ...fresh],
            hidden: s.hidden + page.hidden + folded,
            nextOffset: page.nextOffset,
          }
        })
      })
      .catch(() => undefined)
      .finally(() => {
        loadingMore.current = false
      })
  }, [query, sort, state.nextOffset, state.total, state.loading, photoTagged])

  const toggleCluster = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  }, [])
  const rows = useMemo(() => withExpandedClusters(state.rows, expanded), [state.rows, expanded])

  return { ...state, rows, expanded, loadMore, toggleCluster }
}
