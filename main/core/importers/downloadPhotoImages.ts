import type { Photo } from '../model'
import { createThumbnail } from '../thumbnails/createThumbnail'
import { fetchLimited } from './html/fetchLimited'
import { IMAGE_MIME, sniffImageFormat } from './image/imageFormat'
import type { ImportContext } from './importer'

export interface DownloadPhotoOptions {
  /** Per image, in ms (default 15 s). */
  timeoutMs?: number
  /** Larger images are skipped (default 20 MB). */
  maxBytes?: number
  /** Redirects followed per image (default 5). */
  maxRedirects?: number
  /** Parallel downloads (default 4). */
  concurrency?: number
  /** A page with a hundred pictures is a gallery index: keep the first ones (default 60). */
  maxImages?: number
  /**
   * Stop trying after this many failures in a row with no success (default 3): offline, a
   * feed of 200 items must not wait 200 timeouts.
   */
  giveUpAfter?: number
}

export interface DownloadSummary {
  downloaded: number
  failed: number
  /** Not tried because the network looked down, or past `maxImages`. */
  skipped: number
}

/**
 * Download the images of photos that have an http(s) `src` and no `image` (each address once),
 * keep them in the archive (`ctx.putBlob`) with a thumbnail, and set `photo.image` and
 * `photo.thumbnail`, so the reader shows them with the network off. Downloads go through
 * `fetchLimited` (http(s) only, redirects checked, size counted while streaming); only images
 * are kept, recognised by their bytes. A photo whose download fails keeps its `src` only.
 * Needs `ctx.fetch`; without it nothing is done. Never throws for a failed download; rethrows
 * an abort of `ctx.signal`.
 */
export async function downloadPhotoImages(
  photos: Photo[],
  ctx: ImportContext,
  options: DownloadPhotoOptions = {},
): Promise<DownloadSummary> {
  const summary: DownloadSummary = { downloaded: 0, failed: 0, skipped: 0 }
  const fetchFn = ctx.fetch
  const wanted = photos.filter((p) => !p.image && p.src && /^https?:\/\//i.test(p.src))
  const urls = [...new Set(wanted.map((p) => p.src!))]
  if (!fetchFn || urls.length === 0) return summary
  const limits = {
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
  }
  const giveUpAfter = options.giveUpAfter ?? 3
  const todo = urls.slice(0, options.maxImages ?? 60)
  summary.skipped += urls.length - todo.length
  const kept = new Map<string, Pick<Photo, 'image' | 'thumbnail'>>()
  let failuresInRow = 0
  let next = 0

  const worker = async () => {
    while (next < todo.length) {
      const src = todo[next++]
      ctx.signal?.throwIfAborted()
      if (failuresInRow >= giveUpAfter) {
        summary.skipped++
        continue
      }
      let bytes: Uint8Array
      let finalUrl: string
      try {
        const got = await fetchLimited(fetchFn, src, limits, ctx.signal, (type, at) =>
          !type || /^image\/|octet-stream/i.test(type) ? null : `${at} is not an image.`,
        )
        ;({ bytes, finalUrl } = got)
      } catch (err) {
        if (ctx.signal?.aborted) throw err
        failuresInRow++
        summary.failed++
        continue
      }
      const format = sniffImageFormat(bytes)
      if (!format) {
        failuresInRow++
        summary.failed++
        continue
      }
      failuresInRow = 0
      const mime = IMAGE_MIME[format]
      const image = await ctx.putBlob(bytes, mime, fileNameOf(finalUrl))
      const thumb = await createThumbnail(bytes, mime)
      const thumbnail = thumb ? await ctx.putBlob(thumb.bytes, thumb.mime) : undefined
      kept.set(src, thumbnail ? { image, thumbnail } : { image })
      summary.downloaded++
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, todo.length) }, worker))
  for (const photo of wanted) {
    const got = kept.get(photo.src!)
    if (got) Object.assign(photo, got)
  }
  return summary
}

function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop()
    return last ? decodeURIComponent(last) : undefined
  } catch {
    return undefined
  }
}
