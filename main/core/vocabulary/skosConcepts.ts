import {
  MAX_SYNONYMS,
  MAX_TERM_LENGTH,
  PATH_SEPARATOR,
  segmentOf,
  type VocabularyTerm,
} from './vocabularyTypes'

/** A label with its language tag ('' when it has none). */
export interface LangLabel {
  value: string
  lang: string
}

/** A SKOS concept as read from JSON(-LD) or RDF/XML, before labels are chosen. */
export interface SkosConcept {
  id: string
  prefLabels: LangLabel[]
  /** altLabel and hiddenLabel: other names the concept is found under. */
  altLabels: LangLabel[]
  broader: string[]
  narrower: string[]
  /** IPTC marks withdrawn codes with a `retired` date: they are left out. */
  retired?: boolean
}

/**
 * The labels in the chosen language: an exact language tag first (`en-GB`), then the same
 * primary language (`en` for `en-GB`, `en-US` for `en`), then labels without a language, then
 * English, then whatever there is. Returns every label of the best tier found.
 */
export function pickLabels(labels: readonly LangLabel[], lang: string): string[] {
  const want = lang.toLowerCase()
  const primary = want.split('-')[0]
  const tiers: ((l: LangLabel) => boolean)[] = [
    (l) => l.lang.toLowerCase() === want,
    (l) => l.lang.toLowerCase().split('-')[0] === primary,
    (l) => l.lang === '',
    (l) => l.lang.toLowerCase().split('-')[0] === 'en',
    () => true,
  ]
  for (const tier of tiers) {
    const found = labels.filter(tier).map((l) => l.value.trim())
    const kept = [...new Set(found.filter((v) => v !== ''))]
    if (kept.length > 0) return kept
  }
  return []
}

/**
 * Concepts → terms: each concept's preferred label in the chosen language, its path through
 * its first broader concept (or the concept listing it as narrower) up to a top concept, and
 * its alternative labels as synonyms. Concepts without a label in any language are skipped.
 */
export function conceptsToTerms(concepts: readonly SkosConcept[], lang: string): VocabularyTerm[] {
  const live = concepts.filter((c) => !c.retired)
  const byId = new Map(live.map((c) => [c.id, c]))
  const parentOf = new Map<string, string>()
  for (const c of live) {
    const up = c.broader.find((b) => b !== c.id && byId.has(b))
    if (up) parentOf.set(c.id, up)
  }
  for (const c of live) {
    for (const n of c.narrower)
      if (n !== c.id && byId.has(n) && !parentOf.has(n)) parentOf.set(n, c.id)
  }
  const labelOf = new Map<string, string>()
  for (const c of live) {
    const label = pickLabels(c.prefLabels, lang)[0]
    if (label) labelOf.set(c.id, label)
  }
  const terms: VocabularyTerm[] = []
  for (const c of live) {
    const label = labelOf.get(c.id)
    if (!label) continue
    const segments = [segmentOf(label)]
    const seen = new Set([c.id])
    for (let up = parentOf.get(c.id); up && !seen.has(up); up = parentOf.get(up)) {
      seen.add(up)
      const l = labelOf.get(up)
      if (l) segments.unshift(segmentOf(l))
    }
    const path = segments.filter((s) => s !== '').join(PATH_SEPARATOR)
    if (!path || path.length > MAX_TERM_LENGTH) continue
    const synonyms = pickLabels(c.altLabels, lang)
    if (segmentOf(label) !== label) synonyms.unshift(label)
    const other = pickLabels(c.prefLabels, lang).slice(1)
    const all = [...new Set([...synonyms, ...other])]
      .filter((s) => s !== label && s.length <= MAX_TERM_LENGTH)
      .slice(0, MAX_SYNONYMS)
    terms.push(all.length > 0 ? { path, synonyms: all } : { path })
  }
  return terms
}
