/**
 * Archive search: a segmented, persisted index with lunr's analysis and ranking, the newsroom
 * query language, facets and snippets. See engine.ts for the design.
 */
import { SegmentedSearchEngine, type SearchEngineOptions } from './engine'
import { SearchWorkerClient } from './searchWorkerClient'
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

/**
 * The engine the archive uses: in its own worker thread, so indexing, querying and the garbage
 * collection of the index never hold the caller's event loop; in this thread (time-sliced) only
 * where no worker script can run.
 */
export async function openSearchEngine(options: SearchEngineOptions): Promise<SearchEngine> {
  return (await SearchWorkerClient.start(options)) ?? new SegmentedSearchEngine(options)
}
