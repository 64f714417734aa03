import { parseQuery } from '../search/queryParser'
import type { QueryError } from '../search/types'

/** An empty query or a lone `*` means every item: such a rule tags the whole archive. */
export function matchesEverything(query: string): boolean {
  const q = query.trim()
  return q === '' || q === '*'
}

/** The query's first problem, positioned; undefined when it is a valid rule query. */
export function ruleQueryError(query: string): QueryError | undefined {
  if (matchesEverything(query)) return undefined
  return parseQuery(query).error
}

/** `The rule's query is not valid at 7–9 (“foo”): Unknown field…` — one line to act on. */
export function describeQueryError(query: string, error: QueryError): string {
  const part = query.slice(error.start, error.end)
  const where = `at ${error.start + 1}–${Math.max(error.start + 1, error.end)}`
  return `The rule's query is not valid ${where}${part ? ` (“${part}”)` : ''}: ${error.message}`
}
