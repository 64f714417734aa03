import type { ArchiveItem } from '../../../../main/core/model'
import type { TagRule } from '../../../../preload/ruleContract'
import { plural } from '../../ui/format'

/** "Places/Syria/Raqqa to 214 items" (each tag with its own count when they differ). */
export function describeAdds(perTag: readonly { tag: string; items: number }[]): string {
  const counts = new Set(perTag.map((t) => t.items))
  if (counts.size <= 1) {
    return `${perTag.map((t) => t.tag).join(', ')} to ${plural(perTag[0]?.items ?? 0, 'item')}`
  }
  return perTag.map((t) => `${t.tag} to ${plural(t.items, 'item')}`).join(', ')
}

/** Same identity as the core's `tagKey`: trimmed, spaces collapsed, NFC, case folded. */
function tagKey(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('und')
}

/**
 * For the reader's tag chips: "added by rule: agency:afp raqqa" for a tag a rule added, or
 * undefined for a tag added by hand.
 */
export function ruleTagNote(
  item: Pick<ArchiveItem, 'ruleTags'>,
  rules: readonly TagRule[],
): (tag: string) => string | undefined {
  return (tag) => {
    const id = item.ruleTags?.[tagKey(tag)]
    if (!id) return undefined
    const rule = rules.find((r) => r.id === id)
    return rule ? `added by rule: ${rule.query || '*'}` : 'added by a rule since removed'
  }
}
