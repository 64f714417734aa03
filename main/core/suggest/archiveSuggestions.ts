import type { ArchiveChange } from '../archiveApi'
import type { ArchiveItem, ItemId, TagInfo } from '../model'
import type { SearchOptions, SearchResult } from '../search/types'
import type { ArchiveSettings } from '../storage/itemStore'
import {
  createVocabularyService,
  type ImportVocabularyOptions,
} from '../vocabulary/vocabularyService'
import type { VocabularyListInfo } from '../vocabulary/vocabularyTypes'
import { createSuggestionService, type SuggestOptions } from './suggestionService'
import type { ItemSuggestions } from './suggestionTypes'

/** The vocabulary and suggestion calls of the Archive interface. */
export interface ArchiveSuggestions {
  /** Imported keyword lists (without their terms). */
  vocabularyLists(): VocabularyListInfo[]
  /**
   * Import a keyword list (plain, tab-indented Lightroom/Photo Mechanic, SKOS JSON or RDF/XML,
   * told apart by content). A list of the same name is replaced.
   * @throws ImportError when the file is none of these (nothing is stored).
   */
  importVocabulary(
    bytes: Uint8Array,
    source: string,
    options?: ImportVocabularyOptions,
  ): Promise<VocabularyListInfo>
  /** Forget a keyword list by id or name. */
  removeVocabulary(ref: string): Promise<VocabularyListInfo>
  /** Tags to suggest for an item, best first, and names the vocabulary does not know yet. */
  suggest(id: ItemId, options?: SuggestOptions): Promise<ItemSuggestions>
  /** Do not suggest `tag` for this item again (remembered in the archive). */
  rejectSuggestion(id: ItemId, tag: string): Promise<void>
  unrejectSuggestion(id: ItemId, tag: string): Promise<void>
}

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
