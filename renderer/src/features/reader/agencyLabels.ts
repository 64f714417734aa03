import type { Credit } from '../../../../main/core/model'

/** `EPA-EFE (EPA)`: the canonical name only where it differs from the name as printed. */
export function agencyLabel(printed: string, canonical: string | null): string {
  if (!canonical || canonical.toLowerCase() === printed.toLowerCase()) return printed
  return `${printed} (${canonical})`
}

/**
 * Names a user may want read as an agency from now on: the photographers of a credit that
 * names several (or only a guessed name), and an agency the table does not know yet.
 */
export function agencyCandidates(credit: Credit, knownIds: readonly string[]): string[] {
  const people = credit.photographer ? credit.photographer.split('; ') : []
  // An agency read as a second photographer (`Jane Doe; Le Pictorium`), or a guessed lone name.
  const out = people.length > 1 || (credit.uncertain && !credit.agency) ? [...people] : []
  const agencyKnown = credit.agencyIds.some((id) => knownIds.includes(id))
  if (credit.agency && (!agencyKnown || credit.agencyIds.length === 0)) out.push(credit.agency)
  return [...new Set(out)]
}
