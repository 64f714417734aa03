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
