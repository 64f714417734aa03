import type { ItemSummary } from '../model'
import type { TagEdit } from '../storage/itemStore'
import { tagKey } from '../tags'

/** What an item or its summary says about its tags and their rule provenance. */
type Tagged = Pick<ItemSummary, 'tags' | 'ruleTags' | 'declinedRuleTags'>

/** A tag a rule would add, with the rule that adds it. */
export interface RuleTag {
  tag: string
  key: string
  ruleId: string
}

/** The tags of `adds` this item would get: not carried already, not declined by the user. */
export function tagsToAdd(item: Tagged, adds: readonly RuleTag[]): RuleTag[] {
  if (adds.length === 0) return []
  const have = new Set(item.tags.map(tagKey))
  const declined = item.declinedRuleTags
  const out: RuleTag[] = []
  for (const add of adds) {
    if (have.has(add.key) || declined?.includes(add.key)) continue
    have.add(add.key)
    out.push(add)
  }
  return out
}

/** The item with the rule tags added and their provenance recorded (same object if none). */
export function withRuleTags<T extends Tagged>(item: T, adds: readonly RuleTag[]): T {
  const fresh = tagsToAdd(item, adds)
  if (fresh.length === 0) return item
  const ruleTags = { ...item.ruleTags }
  for (const a of fresh) ruleTags[a.key] = a.ruleId
  return { ...item, tags: [...item.tags, ...fresh.map((a) => a.tag)], ruleTags }
}

/**
 * Keep provenance true to the tags, whatever changed them: a rule-added tag the item no longer
 * carries was removed by the user, so it is declined (no rule adds it back to this item); a
 * declined tag the user put back by hand is no longer declined (and is the user's own).
 * Returns the same object when nothing needs recording.
 */
export function reconcileRuleTags<T extends Tagged>(item: T): T {
  const { ruleTags, declinedRuleTags } = item
  if (!ruleTags && !declinedRuleTags) return item
  const have = new Set(item.tags.map(tagKey))
  const removed = Object.keys(ruleTags ?? {}).filter((k) => !have.has(k))
  const restored = (declinedRuleTags ?? []).filter((k) => have.has(k))
  if (removed.length === 0 && restored.length === 0) return item
  const next: T = { ...item }
  const kept = Object.fromEntries(Object.entries(ruleTags ?? {}).filter(([k]) => have.has(k)))
  const declined = [
    ...(declinedRuleTags ?? []).filter((k) => !have.has(k)),
    ...removed.filter((k) => !declinedRuleTags?.includes(k)),
  ]
  if (Object.keys(kept).length > 0) next.ruleTags = kept
  else delete next.ruleTags
  if (declined.length > 0) next.declinedRuleTags = declined
  else delete next.declinedRuleTags
  return next
}

/**
 * Undo what one run added to one item: each tag (by key) still there and still credited to
 * `ruleId` goes, with its provenance, and is not declined (the user undid the run, not the
 * tag). Returns undefined when nothing of the run is left on the item.
 */
export function withoutRunTags<T extends Tagged>(
  item: T,
  keys: readonly string[],
  ruleId: string,
): T | undefined {
  const ruleTags = item.ruleTags
  if (!ruleTags) return undefined
  const drop = new Set(keys.filter((k) => ruleTags[k] === ruleId))
  if (drop.size === 0) return undefined
  const next: T = { ...item, tags: item.tags.filter((t) => !drop.has(tagKey(t))) }
  const kept = Object.fromEntries(Object.entries(ruleTags).filter(([k]) => !drop.has(k)))
  if (Object.keys(kept).length > 0) next.ruleTags = kept
  else delete next.ruleTags
  return next
}

/** The `putTags` edit that gives an item these tags and this rule provenance. */
export function tagEditOf(id: string, tagged: Tagged): TagEdit {
  const edit: TagEdit = { id, tags: tagged.tags }
  if (tagged.ruleTags) edit.ruleTags = tagged.ruleTags
  if (tagged.declinedRuleTags) edit.declinedRuleTags = tagged.declinedRuleTags
  return edit
}
