import { FACETS, FIELD_COUNT, NO_DATE } from './documents'
import { readPostings, type FieldPosting, type Segment } from './segment'

/** Years counted by the year facet: FIRST_YEAR … FIRST_YEAR + YEAR_SPAN − 1. */
export const FIRST_YEAR = 1800
export const YEAR_SPAN = 400

/** Calendar year of a day number since 1970-01-01 (proleptic Gregorian, no Date objects). */
export function yearOf(day: number): number {
  // Howard Hinnant's civil_from_days.
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const month = mp < 10 ? mp + 3 : mp - 9
  return yoe + era * 400 + (month <= 2 ? 1 : 0)
}

/** Where an item's documents live. */
export interface ItemDocs {
  seg: Segment
  first: number
  count: number
}

/**
 * The live view over all segments: one global doc space (segment `base` + local number),
 * collection statistics over live documents only (so scores equal one lunr index over the
 * archive), and the item → documents map used to tombstone replaced items.
 */
export class SegmentSet {
  segments: Segment[] = []
  capacity = 0
  liveDocs = 0
  readonly liveFieldLen = new Float64Array(FIELD_COUNT)
  readonly items = new Map<string, ItemDocs>()
  /** Per facet: value → global number, and the values in that order. */
  readonly facetIds = FACETS.map(() => new Map<string, number>())
  readonly facetNames: string[][] = FACETS.map(() => [])
  /** Per segment, per facet: local value number → global number. */
  private facetMaps = new Map<Segment, Int32Array[]>()
  /** Per segment, per facet: the docs' value lists already in global numbers (CSR with facetOff). */
  private globalIds = new Map<Segment, Int32Array[]>()
  /** Per segment: each doc's year − FIRST_YEAR, or -1 when undated / out of range. */
  private years = new Map<Segment, Int16Array>()
  /** Bumped on every change: caches keyed on it (df per term) expire. */
  version = 0
  private dfCache = new Map<string, number>()
  private dfVersion = -1

  add(seg: Segment): void {
    seg.base = this.capacity
    this.capacity += seg.n
    this.segments.push(seg)
    const keys = seg.data.keys
    for (let i = 0; i < seg.n; i++) {
      if (seg.deleted[i]) continue
      this.liveDocs++
      for (let f = 0; f < FIELD_COUNT; f++)
        this.liveFieldLen[f] += seg.data.fieldLen[i * FIELD_COUNT + f]
      const key = keys[i]
      const hash = key.indexOf('#')
      if (hash !== -1) continue
      let count = 1
      while (i + count < seg.n && keys[i + count].startsWith(key + '#')) count++
      this.items.set(key, { seg, first: i, count })
    }
    this.facetMaps.set(
      seg,
      FACETS.map((_, k) =>
        Int32Array.from(seg.data.facetValues[k], (v) => {
          let id = this.facetIds[k].get(v)
          if (id === undefined) {
            id = this.facetNames[k].length
            this.facetIds[k].set(v, id)
            this.facetNames[k].push(v)
          }
          return id
        }),
      ),
    )
    const maps = this.facetMaps.get(seg)!
    this.globalIds.set(
      seg,
      maps.map((map, k) => Int32Array.from(seg.data.facetIds[k], (id) => map[id])),
    )
    const years = new Int16Array(seg.n)
    for (let i = 0; i < seg.n; i++) {
      const day = seg.data.date[i]
      const y = day === NO_DATE ? -1 : yearOf(day) - FIRST_YEAR
      years[i] = y >= 0 && y < YEAR_SPAN ? y : -1
    }
    this.years.set(seg, years)
    this.version++
  }

  /** Facet values of the segment's docs in global numbers (see `facetNames`). */
  globalFacetIds(seg: Segment, facet: number): Int32Array {
    return this.globalIds.get(seg)![facet]
  }

