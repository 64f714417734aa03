import type { Article, ArchiveItem, MissingImage, MissingImagesOutcome } from '../../model'
import { downloadPhotoImages } from '../downloadPhotoImages'
import type { ImportContext } from '../importer'
import type { ImageDownloader } from './imageDownloader'
import { archiveSnapshotImages, mergeMissing, unarchivedSnapshotRefs } from './snapshotImages'

export interface RefetchDeps {
  downloader: ImageDownloader
  putBlob: ImportContext['putBlob']
  readBlob(sha256: string): Promise<Uint8Array>
  signal?: AbortSignal
}

/** Whether an item still refers to images the archive does not hold (as far as its record says). */
export function hasMissingImages(item: ArchiveItem): item is Article {
  if (item.kind !== 'article') return false
  return !!item.missingImages?.length || item.photos.some((p) => p.src && !p.image)
}

/** How many images an item lacks: its list of missing images, else its photos without one. */
export function missingImageCount(item: ArchiveItem): number {
  if (item.kind !== 'article') return 0
  return item.missingImages?.length ?? item.photos.filter((p) => p.src && !p.image).length
}

/**
 * Try again to keep the images an article lacks: its photos' images and the unarchived images
 * of its snapshot (a new snapshot blob marks those now kept). Local files are looked for in
 * the folder the item was imported from, as at import. Returns the updated item (null when
 * nothing changed) and what is still missing.
 */
export async function refetchItemImages(
  item: Article,
  deps: RefetchDeps,
): Promise<{ updated: Article | null; outcome: MissingImagesOutcome }> {
  const fromFile = item.origin?.kind === 'html' || item.origin?.kind === 'markdown'
  const file = fromFile ? item.origin?.path : undefined
  const pageUrl = item.origin?.kind === 'html' ? item.url : undefined
  const ctx: ImportContext = {
    putBlob: deps.putBlob,
    signal: deps.signal,
    archiveImage: (ref, at) => deps.downloader.archive(ref, { file, pageUrl: at ?? pageUrl }),
  }
  const photos = item.photos.map((p) => ({ ...p }))
  const photoResult = await downloadPhotoImages(photos, ctx, { pageUrl })
  let snapshot = item.snapshot
  let snapshotMissing: MissingImage[] = []
  // An image is counted once, whether the photo, the snapshot or both show it.
  const fetchedRefs = new Set(
    photos.filter((p, i) => p.image && !item.photos[i].image).map((p) => p.src!),
  )
  if (item.snapshot) {
    const html = new TextDecoder().decode(await deps.readBlob(item.snapshot.sha256))
    if (unarchivedSnapshotRefs(html).length > 0) {
      const result = await archiveSnapshotImages(html, (ref) => ctx.archiveImage!(ref, pageUrl))
      snapshotMissing = result.missing
      if (result.archived > 0) {
        for (const ref of result.kept) fetchedRefs.add(ref)
        snapshot = await deps.putBlob(
          new TextEncoder().encode(result.html),
          'text/html',
          'snapshot.html',
        )
      }
    }
  }
  const kept = new Set(photos.filter((p) => p.image && p.src).map((p) => p.src!))
  const missing = mergeMissing([...photoResult.missing, ...snapshotMissing]).filter(
    (m) => !kept.has(m.url),
  )
  const fetched = fetchedRefs.size
  const outcome: MissingImagesOutcome = { id: item.id, title: item.title, fetched, missing }
  const sameList = JSON.stringify(missing) === JSON.stringify(item.missingImages ?? [])
  if (fetched === 0 && sameList) return { updated: null, outcome }
  const updated: Article = { ...item, photos, snapshot }
  if (missing.length) updated.missingImages = missing
  else delete updated.missingImages
  return { updated, outcome }
}
