import type { ItemDraft, Photo } from '../model'
import { createThumbnail } from '../thumbnails/createThumbnail'
import { decodeHtml } from './html/decodeHtml'
import { extractPage } from './html/extractPage'
import { fetchLimited, type FetchLimits } from './html/fetchLimited'
import { looksLikeHtml, pageToDraft } from './html/htmlImporter'
import { IMAGE_MIME, sniffImageFormat } from './image/imageFormat'
import { ImportError, type ImportContext } from './importer'

export interface UrlImportOptions {
  /** Per download (the page, then each image), in ms; default 20 s. */
  timeoutMs?: number
  /** Per download; default 20 MB. */
  maxBytes?: number
  /** Per download; default 5. */
  maxRedirects?: number
}

const DEFAULTS: FetchLimits = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5 }
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml'])
/** A page with a hundred pictures is a gallery index: keep the first ones. */
const MAX_IMAGES = 60
const IMAGE_CONCURRENCY = 4
/** Offline or blocked: stop after this many image failures in a row with no success. */
const GIVE_UP_AFTER = 3

/**
 * Import a web page from its address: fetch it (http/https only; `ctx.fetch`, else global
 * fetch) within a timeout, size cap and redirect limit, read it with the HTTP charset, extract
 * it like a saved page, then download the article's images (same limits, `image/*` only) into
 * the archive (`Photo.image`, plus a thumbnail) so the reader needs no network. The draft keeps
 * the final URL (`url`, after redirects) and the page's canonical URL. A failed image download
 * leaves that photo with its `src` only.
 *
 * @throws ImportError with one sentence: not an http(s) address, no network, unknown host,
 *   refused, no answer in time, HTTP error, too many redirects, too large, not a web page, or
 *   no article in it. An abort of `ctx.signal` is rethrown.
 */
export async function importUrl(
  url: string,
  ctx: ImportContext,
  options: UrlImportOptions = {},
): Promise<ItemDraft[]> {
  const limits: FetchLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
  }
  const fetchFn = ctx.fetch ?? ((u, init) => globalThis.fetch(u, init))
  const page = await fetchLimited(fetchFn, url, limits, ctx.signal, (type, at) => {
    const mime = type?.split(';')[0].trim().toLowerCase()
    return !mime || PAGE_TYPES.has(mime)
      ? null
      : `${at} is not a web page (the server sent ${mime}).`
  })
  if (!page.contentType && !looksLikeHtml(page.bytes)) {
    throw new ImportError(`${page.finalUrl} is not a web page.`)
  }
  const { html } = decodeHtml(page.bytes, page.finalUrl, page.contentType)
  const extracted = extractPage(html, { url: page.finalUrl })
  const archived = await archiveImages(extracted.photos, fetchFn, ctx, limits)
  const draft = await pageToDraft(extracted, html, ctx, { kind: 'url', path: url }, url, {
    url: page.finalUrl,
    archived,
  })
  return [draft]
}

/**
 * Download the photos' http(s) images into the archive; returns URL → sha256 of what was kept.
 * Failures are skipped (the photo keeps its `src`); an abort of `ctx.signal` is rethrown.
 */
async function archiveImages(
  photos: Photo[],
  fetchFn: NonNullable<ImportContext['fetch']>,
  ctx: ImportContext,
  limits: FetchLimits,
): Promise<Map<string, string>> {
  const archived = new Map<string, string>()
  const urls = [
    ...new Set(photos.flatMap((p) => (p.src && /^https?:/i.test(p.src) ? [p.src] : []))),
  ]
  const todo = urls.slice(0, MAX_IMAGES)
  const kept = new Map<string, Pick<Photo, 'image' | 'thumbnail'>>()
  let failuresInRow = 0
  let next = 0
  const worker = async () => {
    while (next < todo.length) {
      const src = todo[next++]
      if (failuresInRow >= GIVE_UP_AFTER) continue
      try {
        const got = await fetchLimited(fetchFn, src, limits, ctx.signal, (type, at) =>
          /^image\//i.test(type ?? '') ? null : `${at} is not an image.`,
        )
        const format = sniffImageFormat(got.bytes)
        const mime = format ? IMAGE_MIME[format] : got.contentType!.split(';')[0].trim()
        const image = await ctx.putBlob(got.bytes, mime, fileNameOf(got.finalUrl))
        const thumb = format ? await createThumbnail(got.bytes, mime) : null
        const thumbnail = thumb ? await ctx.putBlob(thumb.bytes, thumb.mime) : undefined
        kept.set(src, { image, thumbnail })
        archived.set(src, image.sha256)
        failuresInRow = 0
      } catch (err) {
        if (ctx.signal?.aborted) throw err
        failuresInRow++
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, todo.length) }, worker))
  for (const photo of photos) {
    const got = photo.src ? kept.get(photo.src) : undefined
    if (!got) continue
    photo.image = got.image
    if (got.thumbnail) photo.thumbnail = got.thumbnail
  }
  return archived
}

function fileNameOf(url: string): string | undefined {
  try {
    const last = new URL(url).pathname.split('/').pop()
    return last ? decodeURIComponent(last) : undefined
  } catch {
    return undefined
  }
}
