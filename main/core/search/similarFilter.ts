import type { ParsedQuery } from './queryParser'

/**
 * Give each `similar:ID` filter of a parsed query the ids of ID's near-duplicate cluster, as
 * the archive resolved them (`SearchOptions.similar`); without them the filter matches ID only.
 */
export function bindSimilarMembers(
  parsed: ParsedQuery,
  similar: Readonly<Record<string, readonly string[]>> | undefined,
): void {
  for (const c of parsed.clauses) {
    if (c.kind !== 'filter' || c.filter !== 'similar') continue
    c.members = new Set(similar?.[c.id] ?? [c.id])
  }
}
