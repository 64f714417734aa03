import { useCallback, useEffect, useRef, useState } from 'react'
import type { Credit, ItemId, ItemSummary } from '../../../../main/core/model'
import type { Facets, QueryError, SearchHit, Snippet } from '../../../../main/core/search/types'
import { archive, unwrap } from '../../api'

/** One line of the results list: an article, a standalone photo, or a photo hit in an article. */
export interface ResultRow {
  key: string
  id: ItemId
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
    }
  }
  return { ...base, key: hit.id, kind: 'article' }
}

function fromSummary(s: ItemSummary): ResultRow {
  return {
    key: s.id,
    id: s.id,
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
): Promise<Page> {
  const q = query.trim()
  const tagOnly = TAG_ONLY.exec(q)
  const feedOnly = FEED_ONLY.exec(q)
  if (q === '' || tagOnly || feedOnly) {
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
    }
  }
  const result = await unwrap(
    archive.search(q, {
      offset,
      limit: Math.min(limit ?? SEARCH_PAGE, 200),
      sort,
      facets: offset === 0,
    }),
  )
  return {
    rows: result.hits.map(fromHit),
    total: result.total,
    facets: result.facets ?? null,
    error: result.error ?? null,
    searched: true,
  }
}

/**
 * Results for the query as you type: debounced, stale answers dropped, more pages loaded as
 * the list scrolls, refetched when `version` changes (the archive changed).
 */
export function useResults(query: string, sort: SortMode, version: number) {
  const [state, setState] = useState<ResultsState>({
    rows: [],
    total: 0,
    facets: null,
    error: null,
    failure: null,
    loading: true,
    searched: false,
  })
  const request = useRef(0)
  const loadingMore = useRef(false)
  const lastKey = useRef('')
  const loaded = useRef(0)

  useEffect(() => {
    const key = `${query}\u0000${sort}`
    const sameQuery = key === lastKey.current
    lastKey.current = key
    const id = ++request.current
    // A refresh after a change keeps what was loaded, so the list does not jump back.
    const keep = sameQuery ? Math.max(loaded.current, 1) : undefined
    const timer = setTimeout(
      () => {
        setState((s) => ({ ...s, loading: true }))
        fetchPage(query, sort, 0, keep)
          .then((page) => {
            if (id !== request.current) return
            loaded.current = page.rows.length
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
  }, [query, sort, version])

  const loadMore = useCallback(() => {
    if (loadingMore.current || state.rows.length >= state.total || state.loading) return
    loadingMore.current = true
    const id = request.current
    fetchPage(query, sort, state.rows.length)
      .then((page) => {
        if (id !== request.current) return
        setState((s) => {
          const rows = [...s.rows, ...page.rows]
          loaded.current = rows.length
          return { ...s, rows }
        })
      })
      .catch(() => undefined)
      .finally(() => {
        loadingMore.current = false
      })
  }, [query, sort, state.rows.length, state.total, state.loading])

  return { ...state, loadMore }
}
