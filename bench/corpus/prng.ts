/**
 * A small seeded pseudo-random generator (mulberry32) so every benchmark run sees the same corpus
 * and queries. Not for cryptography.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** True with probability `p`. */
  chance(p: number): boolean
}

/** A generator seeded from one or more integers (e.g. corpus seed and article index). */
export function createRng(...seeds: number[]): Rng {
  let state = 0x9e3779b9
  for (const s of seeds) state = Math.imul(state ^ (s >>> 0), 0x85ebca6b) + 0x27d4eb2f
  state = hashInt(state)
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: empty array')
      return items[Math.floor(next() * items.length)]
    },
    chance: (p) => next() < p,
  }
}

function hashInt(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b)
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * Sampling from counts in O(log n): `cumulative[i]` is the sum of counts up to and including i.
 */
export function sampleCumulative(cumulative: ArrayLike<number>, rng: Rng): number {
  const total = cumulative[cumulative.length - 1]
  const target = rng.next() * total
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid] > target) hi = mid
    else lo = mid + 1
  }
  return lo
}
