import type { EditKind } from '../../../main/core/search/testing/misspell'
import type { SeedKind } from './seedQueries'
import queries from './typoQueries.json'

/** One misspelt query of the BBC typo set and the article it means. */
export interface TypoQuery {
  /** As typed, with its typos. */
  query: string
  /** The correct spelling. */
  intended: string
  /** The BBC article id the correct spelling ranks first. */
  target: string
  kind: SeedKind
  /** The edits made (one or two). */
  edits: EditKind[]
}

export const TYPO_QUERIES = queries as TypoQuery[]
