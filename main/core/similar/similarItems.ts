import type { ItemId, ItemSummary } from '../model'
import { memberOf } from './clusterSearch'
import type { SimilarIndex } from './similarIndex'
import type { SimilarResult } from './types'

/** `archive.similar(id)`: the other members of id's cluster with their similarity to it. */
export function similarItems(
  index: SimilarIndex,
  summary: (id: ItemId) => ItemSummary | undefined,
  id: ItemId,
): SimilarResult {
  const items: SimilarResult['items'] = []
  for (const m of index.similarTo(id)) {
    const s = summary(m.id)
    if (s) items.push({ ...memberOf(s), similarity: m.similarity })
  }
  return { id, cluster: index.clusterIdOf(id) ?? null, items }
}