  /** Year index (year − FIRST_YEAR) per doc of the segment, -1 when unknown. */
  yearIndex(seg: Segment): Int16Array {
    return this.years.get(seg)!
  }

  /** Tombstone an item's documents; returns false when the item is not indexed. */
  deleteItem(itemId: string): boolean {
    const at = this.items.get(itemId)
    if (!at) return false
    this.items.delete(itemId)
    const { seg, first, count } = at
    for (let i = first; i < first + count; i++) {
      if (seg.deleted[i]) continue
      seg.deleted[i] = 1
      seg.deletedCount++
      this.liveDocs--
      for (let f = 0; f < FIELD_COUNT; f++)
        this.liveFieldLen[f] -= seg.data.fieldLen[i * FIELD_COUNT + f]
    }
    this.version++
    return true
  }

  /** Drop segments (after a merge replaced them) and renumber the global doc space. */
  replace(old: readonly Segment[], merged: Segment | null): void {
    const gone = new Set(old)
    const keep = this.segments.filter((s) => !gone.has(s))
    this.segments = []
    this.capacity = 0
    this.liveDocs = 0
    this.liveFieldLen.fill(0)
    this.items.clear()
    this.facetMaps.clear()
    this.norms.clear()
    this.globalIds.clear()
    this.years.clear()
    for (const s of keep) this.add(s)
    if (merged) this.add(merged)
  }

  private norms = new Map<Segment, { avg: number; norm: Float64Array }[]>()

  /**
   * lunr's length normalisation `k1 * (1 - b + b * len / avg)` per doc of a segment for field
   * `f`, computed with the same operations (so scores stay bit-identical) and cached until the
   * average length changes.
   */
  lengthNorms(seg: Segment, f: number, k1: number, b: number): Float64Array {
    const avg = this.avgFieldLen(f)
    let perField = this.norms.get(seg)
    if (!perField) this.norms.set(seg, (perField = []))
    const cached = perField[f]
    if (cached && cached.avg === avg) return cached.norm
    const norm = cached?.norm ?? new Float64Array(seg.n)
    const lens = seg.data.fieldLen
    for (let i = 0; i < seg.n; i++) norm[i] = k1 * (1 - b + b * (lens[i * FIELD_COUNT + f] / avg))
    perField[f] = { avg, norm }
    return norm
  }

  avgFieldLen(f: number): number {
    return this.liveDocs > 0 ? this.liveFieldLen[f] / this.liveDocs : 0
  }

  /**
   * lunr's document frequency of a term: live documents containing it, counted once per field
   * they contain it in (as `lunr.idf` sums the field postings).
   */
  df(term: string): number {
    if (this.dfVersion !== this.version) {
      this.dfCache.clear()
      this.dfVersion = this.version
    }
    const cached = this.dfCache.get(term)
    if (cached !== undefined) return cached
    let df = 0
    const lists: (FieldPosting | undefined)[] = []
    for (const seg of this.segments) {
      const t = seg.findTerm(term)
      if (t === -1) continue
      readPostings(seg, t, lists)
      for (const p of lists) {
        if (!p) continue
        if (seg.deletedCount === 0) df += p.count
        else df += liveCount(seg, p)
      }
    }
    if (this.dfCache.size > 50_000) this.dfCache.clear()
    this.dfCache.set(term, df)
    return df
  }
}

function liveCount(seg: Segment, p: FieldPosting): number {
  const buf = seg.data.post
  const deleted = seg.deleted
  let pos = p.docStart
  let doc = -1
  let live = 0
  for (let i = 0; i < p.count; i++) {
    let b = buf[pos++]
    let v = b & 0x7f
    let shift = 7
    while (b >= 0x80) {
      b = buf[pos++]
      v |= (b & 0x7f) << shift
      shift += 7
    }
    doc += v
    b = buf[pos++]
    while (b >= 0x80) b = buf[pos++]
    if (!deleted[doc]) live++
  }
  return live
}
