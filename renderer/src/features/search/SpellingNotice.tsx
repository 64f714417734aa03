import type { SpellingCorrection } from './useResults'

/**
 * What typo tolerance did, above the results: "Showing results for X — search instead for Y"
 * (Y runs the query as typed, its corrected words forced exact), or, for a query without
 * results, "Did you mean X?". Both are buttons: Tab reaches them, Enter runs them.
 */
export function SpellingNotice({
  correction,
  didYouMean,
  onQuery,
}: {
  correction: SpellingCorrection | null
  didYouMean: string | null
  onQuery: (query: string) => void
}) {
  if (correction) {
    return (
      <p className="spelling-notice" role="status" data-testid="spelling-notice">
        Showing results for <strong>{correction.correctedQuery}</strong> — search instead for{' '}
        <button
          type="button"
          className="link-button"
          data-testid="search-instead"
          onClick={() => onQuery(correction.exactQuery)}
        >
          {correction.originalQuery}
        </button>
      </p>
    )
  }
  if (didYouMean) {
    return (
      <p className="spelling-notice" role="status" data-testid="did-you-mean">
        Did you mean{' '}
        <button
          type="button"
          className="link-button"
          data-testid="did-you-mean-link"
          onClick={() => onQuery(didYouMean)}
        >
          {didYouMean}
        </button>
        ?
      </p>
    )
  }
  return null
}
