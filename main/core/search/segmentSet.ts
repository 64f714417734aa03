import { FACETS, FIELD_COUNT, FLAG_UNDATED, NO_DATE } from './documents'
import { TimeSlicer } from './bytes'
import { forEachPosting, readPostings, type FieldPosting, type Segment } from './segment'

/** Years counted by the year facet: FIRST_YEAR … FIRST_YEAR + YEAR_SPAN − 1. */
export const FIRST_YEAR = 1800
export const YEAR_SPAN = 400
const NONE = NO_DATE

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

/**
 * The year facet's number in counter slots (after the value facets): YEAR_SPAN counters for
 * items by their published date, then YEAR_SPAN for undated items by their archived date.
 */
export const YEAR_FACET = FACETS.length

/** Per doc `i` of a segment, its counter slots are `slots[off[i]] … slots[off[i + 1] - 1]`. */
export interface FacetSlots {
  off: Int32Array
  /** 16-bit while every counter number fits (half the memory to read per hit counted). */
  slots: Uint16Array | Int32Array
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
  /** Item id → its documents; complete only after `indexItems` (see `unindexed`). */
  private readonly itemDocs = new Map<string, ItemDocs>()
  /**
   * Segments whose items are not in `itemDocs` yet, and how far the first one got. Filling the
   * map costs ~50 ms per 20,000 items, so it is done in slices after a load (`indexItems`), or
   * at once when a write needs it. Queries never need it.
   */
  private unindexed: Segment[] = []
  private unindexedFrom = 0
  /** Per facet: value → global number, and the values in that order. */
  readonly facetIds = FACETS.map(() => new Map<string, number>())
  readonly facetNames: string[][] = FACETS.map(() => [])
  /** Per segment, per facet: local value number → global number. */
  private facetMaps = new Map<Segment, Int32Array[]>()
  /** Per segment: each doc's facet values and year as counter slots. */
  private facetCounts = new Map<Segment, FacetSlots>()
  /**
   * Counter layout: value `id` of facet `k` counts at `slotBase[k] + id`, each facet in a
   * contiguous run of `slotCap[k]` counters (kept compact: a photographer facet's counters
   * scattered among the others' costs cache misses on every hit counted).
   */
  private readonly slotCap: number[] = [...FACETS.map(() => 256), 2 * YEAR_SPAN]
  readonly slotBase = new Int32Array(FACETS.length + 1)
  slotTotal = 0
  /** Bumped on every change: caches keyed on it (df per term) expire. */
  version = 0
  private dfCache = new Map<string, number>()
  private dfVersion = -1

  add(seg: Segment): void {
    seg.base = this.capacity
    this.capacity += seg.n
    this.segments.push(seg)
    const fieldLen = seg.data.fieldLen
    for (let i = 0; i < seg.n; i++) {
      if (seg.deleted[i]) continue
      this.liveDocs++
      for (let f = 0; f < FIELD_COUNT; f++) this.liveFieldLen[f] += fieldLen[i * FIELD_COUNT + f]
    }
    this.unindexed.push(seg)
    const maps = FACETS.map((_, k) => {
      const values = seg.data.facetValues[k]
      const ids = this.facetIds[k]
      const names = this.facetNames[k]
      const map = new Int32Array(values.length)
      for (let v = 0; v < values.length; v++) {
        let id = ids.get(values[v])
        if (id === undefined) {
          id = names.length
          ids.set(values[v], id)
          names.push(values[v])
        }
        map[v] = id
      }
      return map
    })
    this.facetMaps.set(seg, maps)
    let grown = this.slotTotal === 0
    for (let k = 0; k < FACETS.length; k++)
      while (this.facetNames[k].length > this.slotCap[k]) {
        this.slotCap[k] *= 2
        grown = true
      }
    if (grown) {
      for (let k = 0, at = 0; k <= FACETS.length; k++) {
        this.slotBase[k] = at
        at += this.slotCap[k]
        this.slotTotal = at
      }
      for (const [other, otherMaps] of this.facetMaps)
        if (other !== seg) this.facetCounts.set(other, this.facetCsr(other, otherMaps))
    }
    this.facetCounts.set(seg, this.facetCsr(seg, maps))
    this.version++
  }

  /**
   * Every doc's facet values and year as one list of counter slots (`slotBase`), so counting
   * the facets of a result set is one pass over its docs.
   */
  facetSlots(seg: Segment): FacetSlots {
    return this.facetCounts.get(seg)!
  }

