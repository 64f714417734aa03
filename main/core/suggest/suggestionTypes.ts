import type { ItemId } from '../model'
import type { ImportVocabularyOptions, VocabularyListInfo } from '../vocabulary/vocabularyTypes'

/** A tag the reader offers for an item: a term of the vocabulary found in its text. */
export interface TagSuggestion {
  /** The tag accepting it adds (a path for a hierarchical term). */
  tag: string
  /** What was found in the text, as written there (`Raqqa`, `al-Raqqa`). */
  matched: string
  /** Where it was found: title, subtitle, body, caption, credit. */
  fields: string[]
  /** Occurrences in the item. */
  count: number
  /** Articles of the archive holding it (its document frequency). */
  documents: number
  /** The ranking score: occurrences weighed by field, against how common it is. */
  score: number
  /** `vocabulary` for a term of an imported list, `tag` for a tag of the archive only. */
  source: 'tag' | 'vocabulary'
}

export type NameKind = 'person' | 'place' | 'organisation'

/** A name the language model found in the text that the vocabulary does not know yet. */
export interface NewName {
  name: string
  kind: NameKind
  count: number
  /** The tag "add" makes when the user files names under a branch: `People/Tony Blair`. */
  path: string
}

export interface ItemSuggestions {
  id: string
  suggestions: TagSuggestion[]
  newNames: NewName[]
  /** Tag keys the user rejected for this item (not suggested again). */
  rejected: string[]
}

/** The branch each kind of name is filed under when the user asks for it. */
export const NAME_BRANCHES: Record<NameKind, string> = {
  person: 'People',
  place: 'Places',
  organisation: 'Organisations',
}

export interface SuggestOptions {
  limit?: number
  /** Also look for new names with the language model (default true). */
  newNames?: boolean
  /** Least field-weighted occurrences of a suggestion (default 1.5: headline, lede, caption, credit, or twice in the body). */
  minWeight?: number
}

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
