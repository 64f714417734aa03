import { mix32 } from './shingles'

/**
 * MinHash signatures: for each of `NUM_HASHES` seeded hash functions, the smallest hash of any
 * shingle. Two signatures agree at a position with probability equal to the Jaccard similarity
 * of the shingle sets, so the share of agreeing positions estimates it (standard error
 * √(J(1−J)/K), ≤ 0.044 at K = 128). Only the low 16 bits of each minimum are kept (b-bit
 * MinHash): 256 bytes a signature, and a chance agreement of 1/65,536 that `estimate` removes.
 */

export const NUM_HASHES = 128
const SEED = 0x5eed_1e55

export type Signature = Uint16Array

/** Odd multipliers and offsets of the hash family, from a fixed seed (deterministic). */
const FAMILY = (() => {
  const a = new Uint32Array(NUM_HASHES)
  const b = new Uint32Array(NUM_HASHES)
  let state = SEED
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    return mix32(state)
  }
  for (let i = 0; i < NUM_HASHES; i++) {
    a[i] = next() | 1
    b[i] = next()
  }
  return { a, b }
})()

/** The signature of a shingle set; null when there is nothing to sign. */
export function minhash(shingles: Uint32Array): Signature | null {
  if (shingles.length === 0) return null
  const mins = new Uint32Array(NUM_HASHES).fill(0xffffffff)
  const { a, b } = FAMILY
  for (let s = 0; s < shingles.length; s++) {
    // Shingle hashes are already well mixed: one multiply-xorshift per function suffices.
    const x = shingles[s]
    for (let i = 0; i < NUM_HASHES; i++) {
      let h = Math.imul(x ^ b[i], a[i])
      h = (h ^ (h >>> 15)) >>> 0
      if (h < mins[i]) mins[i] = h
    }
  }
  const sig = new Uint16Array(NUM_HASHES)
  // The high bits of a multiply are the well-mixed ones: keep those.
  for (let i = 0; i < NUM_HASHES; i++) sig[i] = mins[i] >>> 16
  return sig
}

const CHANCE = 1 / 65_536

/** Estimated Jaccard similarity of the two texts behind two signatures, 0–1. */
export function estimate(x: Signature, y: Signature): number {
  let same = 0
  for (let i = 0; i < NUM_HASHES; i++) if (x[i] === y[i]) same++
  const raw = same / NUM_HASHES
  return Math.max(0, (raw - CHANCE) / (1 - CHANCE))
}
