import { z } from 'zod'
import type { ArchiveSettings } from '../storage/itemStore'
import type { TagRule } from './types'

const ruleSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8}$/),
  query: z.string().max(2000),
  tags: z.array(z.string().min(1).max(200)).min(1).max(50),
  enabled: z.boolean(),
  order: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/**
 * The rules kept in the archive's settings (`settings.rules`), validated on every read: an
 * entry that is not a valid rule (hand-edited, from a newer version) is left out rather than
 * trusted, and the others still work. Sorted by `order`, renumbered 0…n−1.
 */
export function readRules(settings: ArchiveSettings): TagRule[] {
  const raw = (settings as { rules?: unknown }).rules
  if (!Array.isArray(raw)) return []
  const rules: TagRule[] = []
  for (const entry of raw) {
    const parsed = ruleSchema.safeParse(entry)
    if (parsed.success) rules.push(parsed.data)
  }
  return renumber(rules.sort((a, b) => a.order - b.order))
}

/** Store the list in this order (inside `store.updateSettings`, so the write is atomic). */
export function writeRules(settings: ArchiveSettings, rules: readonly TagRule[]): void {
  ;(settings as { rules?: TagRule[] }).rules = renumber(rules).map((r) => ({
    ...r,
    tags: [...r.tags],
  }))
}

function renumber(rules: readonly TagRule[]): TagRule[] {
  return rules.map((r, order) => ({ ...r, order }))
}
