/**
 * Archive search: a segmented, persisted index with lunr's analysis and ranking, the newsroom
 * query language, facets and snippets. See engine.ts for the design.
 */
import { SegmentedSearchEngine, type SearchEngineOptions } from './engine'
import type { SearchEngine } from './types'

export { DEFAULT_ALIASES, SegmentedSearchEngine, type SearchEngineOptions } from './engine'
export { parseQuery, type ParsedQuery, type QueryClause } from './queryParser'
export { documentsOf } from './documents'

/** Create the archive's search engine; call `open` before anything else. */
export function createSearchEngine(
  options: SearchEngineOptions,
): SearchEngine & SegmentedSearchEngine {
  return new SegmentedSearchEngine(options)
}
