import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { CompletionField, SearchOptions, SearchResult } from '../search/types'
import { searchWithClusters } from '../similar/clusterSearch'
import { similarItems } from '../similar/similarItems'
import type { ArchiveContext } from './context'

export type SearchMethods = Pick<Archive, 'search' | 'similar' | 'completeField'>

/** Search (with near-duplicate clusters folded in), similar items, field completion. */
export function createSearchMethods(ctx: ArchiveContext): SearchMethods {
  const { store, search, similar } = ctx
  return {
    search: (query: string, options?: SearchOptions): Promise<SearchResult> =>
      searchWithClusters(
        { search: (q, o) => search.search(q, o), similar, summary: (id) => store.summary(id) },
        query,
        options,
      ),

    async similar(id) {
      if (!store.summary(id)) throw new ArchiveError(`No item with id ${id}.`)
      await similar.ready
      return similarItems(similar, (i) => store.summary(i), id)
    },

    completeField: (field: CompletionField, prefix: string, limit?: number) =>
      search.completeField(field, prefix, limit),
  }
}
