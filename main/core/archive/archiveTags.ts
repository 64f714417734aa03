import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { ArchiveItem, DeletedTag, ItemId } from '../model'
import { changeAllTags, refsWithTag } from '../photos/photoTags'
import { inSubtree, tagKey } from '../tags'
import { forgetTags, rememberEmptiedTags, summaryTags } from './archiveTagTidy'
import type { ArchiveContext } from './context'
import { dedupeTags } from './tagTable'
import { createTagTreeMethods } from '../tagTree/tagTreeMethods'
import { findTagNode } from '../tagTree/tagTree'

export type TagMethods = Pick<
  Archive,
  | 'tags'
  | 'addTags'
  | 'removeTags'
  | 'setTags'
  | 'renameTag'
  | 'mergeTags'
  | 'deleteTag'
  | 'deleteTagTree'
  | 'setTagColor'
  | 'tagTree'
  | 'bulkTag'
  | 'undoTagChange'
>

/**
 * The archive's tags: listing with counts and colours, adding and removing on items and photos,
 * renaming, merging, deleting everywhere, colours. Every write goes through `ctx.save`.
 */
export function createTagMethods(ctx: ArchiveContext): TagMethods {
  const { store, save, emit, mustGet, photoDesk, tagTable } = ctx
  const tagTree = createTagTreeMethods({
    store,
    search: ctx.search,
    save: ctx.saveTags,
    saveTagEdits: ctx.saveTagEdits,
    displayTag: (tag) => tagTable.display(tag),
    cleanTag: (tag) => tagTable.clean(tag),
    existingDisplay: (tag) => tagTable.table().get(tagKey(tag))?.name,
    changed: () => emit({ kind: 'tags' }),
  })
  // The tree is rebuilt after any change, like the tag table.
  ctx.listeners.add(() => tagTree.invalidate())

  /**
   * Delete a tag and every tag below it (`Places/Syria` takes `Places/Syria/Raqqa` along) from
   * every item and photo, in one write, and forget their colours; returns per tag its holders
   * and colour, for `restoreTag`.
   */
  async function deleteTagTree(tag: string): Promise<DeletedTag[]> {
    const key = tagKey(tag)
    const within = (k: string) => inSubtree(k, key)
    const holders: ItemId[] = []
    for (const s of store.summaries()) {
      if (summaryTags(s).some((t) => within(tagKey(t)))) holders.push(s.id)
    }
    const items = await store.getMany(holders)
    const byTag = new Map<string, DeletedTag>()
    for (const item of items) {
      for (const t of allTags(item)) {
        const k = tagKey(t)
        if (!within(k) || byTag.has(k)) continue
        byTag.set(k, { tag: tagTable.display(t), refs: [] })
      }
      for (const [k, entry] of byTag) entry.refs.push(...refsWithTag(item, k))
    }
    const colors = store.settings().tagColors
    const emptied = store.settings().emptiedTags ?? []
    for (const [k, color] of Object.entries(colors)) {
      if (!within(k)) continue
      const entry = byTag.get(k) ?? { tag: tagTable.table().get(k)?.name ?? k, refs: [] }
      byTag.set(k, { ...entry, color })
    }
    const known = [...byTag.keys(), ...emptied.map((t) => tagKey(t)).filter(within)]
    await save(
      items.flatMap(
        (item) => changeAllTags(item, (tags) => tags.filter((t) => !within(tagKey(t)))) ?? [],
      ),
    )
    await forgetTags(ctx, known)
    emit({ kind: 'tags' })
    return [...byTag.values()].sort((a, b) => a.tag.localeCompare(b.tag))
  }

  return {
    tags() {
      return [...tagTable.table().values()]
        .map((t) => ({ ...t }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    },

    async addTags(ids, tags) {
      const add = tags.map(tagTable.display)
      await photoDesk.updateTags(ids, (current) => dedupeTags([...current, ...add]))
    },

    async removeTags(ids, tags) {
      const keys = new Set(tags.map((t) => tagKey(t)))
      await photoDesk.updateTags(ids, (current) => current.filter((t) => !keys.has(tagKey(t))))
      await rememberEmptiedTags(ctx, tags)
    },

    async setTags(id, tags) {
      const next = dedupeTags(tags.map(tagTable.display))
      const parsedId = id.split('/')[0]
      await mustGet(parsedId)
      const before = summaryTags(store.summary(parsedId))
      await photoDesk.updateTags([id], () => next)
      await rememberEmptiedTags(ctx, before)
      return mustGet(parsedId)
    },

    // A node moves with its subtree (items, photos, colours, saved searches): see tagTree/.
    async renameTag(from, to) {
      if (!findTagNode(tagTree.tagTree(), from)) throw new ArchiveError(`No tag named “${from}”.`)
      await tagTree.moveTags([from], to)
    },

    async mergeTags(sources, target) {
      const key = tagKey(tagTable.clean(target))
      await tagTree.moveTags(
        sources.filter((s) => tagKey(s) !== key),
        target,
      )
    },

    tagTree: () => tagTree.tagTree(),
    bulkTag: (request, options) => tagTree.bulkTag(request, options),
    undoTagChange: (change, options) => tagTree.undoTagChange(change, options),

    async deleteTag(tag) {
      const deleted = await deleteTagTree(tag)
      return [...new Set(deleted.flatMap((d) => d.refs))]
    },

    deleteTagTree,

    async setTagColor(tag, color) {
      const key = tagKey(tag)
      if (color !== null && !/^#[0-9a-fA-F]{6}$/.test(color)) {
        throw new ArchiveError(`“${color}” is not a colour like #c0392b.`)
      }
      await store.updateSettings((s) => {
        if (color) s.tagColors[key] = color
        else delete s.tagColors[key]
      })
      tagTable.invalidate()
      emit({ kind: 'tags' })
    },
  }
}

/** The tags of an item and of its photos. */
function allTags(item: ArchiveItem): string[] {
  return item.kind === 'article'
    ? [...item.tags, ...item.photos.flatMap((p) => p.tags ?? [])]
    : [...item.tags]
}
