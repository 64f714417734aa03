import { KNOWN_AGENCIES, type KnownAgency } from './creditData'

/** Compare organisation names without case, a leading "The", or spacing and dash differences. */
function agencyKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
}

const BY_KEY = new Map<string, KnownAgency>()
for (const agency of KNOWN_AGENCIES) {
  for (const alias of agency.aliases) BY_KEY.set(agencyKey(alias), agency)
}

/** The known agency an organisation name refers to (`AFP`, `Agence France-Presse`), or null. */
export function findKnownAgency(name: string): KnownAgency | null {
  return BY_KEY.get(agencyKey(name)) ?? null
}
