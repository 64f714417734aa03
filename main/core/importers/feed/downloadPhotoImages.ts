import type { Photo } from '../../model'
import { createThumbnail } from '../../thumbnails/createThumbnail'
import { IMAGE_MIME, sniffImageFormat } from '../image/imageFormat'
import type { ImportContext } from '../importer'

export interface DownloadPhotoOptions {
  /** Per image, in ms (default 15 s). */
  timeoutMs?: number
  /** Larger images are skipped (default 20 MB). */
  maxBytes?: number
  /** Parallel downloads (default 4). */
  concurrency?: number
  /**
   * Stop trying after this many failures in a row with no success (default 3): offline, a
   * feed of 200 items must not wait 200 timeouts.
   */
  giveUpAfter?: number
}

export interface DownloadSummary {
  downloaded: number
  failed: number
  /** Not tried because the network looked down. */
  skipped: number
}

/**
 * Download the images of photos that have an http(s) `src` and no `image`, keep them in the
 * archive (`ctx.putBlob`) with a thumbnail, and set `photo.image`/`photo.thumbnail`, so the
 * reader shows them with the network off. A photo whose download fails keeps its `src` only.
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
  const todo = photos.filter((p) => !p.image && p.src && /^https?:\/\//i.test(p.src))
  if (!fetchFn || !todo.length) return summary
  const timeoutMs = options.timeoutMs ?? 15_000
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024
  const giveUpAfter = options.giveUpAfter ?? 3
  let failuresInRow = 0
  let next = 0

  const worker = async () => {
    while (next < todo.length) {
      const photo = todo[next++]
      ctx.signal?.throwIfAborted()
      if (failuresInRow >= giveUpAfter) {
        summary.skipped++
        continue
      }
      const bytes = await fetchImage(fetchFn, photo.src!, timeoutMs, maxBytes, ctx.signal)
      const format = bytes && sniffImageFormat(bytes)
      if (!bytes || !format) {
        ctx.signal?.throwIfAborted()
        failuresInRow++
        summary.failed++
        continue
      }
      failuresInRow = 0
      const mime = IMAGE_MIME[format]
      const fileName = fileNameOf(photo.src!)
      photo.image = await ctx.putBlob(bytes, mime, fileName)
      const thumb = await createThumbnail(bytes, mime)
      if (thumb) photo.thumbnail = await ctx.putBlob(thumb.bytes, thumb.mime)
      summary.downloaded++
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, todo.length) }, worker))
  return summary
}

async function fetchImage(
  fetchFn: NonNullable<ImportContext['fetch']>,
  url: string,
  timeoutMs: number,
  maxBytes: number,
  outer: AbortSignal | undefined,
): Promise<Uint8Array | undefined> {
  const signal = outer
    ? AbortSignal.any([outer, AbortSignal.timeout(timeoutMs)])
    : AbortSignal.timeout(timeoutMs)
  try {
    const res = await fetchFn(url, { signal })
    if (!res.ok || !res.body) return undefined
    const type = res.headers.get('content-type') ?? ''
    if (type && !/^image\//i.test(type) && !/octet-stream/i.test(type)) return undefined
    if (Number(res.headers.get('content-length') ?? 0) > maxBytes) return undefined
    const chunks: Uint8Array[] = []
    let total = 0
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel()
        return undefined
      }
      chunks.push(value)
    }
    return new Uint8Array(Buffer.concat(chunks))
  } catch {
    return undefined
  }
}

function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop()
    return last ? decodeURIComponent(last) : undefined
  } catch {
    return undefined
  }
}
