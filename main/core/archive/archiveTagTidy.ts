import type { Archive } from '../archiveApi'
import type { ItemSummary, UnusedTag } from '../model'
import { normalizeTag, tagKey } from '../tags'
import type { ArchiveContext } from './context'

export type TagTidyMethods = Pick<Archive, 'unusedTags' | 'deleteUnusedTags' | 'restoreTag'>

/**
 * Tidying tags: the tags the archive still knows but no item carries (a colour left in the
 * settings, a tag taken off its last item), forgetting them, and undoing a tag's deletion.
 */
export function createTagTidyMethods(ctx: ArchiveContext): TagTidyMethods {
  const { store, tagTable, photoDesk, emit } = ctx

  function unused(): UnusedTag[] {
    const used = tagTable.table()
    const settings = store.settings()
    const found = new Map<string, UnusedTag>()
    for (const name of settings.emptiedTags ?? []) {
      const key = tagKey(name)
      if (!key || used.has(key) || found.has(key)) continue
      found.set(key, { name, reasons: ['emptied'] })
    }
    for (const [key, color] of Object.entries(settings.tagColors)) {
      if (used.has(key)) continue
      const entry = found.get(key)
      if (entry) {
        entry.color = color
        entry.reasons.unshift('color')
      } else found.set(key, { name: key, color, reasons: ['color'] })
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  return {
    unusedTags: unused,

    async deleteUnusedTags(names) {
      const wanted = names && new Set(names.map((n) => tagKey(n)))
      const gone = unused().filter((t) => !wanted || wanted.has(tagKey(t.name)))
      await forgetTags(
        ctx,
        gone.map((t) => tagKey(t.name)),
      )
      return gone
    },

    async restoreTag(deleted) {
      const tag = tagTable.display(deleted.tag)
      // Items deleted since are skipped: the tag goes back on exactly the holders still here.
      const here = deleted.refs.filter((ref) => store.summary(ref.split('/')[0]) !== undefined)
      if (here.length > 0) await photoDesk.updateTags(here, (tags) => withTag(tags, tag))
      if (deleted.color) {
        const color = deleted.color
        await store.updateSettings((s) => {
          s.tagColors[tagKey(tag)] = color
        })
      }
      emit({ kind: 'tags' })
    },
  }
}

function withTag(tags: readonly string[], tag: string): string[] {
  const key = tagKey(tag)
  return tags.some((t) => tagKey(t) === key) ? [...tags] : [...tags, tag]
}

/** Forget what the settings hold about these tags (colour, emptied): one write, if any. */
export async function forgetTags(ctx: ArchiveContext, keys: readonly string[]): Promise<void> {
  const drop = new Set(keys)
  const settings = ctx.store.settings()
  const colored = Object.keys(settings.tagColors).some((k) => drop.has(k))
  const emptied = (settings.emptiedTags ?? []).some((t) => drop.has(tagKey(t)))
  if (!colored && !emptied) return
  await ctx.store.updateSettings((s) => {
    for (const k of drop) delete s.tagColors[k]
    if (s.emptiedTags) s.emptiedTags = s.emptiedTags.filter((t) => !drop.has(tagKey(t)))
  })
  ctx.tagTable.invalidate()
  ctx.emit({ kind: 'tags' })
}

/** Every tag an item and its photos carry, from its summary. */
export function summaryTags(s: ItemSummary | undefined): string[] {
  return s ? [...s.tags, ...(s.photoTags ?? [])] : []
}

/**
 * After a removal (tags taken off, items deleted): remember the tags among `candidates` that
 * are now on no item, so "Unused tags" can offer them. One settings write, only if any.
 */
export async function rememberEmptiedTags(
  ctx: ArchiveContext,
  candidates: Iterable<string>,
): Promise<void> {
  const used = ctx.tagTable.table()
  const known = new Set((ctx.store.settings().emptiedTags ?? []).map((t) => tagKey(t)))
  const fresh = new Map<string, string>()
  for (const name of candidates) {
    const key = tagKey(name)
    if (key && !used.has(key) && !known.has(key) && !fresh.has(key))
      fresh.set(key, normalizeTag(name))
  }
  if (fresh.size === 0) return
  await ctx.store.updateSettings((s) => {
    s.emptiedTags = [...(s.emptiedTags ?? []), ...fresh.values()]
  })
}
