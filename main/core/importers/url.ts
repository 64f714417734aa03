import type { ItemDraft } from '../model'
import { decodeHtml } from './html/decodeHtml'
import { readPage } from './html/extractPage'
import { fetchLimited, type FetchLimits } from './html/fetchLimited'
import { looksLikeHtml, pageToDraft } from './html/htmlImporter'
import { ImportError, type ImportContext } from './importer'
import { contextArchiver } from './offline/imageDownloader'

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
  // One parse of the page gives the article and the snapshot.
  const read = readPage(html, { url: page.finalUrl })
  // The page's photos and every image of its snapshot go through one downloader.
  const archiveImage = contextArchiver({ ...ctx, fetch: fetchFn }, limits)
  try {
    const draft = await pageToDraft(
      read.page,
      read.snapshot,
      { ...ctx, fetch: fetchFn, archiveImage },
      { kind: 'url', path: url },
      url,
      { url: page.finalUrl },
    )
    return [draft]
  } finally {
    read.close()
  }
}
