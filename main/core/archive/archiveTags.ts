import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { ArchiveItem, ItemId } from '../model'
import { changeAllTags, refsWithTag, summaryHasTag } from '../photos/photoTags'
import { tagKey } from '../tags'
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

  /** Items carrying a tag (by identity) on themselves or a photo, read in full. */
  async function itemsWithTag(key: string): Promise<ArchiveItem[]> {
    const ids: ItemId[] = []
    for (const s of store.summaries()) if (summaryHasTag(s, key)) ids.push(s.id)
    return store.getMany(ids)
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
      const key = tagKey(tag)
      const items = await itemsWithTag(key)
      await save(
        items.flatMap(
          (item) => changeAllTags(item, (tags) => tags.filter((t) => tagKey(t) !== key)) ?? [],
        ),
      )
      await forgetTags(ctx, [key])
      emit({ kind: 'tags' })
      return items.flatMap((item) => refsWithTag(item, key))
    },

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
