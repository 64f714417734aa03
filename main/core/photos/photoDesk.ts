import type { ArchiveChange } from '../archiveApi'
import { ArchiveError } from '../archiveError'
import { DEFAULT_CREDIT_STYLE, templateProblem } from '../credits/creditLine'
import type {
  ArchiveItem,
  Credit,
  CreditStyleSetting,
  Photo,
  PhotoPatch,
  PhotoRecord,
} from '../model'
import type { ItemStore } from '../storage/itemStore'
import { applyPhotoEdit, keepPhotoEdits } from './editPhoto'
import { findPhoto, parseRef, photoRecord, withPhoto } from './photoRef'
import { changeTags, groupRefs } from './photoTags'

export interface PhotoDeskDeps {
  store: ItemStore
  /** Durable, then searchable, then listeners told (the archive's one write path). */
  save(items: ArchiveItem[]): Promise<void>
  emit(change: ArchiveChange): void
  now(): Date
}

/** Items re-parsed per write. */
const REPARSE_BATCH = 200

/**
 * The photo desk's part of the archive: photos addressed by ref, their tags, corrections that
 * stick, and the house style of credit lines. Every write goes through the archive's `save`.
 */
export function createPhotoDesk(deps: PhotoDeskDeps) {
  const { store, save } = deps

  async function locate(ref: string): Promise<{ item: ArchiveItem; photo: Photo }> {
    const parsed = parseRef(ref)
    if (!parsed) throw new ArchiveError(`“${ref}” is not a photo id (ITEM or ITEM/p0).`)
    const item = await store.get(parsed.itemId)
    if (!item) throw new ArchiveError(`No item with id ${parsed.itemId}.`)
    const photo = findPhoto(item, parsed)
    if (!photo) {
      throw new ArchiveError(
        item.kind === 'article'
          ? parsed.photoId === undefined
            ? `${item.id} is an article; name one of its photos: ${item.photos.map((p) => `${item.id}/${p.id}`).join(', ') || '(it has none)'}.`
            : `Article ${item.id} has no photo ${parsed.photoId}.`
          : `Photo ${item.id} has no photo ${parsed.photoId}.`,
      )
    }
    return { item, photo }
  }

  return {
    /** A photo by ref; undefined when the item or photo does not exist. */
    async photo(ref: string): Promise<PhotoRecord | undefined> {
      try {
        const { item, photo } = await locate(ref)
        return photoRecord(item, photo)
      } catch (err) {
        if (err instanceof ArchiveError) return undefined
        throw err
      }
    },

    /** Correct a photo's caption or credit: durable, searchable at once, marked as edited. */
    async editPhoto(ref: string, patch: PhotoPatch): Promise<PhotoRecord> {
      const { item, photo } = await locate(ref)
      const edited = applyPhotoEdit(photo, patch, deps.now().toISOString())
      const next = withPhoto(item, edited)
      await save([next])
      return photoRecord(next, edited)
    },

    /**
     * Change the tags of items and photos named by ids or refs (`ITEM`, `ITEM/p0`), one write
     * for all. Unknown items are skipped, as `addTags` always did.
     */
    async updateTags(
      refs: readonly string[],
      change: (tags: readonly string[]) => string[],
    ): Promise<void> {
      const { targets, invalid } = groupRefs(refs)
      if (invalid.length) throw new ArchiveError(`“${invalid[0]}” is not an item or photo id.`)
      const items = await store.getMany([...targets.keys()])
      const changed: ArchiveItem[] = []
      for (const item of items) {
        const next = changeTags(item, targets.get(item.id)!, change)
        if (next) changed.push(next)
      }
      await save(changed)
    },

    /**
     * Run the credit parser again over every archived credit (after the parser or its agency
     * table changed). Corrections made by hand are kept. Returns how many photos changed.
     */
    async reparseCredits(parse: (raw: string) => Credit): Promise<number> {
      let photos = 0
      let batch: ArchiveItem[] = []
      for await (const item of store.all()) {
        const list = item.kind === 'article' ? item.photos : [item.photo]
        let next = item
        for (const photo of list) {
          const fresh = reparsed(photo, parse)
          if (JSON.stringify(fresh) === JSON.stringify(photo)) continue
          next = withPhoto(next, fresh)
          photos++
        }
        if (next !== item) batch.push(next)
        if (batch.length >= REPARSE_BATCH) {
          await save(batch)
          batch = []
        }
      }
      await save(batch)
      return photos
    },

    creditStyle(): CreditStyleSetting {
      return { ...DEFAULT_CREDIT_STYLE, ...store.settings().creditStyle }
    },

    async setCreditStyle(setting: CreditStyleSetting): Promise<void> {
      const problem = templateProblem(setting.template)
      if (problem) throw new ArchiveError(problem)
      await store.updateSettings((s) => {
        s.creditStyle = { style: setting.style, template: setting.template }
      })
      deps.emit({ kind: 'settings' })
    },
  }
}

export type PhotoDesk = ReturnType<typeof createPhotoDesk>

/**
 * A photo with its credit parsed afresh from the raw text as imported; what a person set by
 * hand is put back. A parse that loses the photographer an importer took from the IPTC
 * by-line keeps that photographer.
 */
function reparsed(photo: Photo, parse: (raw: string) => Credit): Photo {
  const before = photo.edited?.original.credit ?? photo.credit
  if (!before?.raw.trim()) return photo
  let credit = parse(before.raw)
  if (!credit.photographer && before.photographer) {
    credit = { ...credit, photographer: before.photographer }
  }
  const caption = photo.edited?.original.caption ?? photo.caption
  const fresh: Photo = { ...photo, caption, credit }
  delete fresh.edited
  return keepPhotoEdits(fresh, photo)
}
