import type { Archive } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import type { ArchiveItem, ItemId } from '../model'
import { changeAllTags, refsWithTag, summaryHasTag } from '../photos/photoTags'
import { tagKey } from '../tags'
import type { ArchiveContext } from './context'
import { dedupeTags } from './tagTable'

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
>

/**
 * The archive's tags: listing with counts and colours, adding and removing on items and photos,
 * renaming, merging, deleting everywhere, colours. Every write goes through `ctx.save`.
 */
export function createTagMethods(ctx: ArchiveContext): TagMethods {
  const { store, save, emit, mustGet, photoDesk, tagTable } = ctx

  /** Items carrying a tag (by identity) on themselves or a photo, read in full. */
  async function itemsWithTag(key: string): Promise<ArchiveItem[]> {
    const ids: ItemId[] = []
    for (const s of store.summaries()) if (summaryHasTag(s, key)) ids.push(s.id)
    return store.getMany(ids)
  }

  async function moveColor(fromKeys: string[], toKey: string): Promise<void> {
    const colors = store.settings().tagColors
    const color = fromKeys.map((k) => colors[k]).find(Boolean)
    if (!fromKeys.some((k) => k in colors)) return
    await store.updateSettings((s) => {
      for (const k of fromKeys) delete s.tagColors[k]
      if (color && !s.tagColors[toKey]) s.tagColors[toKey] = color
    })
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
    },

    async setTags(id, tags) {
      const next = dedupeTags(tags.map(tagTable.display))
      const parsedId = id.split('/')[0]
      await mustGet(parsedId)
      await photoDesk.updateTags([id], () => next)
      return mustGet(parsedId)
    },

    async renameTag(from, to) {
      const fromKey = tagKey(from)
      const target = tagTable.clean(to)
      const targetKey = tagKey(target)
      const items = await itemsWithTag(fromKey)
      if (items.length === 0) throw new ArchiveError(`No tag named “${from}”.`)
      // Renaming onto another existing tag merges; otherwise the new spelling becomes the display form.
      const display =
        targetKey === fromKey ? target : (tagTable.table().get(targetKey)?.name ?? target)
      await save(
        items.flatMap(
          (item) =>
            changeAllTags(item, (tags) =>
              dedupeTags(tags.map((t) => (tagKey(t) === fromKey ? display : t))),
            ) ?? [],
        ),
      )
      await moveColor([fromKey], targetKey)
      emit({ kind: 'tags' })
    },

    async mergeTags(sources, target) {
      const display = tagTable.display(target)
      const targetKey = tagKey(display)
      const keys = new Set(sources.map((s) => tagKey(s)).filter((k) => k !== targetKey))
      const ids = new Set<ItemId>()
      for (const s of store.summaries())
        if ([...keys].some((k) => summaryHasTag(s, k))) ids.add(s.id)
      const items = await store.getMany([...ids])
      await save(
        items.flatMap(
          (item) =>
            changeAllTags(item, (tags) =>
              dedupeTags(tags.map((t) => (keys.has(tagKey(t)) ? display : t))),
            ) ?? [],
        ),
      )
      await moveColor([...keys], targetKey)
      emit({ kind: 'tags' })
    },

    async deleteTag(tag) {
      const key = tagKey(tag)
      const items = await itemsWithTag(key)
      await save(
        items.flatMap(
          (item) => changeAllTags(item, (tags) => tags.filter((t) => tagKey(t) !== key)) ?? [],
        ),
      )
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
