import type { ArchiveChange } from '../archiveApi'
import type { ArchiveItem, ItemId, TagInfo } from '../model'
import type { SearchOptions, SearchResult } from '../search/types'
import type { ArchiveSettings } from '../storage/itemStore'
import { createVocabularyService } from '../vocabulary/vocabularyService'
import { createSuggestionService } from './suggestionService'
import type { ArchiveSuggestions } from './suggestionTypes'

export interface ArchiveSuggestionDeps {
  get(id: ItemId): Promise<ArchiveItem | undefined>
  tags(): TagInfo[]
  aliases(): string[][]
  articleCount(): number
  search(query: string, options?: SearchOptions): Promise<SearchResult>
  settings(): ArchiveSettings
  updateSettings(mutate: (s: ArchiveSettings) => void): Promise<void>
  now(): Date
  emit(change: ArchiveChange): void
  onChange(listener: (change: ArchiveChange) => void): void
}

/** Vocabulary + suggestions, wired to the archive (see vocabulary/ and suggest/). */
export function createArchiveSuggestions(deps: ArchiveSuggestionDeps): ArchiveSuggestions {
  const changed = () => deps.emit({ kind: 'settings' })
  const vocabulary = createVocabularyService({ ...deps, changed })
  const suggestions = createSuggestionService({
    ...deps,
    terms: vocabulary.vocabularyTerms,
    changed,
  })
  deps.onChange((change) => {
    // A restore or repair rewrites settings and items alike: read both again when needed.
    vocabulary.settingsChanged()
    suggestions.settingsChanged()
    if (change.kind !== 'settings') suggestions.itemsChanged()
  })
  return {
    vocabularyLists: vocabulary.vocabularyLists,
    importVocabulary: vocabulary.importVocabulary,
    removeVocabulary: vocabulary.removeVocabulary,
    suggest: suggestions.suggest,
    rejectSuggestion: suggestions.rejectSuggestion,
    unrejectSuggestion: suggestions.unrejectSuggestion,
  }
}
