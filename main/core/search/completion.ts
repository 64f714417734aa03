import { foldText } from './analyzer'
import { FACETS } from './documents'
import type { SegmentSet } from './segmentSet'
import type { CompletionField, FieldCompletion } from './types'

/**
 * Field-value completion for the search box (`tag:`, `photographer:`, `agency:`, `source:`):
 * the facet values of the index with the number of live items holding each (an item once,
 * however many of its documents hold the value — the facet rule). The counts are computed in
 * one pass over the facet slots and kept until the index changes.
 */
export class FieldCompleter {
  private counts: Int32Array | null = null
  private version = -1
  private folded: string[][] = FACETS.map(() => [])

  constructor(private readonly set: () => SegmentSet) {}

  complete(field: CompletionField, prefix: string, limit = 10): FieldCompletion[] {
    const set = this.set()
    const k = FACETS.indexOf(field)
    if (k < 0) return []
    const counts = this.countsOf(set)
    const names = set.facetNames[k]
    const folded = this.foldedNames(k, names)
    const want = foldText(prefix.replace(/^["“”']+/, '').trim())
    const base = set.slotBase[k]
    const found: FieldCompletion[] = []
    for (let id = 0; id < names.length; id++) {
      const count = counts[base + id]
      if (count === 0) continue
      if (want && !startsAWord(folded[id], want)) continue
      found.push({ value: names[id], count })
    }
    found.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    return found.slice(0, Math.max(1, Math.min(limit, 50)))
  }

  private foldedNames(k: number, names: readonly string[]): string[] {
    const cache = this.folded[k]
    for (let id = cache.length; id < names.length; id++) cache.push(foldText(names[id]))
    return cache
  }

  /** Live items per facet slot, each item once per value. */
  private countsOf(set: SegmentSet): Int32Array {
    if (this.counts && this.version === set.version && this.counts.length === set.slotTotal)
      return this.counts
    const counts = new Int32Array(set.slotTotal)
    const counted = new Int32Array(set.slotTotal)
    for (const seg of set.segments) {
      const { off, slots } = set.facetSlots(seg)
      const parent = seg.data.parent
      for (let local = 0; local < seg.n; local++) {
        if (seg.deleted[local]) continue
        const item = seg.base + (parent[local] >= 0 ? parent[local] : local) + 1
        for (let j = off[local]; j < off[local + 1]; j++) {
          const slot = slots[j]
          if (counted[slot] === item) continue
          counted[slot] = item
          counts[slot]++
        }
      }
    }
    this.counts = counts
    this.version = set.version
    return counts
  }
}

/** Whether `want` starts `value` or one of its words (`souleiman` completes Delil Souleiman). */
function startsAWord(value: string, want: string): boolean {
  if (value.startsWith(want)) return true
  for (let i = value.indexOf(want); i > 0; i = value.indexOf(want, i + 1)) {
    if (!/[\p{L}\p{N}]/u.test(value[i - 1])) return true
  }
  return false
}
