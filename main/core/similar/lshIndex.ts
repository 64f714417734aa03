import { NUM_HASHES, type Signature } from './minhash'
import { mix32 } from './shingles'

/**
 * Locality-sensitive hashing over MinHash signatures ("banding"): the signature is cut into
 * `BANDS` bands of `ROWS` values; two items become candidates when they agree on every value of
 * at least one band, which happens with probability 1 − (1 − J^ROWS)^BANDS for Jaccard J. With
 * 64 bands of 2 rows: 0.96 at J = 0.22, 0.998 at J = 0.3, 0.025 at J = 0.02 (unrelated text).
 * Candidates are then checked with the whole signature (`estimate`).
 *
 * Memory matters at 100k items (6.4M band entries), so the buckets are one open-addressing
 * table of `ordinal × BANDS + band` numbers in an Int32Array: a band's key is recomputed from
 * the stored signatures when probing instead of being stored (4 bytes an entry).
 */

/** Rows per band; the key packs two 16-bit values (see keyAt). */
export const ROWS = 2
export const BANDS = Math.floor(NUM_HASHES / ROWS)

/** Per band, a constant mixed into its keys, so equal values in two bands differ. */
const SALTS = Uint32Array.from({ length: BANDS }, (_, b) => mix32(b + 0x3c6ef372))
const EMPTY = 0
const GONE = -1
const MAX_LOAD = 0.7

/** Where the signatures live: ordinal → its signature's offset in one big array. */
export interface SignatureSource {
  readonly values: Uint16Array
}

export class LshIndex {
  private table = new Int32Array(1024)
  private used = 0
  private gone = 0

  constructor(private readonly sigs: SignatureSource) {}

  /** The key of band `band` of the signature at `ordinal`. */
  private keyAt(ordinal: number, band: number): number {
    const v = this.sigs.values
    const at = ordinal * NUM_HASHES + band * ROWS
    return mix32(((v[at] << 16) | v[at + 1]) ^ SALTS[band])
  }

  private static keyOf(sig: Signature, band: number): number {
    return mix32(((sig[band * ROWS] << 16) | sig[band * ROWS + 1]) ^ SALTS[band])
  }

  /** Make room for `items` signatures at once (one rehash instead of many while loading). */
  reserve(items: number): void {
    const need = Math.ceil(((this.used + items * BANDS) / MAX_LOAD) * 1.05)
    if (need > this.table.length) this.rehash(need)
  }

  private slot(key: number, capacity: number): number {
    return Math.floor((key / 4294967296) * capacity)
  }

  /** Index the signature stored at `ordinal` (it must already be in the source). */
  add(ordinal: number): void {
    if ((this.used + this.gone + BANDS) / this.table.length > MAX_LOAD) this.grow()
    const t = this.table
    for (let band = 0; band < BANDS; band++) {
      let s = this.slot(this.keyAt(ordinal, band), t.length)
      while (t[s] > 0) s = s + 1 === t.length ? 0 : s + 1
      if (t[s] === GONE) this.gone--
      t[s] = ordinal * BANDS + band + 1
      this.used++
    }
  }

  /** Take the signature at `ordinal` out (call before its values change). */
  remove(ordinal: number): void {
    const t = this.table
    for (let band = 0; band < BANDS; band++) {
      const want = ordinal * BANDS + band + 1
      let s = this.slot(this.keyAt(ordinal, band), t.length)
      while (t[s] !== EMPTY) {
        if (t[s] === want) {
          t[s] = GONE
          this.used--
          this.gone++
          break
        }
        s = s + 1 === t.length ? 0 : s + 1
      }
    }
  }

  /** Ordinals sharing at least one band with `sig` (each once, unordered). */
  candidates(sig: Signature): number[] {
    const t = this.table
    const out = new Set<number>()
    for (let band = 0; band < BANDS; band++) {
      const key = LshIndex.keyOf(sig, band)
      let s = this.slot(key, t.length)
      while (t[s] !== EMPTY) {
        const e = t[s]
        if (e > 0) {
          const ordinal = Math.floor((e - 1) / BANDS)
          if ((e - 1) % BANDS === band && this.keyAt(ordinal, band) === key) out.add(ordinal)
        }
        s = s + 1 === t.length ? 0 : s + 1
      }
    }
    return [...out]
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.table.byteLength
  }

  private grow(): void {
    this.rehash(Math.max(1024, Math.ceil(((this.used + BANDS) / MAX_LOAD) * 1.5)))
  }

  private rehash(capacity: number): void {
    const old = this.table
    const t = new Int32Array(capacity)
    for (const e of old) {
      if (e <= 0) continue
      const ordinal = Math.floor((e - 1) / BANDS)
      let s = this.slot(this.keyAt(ordinal, (e - 1) % BANDS), capacity)
      while (t[s] !== EMPTY) s = s + 1 === capacity ? 0 : s + 1
      t[s] = e
    }
    this.table = t
    this.gone = 0
  }
}
