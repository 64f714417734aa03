import type { Credit } from '../model'
import type { CreditPart } from './parseCredit'

/**
 * How sure a parse is, 0–1: full marks for what the wires write (a known agency, a person's full
 * name, labels and chains), less for names guessed by elimination (one capitalised word as the
 * agency, a lone user name as the photographer, a bare name with nothing around it).
 */
export function creditConfidence(credit: Credit, parts: CreditPart[], labelled: boolean): number {
  let score = 1
  const agencyPart = parts.find((p) => p.kind === 'organisation' && p.text === credit.agency)
  if (agencyPart?.guessed) score -= 0.35
  else if (agencyPart && !agencyPart.known) score -= 0.1
  const people = credit.photographer ? credit.photographer.split('; ') : []
  if (people.some((p) => !/\s/.test(p))) score -= 0.3
  if (people.length > 3) score -= 0.2
  if (parts.some((p) => p.kind === 'person' && p.place !== 'main')) score -= 0.2
  const bare = parts.length === 1 && !labelled
  if (bare && parts[0].kind === 'person') score -= 0.25
  if (credit.photographer === null && credit.agency === null && credit.via?.length === 0) {
    // Only markers (`STR`, `Handout`): nothing wrong, but nothing to go on either.
    score -= credit.role ? 0.1 : 0.2
  }
  return Math.max(0, Math.min(1, Math.round(score * 100) / 100))
}
