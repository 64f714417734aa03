import { MAC_NAME_EXCEPTIONS, NAME_PARTICLES } from './creditData'

const PARTICLES = new Set(NAME_PARTICLES)
const MAC_EXCEPTIONS = new Set(MAC_NAME_EXCEPTIONS)

/**
 * Put a person's name in normal capitalisation when the source shouts it: `DELIL SOULEIMAN` →
 * `Delil Souleiman`, `Sameer AL-DOUMY` → `Sameer Al-Doumy`, `CALLAGHAN O'HARE` →
 * `Callaghan O'Hare`, `DAVID MCNEW` → `David McNew`, `PATRICIA DE MELO MOREIRA` → `Patricia de
 * Melo Moreira`. Only ALL-CAPS words change, so spellings people chose (`deGooyer`, `McNew`) are
 * kept. Single letters (initials) stay as they are.
 */
export function normalizePersonName(name: string): string {
  const words = name.trim().replace(/\s+/g, ' ').split(' ')
  const last = words.length - 1
  return words.map((w, i) => normalizeWord(w, i > 0 && i < last)).join(' ')
}

function normalizeWord(word: string, inside: boolean): string {
  const letters = word.replace(/[^\p{L}]/gu, '')
  const shouted = letters.length > 1 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)
  if (!shouted) return word
  const lower = word.toLowerCase()
  // Particles inside a name stay lower case: `de`, `van`, `von der`, `bin`, `da`.
  if (inside && PARTICLES.has(lower)) return lower
  // Capitalise each part after a hyphen or apostrophe: AL-DOUMY → Al-Doumy, O'HARE → O'Hare.
  const proper = lower.replace(
    /(^|[-'’])(\p{L})/gu,
    (_m, sep: string, ch: string) => sep + ch.toUpperCase(),
  )
  return scottishPrefix(proper)
}

/** `Mcnew` → `McNew`; `Macdougall` → `MacDougall`, but not `Machado` or `Mack`. */
function scottishPrefix(word: string): string {
  const mc = /^(Mc)(\p{Ll})(\p{Ll}+)$/u.exec(word)
  if (mc) return mc[1] + mc[2].toUpperCase() + mc[3]
  const mac = /^(Mac)([dgklnpq])(\p{Ll}{3,})$/u.exec(word)
  if (mac && !MAC_EXCEPTIONS.has(word.toLowerCase())) return mac[1] + mac[2].toUpperCase() + mac[3]
  return word
}

/** Whether `word` is a lower-case particle allowed inside a person's name (`de`, `van`, `bin`). */
export function isNameParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase())
}