  private facetCsr(seg: Segment, maps: Int32Array[]): FacetSlots {
    const { facetOff, facetIds, date, flags } = seg.data
    const years = new Int16Array(seg.n)
    // Int32 (not Uint32) offsets keep the counting loop's index in small integers.
    const off = new Int32Array(seg.n + 1)
    let total = 0
    for (let i = 0; i < seg.n; i++) {
      const y = date[i] === NONE ? -1 : yearOf(date[i]) - FIRST_YEAR
      years[i] = y >= 0 && y < YEAR_SPAN ? y : -1
      off[i] = total
      for (let k = 0; k < FACETS.length; k++) total += facetOff[k][i + 1] - facetOff[k][i]
      if (years[i] >= 0) total++
    }
    off[seg.n] = total
    const slots = this.slotTotal <= 0x10000 ? new Uint16Array(total) : new Int32Array(total)
    let at = 0
    for (let i = 0; i < seg.n; i++) {
      for (let k = 0; k < FACETS.length; k++) {
        const ids = facetIds[k]
        const map = maps[k]
        for (let j = facetOff[k][i]; j < facetOff[k][i + 1]; j++)
          slots[at++] = this.slotBase[k] + map[ids[j]]
      }
      if (years[i] >= 0)
        slots[at++] =
          this.slotBase[YEAR_FACET] + years[i] + (flags[i] & FLAG_UNDATED ? YEAR_SPAN : 0)
    }
    return { off, slots }
  }

  /** Every indexed item: id → where its documents are. */
  get items(): ReadonlyMap<string, ItemDocs> {
    this.indexSome(Infinity)
    return this.itemDocs
  }

  /**
   * How many items are indexed (live documents that are not an item's photo, `itemId#n`),
   * counted without filling the item map: a load compares it with the store's count.
   */
  liveItemCount(): number {
    let count = 0
    for (const seg of this.segments) {
      const keys = seg.data.keys
      for (let i = 0; i < seg.n; i++) if (!seg.deleted[i] && keys[i].indexOf('#') === -1) count++
    }
    return count
  }

  /** Fill the item map in time slices (after a load), so no single step blocks for long. */
  async indexItems(slicer = new TimeSlicer()): Promise<void> {
    while (!this.indexSome(4096)) if (slicer.due()) await slicer.yield()
  }

  /** Index up to `budget` documents' items; true when none are left. */
  private indexSome(budget: number): boolean {
    while (this.unindexed.length > 0 && budget > 0) {
      const seg = this.unindexed[0]
      const keys = seg.data.keys
      let i = this.unindexedFrom
      const end = Math.min(seg.n, i + budget)
      for (; i < end; i++) {
        const key = keys[i]
        if (seg.deleted[i] || key.indexOf('#') !== -1) continue
        // An item's photo documents follow it, keyed `itemId#n`.
        let count = 1
        while (i + count < seg.n && isPartOf(keys[i + count], key)) count++
        this.itemDocs.set(key, { seg, first: i, count })
      }
      budget -= end - this.unindexedFrom
      if (i >= seg.n) {
        this.unindexed.shift()
        this.unindexedFrom = 0
      } else this.unindexedFrom = i
    }
    return this.unindexed.length === 0
  }

  /** Tombstone an item's documents; returns false when the item is not indexed. */
  deleteItem(itemId: string): boolean {
    const at = this.items.get(itemId)
    if (!at) return false
    this.itemDocs.delete(itemId)
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

  /**
   * Drop segments (after a merge replaced them) and renumber the global doc space. What is kept
   * per segment (facet numbers, years, item positions) is local to it and stays valid.
   */
  replace(old: readonly Segment[], merged: Segment | null): void {
    const gone = new Set(old)
    for (const s of old) {
      this.facetMaps.delete(s)
      this.facetCounts.delete(s)
      this.norms.delete(s)
    }
    if (gone.has(this.unindexed[0])) this.unindexedFrom = 0
    this.unindexed = this.unindexed.filter((s) => !gone.has(s))
    for (const [id, at] of this.itemDocs) if (gone.has(at.seg)) this.itemDocs.delete(id)
    this.segments = this.segments.filter((s) => !gone.has(s))
    this.capacity = 0
    this.liveDocs = 0
    this.liveFieldLen.fill(0)
    for (const seg of this.segments) {
      seg.base = this.capacity
      this.capacity += seg.n
      const fieldLen = seg.data.fieldLen
      for (let i = 0; i < seg.n; i++) {
        if (seg.deleted[i]) continue
        this.liveDocs++
        for (let f = 0; f < FIELD_COUNT; f++) this.liveFieldLen[f] += fieldLen[i * FIELD_COUNT + f]
      }
    }
    this.version++
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

/** Whether `key` is `item#…`, one of the item's photo documents. */
function isPartOf(key: string, item: string): boolean {
  return key.length > item.length && key.charCodeAt(item.length) === 35 && key.startsWith(item)
}

function liveCount(seg: Segment, p: FieldPosting): number {
  const deleted = seg.deleted
  let live = 0
  forEachPosting(seg, p, (doc) => {
    if (!deleted[doc]) live++
  })
  return live
}
