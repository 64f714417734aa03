import { inSubtree, tagKey } from '../tags'
import { FACETS } from './documents'
import type { TagPath } from './queryParser'
import type { SegmentSet } from './segmentSet'

const TAG_FACET = FACETS.indexOf('tag')

/** Tag keys of facet values seen (a few thousand distinct tags at most). */
const keys = new Map<string, string>()
function keyOf(value: string): string {
  let key = keys.get(value)
  if (key === undefined) {
    if (keys.size > 100_000) keys.clear()
    keys.set(value, (key = tagKey(value)))
  }
  return key
}

/** Whether a tag (its key) is matched by one of the nodes. */
export function tagMatchesPaths(key: string, paths: readonly TagPath[]): boolean {
  for (const p of paths) if (p.exact ? key === p.key : inSubtree(key, p.key)) return true
  return false
}

/**
 * Set `bit` on every live doc carrying a tag of one of the nodes (`tag:Places/Syria`: the node
 * and its subtree; `exact`: the node only), by tag identity. Reads each doc's tag facet values,
 * which for a photo include its article's tags, so photos match as their article does.
 */
export function markTagPaths(
  set: SegmentSet,
  paths: readonly TagPath[],
  bit: number,
  scratch: { touch(g: number): void; mask: Uint32Array },
): void {
  for (const seg of set.segments) {
    const values = seg.data.facetValues[TAG_FACET]
    const match = new Uint8Array(values.length)
    let any = false
    for (let v = 0; v < values.length; v++)
      if (tagMatchesPaths(keyOf(values[v]), paths)) {
        match[v] = 1
        any = true
      }
    if (!any) continue
    const off = seg.data.facetOff[TAG_FACET]
    const ids = seg.data.facetIds[TAG_FACET]
    for (let d = 0; d < seg.n; d++) {
      if (seg.deleted[d]) continue
      for (let j = off[d]; j < off[d + 1]; j++) {
        if (match[ids[j]] === 0) continue
        const g = seg.base + d
        scratch.touch(g)
        scratch.mask[g] |= bit
        break
      }
    }
  }
}
