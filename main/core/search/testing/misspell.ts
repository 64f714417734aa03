/**
 * Deterministic misspellings as people make them on a QWERTY keyboard: a neighbouring key hit
 * instead (substitution), a letter left out (deletion), a key hit twice or a neighbour hit too
 * (insertion), two letters typed in the wrong order (transposition). The first letter is
 * rarely wrong (about one typo in ten touches it), as studies of typing errors find.
 */

export type EditKind = 'substitution' | 'deletion' | 'insertion' | 'transposition'
export const EDIT_KINDS: readonly EditKind[] = [
  'substitution',
  'deletion',
  'insertion',
  'transposition',
]

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm']

/** Letters next to each key (same row and the rows above and below). */
const NEIGHBOURS: Record<string, string> = (() => {
  const out: Record<string, string> = {}
  ROWS.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      let near = ''
      for (const [dr, dc] of [
        [0, -1],
        [0, 1],
        [-1, 0],
        [-1, 1],
        [1, -1],
        [1, 0],
      ]) {
        const k = ROWS[r + dr]?.[c + dc]
        if (k) near += k
      }
      out[row[c]] = near
    }
  })
  return out
})()

/** A random number source in [0, 1). */
export type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}

/** A position to edit in a word of `length` letters (0 about one time in ten). */
function position(random: Random, length: number, room: number): number {
  if (length - room <= 1 || random() < 0.1) return 0
  return 1 + Math.floor(random() * (length - room - 1))
}

function sameCase(letter: string, like: string): string {
  return like !== like.toLowerCase() ? letter.toUpperCase() : letter
}

/** `word` with one edit of `kind`, or null when the word is too short for it. */
export function applyEdit(word: string, kind: EditKind, random: Random): string | null {
  if (word.length < 3) return null
  const lower = word.toLowerCase()
  switch (kind) {
    case 'substitution': {
      const at = position(random, word.length, 0)
      const near = NEIGHBOURS[lower[at]]
      if (!near) return null
      return word.slice(0, at) + sameCase(pick(random, [...near]), word[at]) + word.slice(at + 1)
    }
    case 'deletion': {
      const at = position(random, word.length, 0)
      return word.slice(0, at) + word.slice(at + 1)
    }
    case 'insertion': {
      const at = position(random, word.length, 0)
      const near = NEIGHBOURS[lower[at]] ?? ''
      const letter = random() < 0.5 || !near ? lower[at] : pick(random, [...near])
      return word.slice(0, at + 1) + letter + word.slice(at + 1)
    }
    case 'transposition': {
      const at = position(random, word.length, 1)
      if (lower[at] === lower[at + 1]) return null
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
    }
  }
}

/**
 * `word` with `edits` edits of the kinds given (the second edit never undoes the first),
 * or null when none could be made.
 */
export function misspell(
  word: string,
  kinds: readonly EditKind[],
  random: Random,
  tries = 20,
): string | null {
  for (let t = 0; t < tries; t++) {
    let out: string | null = word
    for (const kind of kinds) {
      out = out === null ? null : applyEdit(out, kind, random)
    }
    if (out !== null && out.toLowerCase() !== word.toLowerCase()) return out
  }
  return null
}
