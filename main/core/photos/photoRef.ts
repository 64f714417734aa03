import type { ArchiveItem, ItemId, Photo, PhotoRecord } from '../model'

/**
 * Photo refs: `ARTICLE/p0` names a photo inside an article, a standalone photo is named by its
 * item id (`ITEM/p0` is accepted for it too). An item id alone names the item.
 */
export interface ParsedRef {
  itemId: ItemId
  /** Set for `ITEM/PHOTO`. */
  photoId?: string
}

const REF = /^([0-9A-Za-z_-]{1,64})(?:\/([0-9A-Za-z_-]{1,64}))?$/

/** Split a ref, or null when it has not the shape of one. */
export function parseRef(ref: string): ParsedRef | null {
  const m = REF.exec(ref.trim())
  if (!m) return null
  return m[2] ? { itemId: m[1], photoId: m[2] } : { itemId: m[1] }
}

export function isPhotoRef(ref: string): boolean {
  return parseRef(ref)?.photoId !== undefined
}

/** The ref of a photo of an item: the item id for a standalone photo. */
export function photoRef(item: Pick<ArchiveItem, 'id' | 'kind'>, photoId: string): string {
  return item.kind === 'photo' ? item.id : `${item.id}/${photoId}`
}

/** The photo a ref names inside its item, or undefined (a bare article id names no photo). */
export function findPhoto(item: ArchiveItem, ref: ParsedRef): Photo | undefined {
  if (item.kind === 'photo') {
    return ref.photoId === undefined || ref.photoId === item.photo.id ? item.photo : undefined
  }
  return ref.photoId === undefined ? undefined : item.photos.find((p) => p.id === ref.photoId)
}

/** The photo as a record of its own. */
export function photoRecord(item: ArchiveItem, photo: Photo): PhotoRecord {
  if (item.kind === 'photo') {
    return {
      ref: item.id,
      itemId: item.id,
      kind: 'photo',
      photo,
      tags: [...item.tags],
      title: item.title,
      source: item.source,
      publishedAt: item.publishedAt ?? photo.meta?.dateCreated,
    }
  }
  return {
    ref: photoRef(item, photo.id),
    itemId: item.id,
    kind: 'article-photo',
    photo,
    tags: [...(photo.tags ?? [])],
    title: item.title,
    source: item.source,
    publishedAt: item.publishedAt ?? photo.meta?.dateCreated,
    articleTags: [...item.tags],
    url: item.canonicalUrl ?? item.url,
  }
}

/** Replace one photo of an item (by id), returning a new item. */
export function withPhoto(item: ArchiveItem, photo: Photo): ArchiveItem {
  if (item.kind === 'photo') return { ...item, photo }
  return { ...item, photos: item.photos.map((p) => (p.id === photo.id ? photo : p)) }
}
