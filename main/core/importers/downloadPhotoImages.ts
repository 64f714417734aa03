import type { MissingImage, Photo } from '../model'
import type { ImportContext } from './importer'
import { contextArchiver, type ImageDownloaderOptions } from './offline/imageDownloader'

export interface DownloadPhotoOptions extends Omit<ImageDownloaderOptions, 'onProgress'> {
  /** The imported file, for images beside it (when the context has no `archiveImage`). */
  file?: string
  /** A page with a hundred pictures is a gallery index: keep the first ones (default 60). */
  maxImages?: number
  /** The address a saved page came from (see `ImageScope.pageUrl`). */
  pageUrl?: string
}

export interface DownloadSummary {
  downloaded: number
  failed: number
  /** Not tried because the network looked down, or past `maxImages`. */
  skipped: number
  /** Each photo image not archived: its `src` and why. */
  missing: MissingImage[]
}

/**
 * Keep the images of photos that have a `src` and no `image` (each reference once): http(s)
 * URLs, `data:` URIs and paths relative to the imported file, through the context's
 * `archiveImage` (the archive's one downloader) or, without it, a downloader over `ctx.fetch`
 * and `ctx.putBlob`. Sets `photo.image` and `photo.thumbnail`, so the reader shows them with
 * the network off. A photo whose image fails keeps its `src` and is listed in `missing`.
 * Never throws for a failed image; rethrows an abort of `ctx.signal`.
 */
export async function downloadPhotoImages(
  photos: Photo[],
  ctx: ImportContext,
  options: DownloadPhotoOptions = {},
): Promise<DownloadSummary> {
  const summary: DownloadSummary = { downloaded: 0, failed: 0, skipped: 0, missing: [] }
  const wanted = photos.filter((p) => !p.image && p.src)
  const refs = [...new Set(wanted.map((p) => p.src!))]
  if (refs.length === 0) return summary
  const archiveImage = contextArchiver(ctx, options)
  const todo = refs.slice(0, options.maxImages ?? 60)
  for (const ref of refs.slice(todo.length)) {
    summary.skipped++
    summary.missing.push({ url: ref, reason: `${ref} was left out: the page has too many images.` })
  }
  const results = await Promise.all(todo.map((ref) => archiveImage(ref, options.pageUrl)))
  const kept = new Map<string, Pick<Photo, 'image' | 'thumbnail'>>()
  for (const [i, result] of results.entries()) {
    if (result.ok) {
      summary.downloaded++
      kept.set(
        todo[i],
        result.thumbnail
          ? { image: result.image, thumbnail: result.thumbnail }
          : { image: result.image },
      )
    } else {
      if (result.skipped) summary.skipped++
      else summary.failed++
      summary.missing.push({ url: todo[i], reason: result.reason })
    }
  }
  for (const photo of wanted) {
    const got = kept.get(photo.src!)
    if (got) Object.assign(photo, got)
  }
  return summary
}
