import { ArchiveError } from '../archiveError'
import { parseQuery } from './queryParser'
import type { QueryError } from './types'

/** A query that cannot be saved as it is: the parser's positioned error, for the user. */
export class QueryProblemError extends ArchiveError {
  constructor(
    readonly query: string,
    readonly problem: QueryError,
  ) {
    super(`The query has a problem at character ${problem.start + 1}: ${problem.message}`)
  }
}

/**
 * Check a query before it is kept (a saved search): empty, or any problem the parser reports
 * (unknown field, malformed filter, unclosed quote…), is refused with its position.
 */
export function checkSavedQuery(query: string): QueryProblemError | null {
  if (!query.trim()) {
    return new QueryProblemError(query, {
      message: 'A saved search needs a query.',
      start: 0,
      end: 1,
    })
  }
  const { error } = parseQuery(query)
  return error ? new QueryProblemError(query, error) : null
}

/** The query with a caret line under the problem, for a terminal. */
export function pointAtProblem(query: string, problem: QueryError): string {
  const start = Math.max(0, Math.min(problem.start, query.length))
  const end = Math.max(start + 1, Math.min(problem.end, query.length))
  return `  ${query}\n  ${' '.repeat(start)}${'^'.repeat(end - start)}`
}
