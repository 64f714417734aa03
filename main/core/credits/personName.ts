import { NAME_PARTICLES } from './creditData'

const PARTICLES = new Set(NAME_PARTICLES)

/**
 * Put a person's name in normal capitalisation when the source shouts it: `DELIL SOULEIMAN` →
 * `Delil Souleiman`, `Sameer AL-DOUMY` → `Sameer Al-Doumy`, `CALLAGHAN O'HARE` →
 * `Callaghan O'Hare`. Only ALL-CAPS words change, so spellings people chose (`deGooyer`,
 * `McNew`) are kept. Single letters (initials) stay as they are.
 */
export function normalizePersonName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').split(' ').map(normalizeWord).join(' ')
}

function normalizeWord(word: string): string {
  const letters = word.replace(/[^\p{L}]/gu, '')
  const shouted = letters.length > 1 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)
  if (!shouted) return word
  // Capitalise each part after a hyphen or apostrophe: AL-DOUMY → Al-Doumy, O'HARE → O'Hare.
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
}

/** Whether `word` is a lower-case particle allowed inside a person's name (`de`, `van`, `bin`). */
export function isNameParticle(word: string): boolean {
  return PARTICLES.has(word.toLowerCase())
}
