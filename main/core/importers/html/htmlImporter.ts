import type { ArticleDraft, Origin } from '../../model'
import { ImportError, type ImportContext, type ImportInput, type Importer } from '../importer'
import { decodeHtml } from './decodeHtml'
import { readPage, type ExtractedPage } from './extractPage'
import { sanitizeSnapshot, type SnapshotOptions } from './sanitizeSnapshot'
import { downloadPhotoImages } from '../downloadPhotoImages'
import { contextArchiver } from '../offline/imageDownloader'
import { archiveSnapshotImages, mergeMissing } from '../offline/snapshotImages'

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml'])
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml', 'xht'])
// Shorter than this is a lone link or a placeholder ("Home", "Test"), not an article; the
// shortest real page of the Readability corpus keeps 56 characters.
const MIN_ARTICLE_CHARS = 25

/**
 * Imports saved web pages (`.html`, `.htm`, `.xhtml`, `text/html`, or bytes that start like
 * HTML): the article by Mozilla Readability (title, byline, outlet, date, language, excerpt,
 * body paragraphs), photos with parsed credits from the markup and structured data, the
 * canonical URL, and a sanitised snapshot of the page kept in the archive (`Article.snapshot`).
 * Every image the page shows (the photos', and each `<img>` or figure background of the
 * snapshot: files beside the page such as `Page_files/`, `data:` URIs, remote URLs) is kept in
 * the archive through the context's downloader; those that fail are listed in
 * `missingImages`.
 *
 * Throws `ImportError` for oversized, empty or binary files and for pages without an article.
 */
export const htmlImporter: Importer = {
  name: 'html',
  accepts(input) {
    const type = input.contentType?.split(';')[0].trim().toLowerCase()
    if (type && HTML_TYPES.has(type)) return true
    const name = input.source.split(/[\\/]/).pop() ?? ''
    const dot = name.lastIndexOf('.')
    if (dot > 0 && HTML_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return true
    if (dot > 0 && name.slice(dot + 1).toLowerCase() !== 'txt') return false
    return looksLikeHtml(input.bytes)
  },
  async import(input: ImportInput, ctx: ImportContext) {
    const { html } = decodeHtml(input.bytes, input.source, input.contentType)
    const url = savedFromUrl(html)
    // One parse of the page gives the article and the snapshot.
    const read = readPage(html, { url })
    const origin: Origin = { kind: 'html', path: input.source }
    try {
      return [await pageToDraft(read.page, read.snapshot, ctx, origin, input.source, { url })]
    } finally {
      read.close()
    }
  },
}

/** Whether the first bytes look like an HTML document (doctype, `<html>` or `<head>`). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024))
  if (head[0] === 0xff && head[1] === 0xfe) head = Buffer.from(head.toString('utf16le'))
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
  return /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])/i.test(text)
}

/**
 * The address a browser noted when it saved the page (`<!-- saved from url=(0058)https://… -->`),
 * if it is http(s): it resolves the page's relative links and images.
 */
export function savedFromUrl(html: string): string | undefined {
  const match = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096))
  return match && /^https?:\/\//i.test(match[1]) ? match[1] : undefined
}

export interface DraftExtras {
  /** The address the page was fetched from (after redirects). */
  url?: string
  /** Archived images, absolute URL → sha256, for the snapshot. */
  archived?: ReadonlyMap<string, string>
}

/**
 * Turn an extracted page into an article draft and keep its sanitised snapshot in the archive.
 * `snapshotOf` is the page's HTML, or the snapshot of a page already parsed (`readPage`).
 *
 * @throws ImportError when the page holds no article (no readable text).
 */
export async function pageToDraft(
  page: ExtractedPage,
  snapshotOf: string | ((options: SnapshotOptions) => string),
  ctx: ImportContext,
  origin: Origin,
  source: string,
  extras: DraftExtras = {},
): Promise<ArticleDraft> {
  const text = page.paragraphs.join(' ')
  if (text.length < MIN_ARTICLE_CHARS) {
    throw new ImportError(`No article found in ${source}: the page has no readable text.`)
  }
  // Every image the page shows is kept: the photos' and the snapshot's (one fetch per image).
  const file = origin.kind === 'html' ? origin.path : undefined
  const archiveImage = contextArchiver(ctx, { file })
  const photoImages = await downloadPhotoImages(
    page.photos,
    { ...ctx, archiveImage },
    { pageUrl: extras.url },
  )
  const snapshotOptions = { baseUrl: extras.url, archived: extras.archived }
  const sanitized =
    typeof snapshotOf === 'string'
      ? sanitizeSnapshot(snapshotOf, snapshotOptions)
      : snapshotOf(snapshotOptions)
  const snapshotImages = await archiveSnapshotImages(sanitized, (ref) =>
    archiveImage(ref, extras.url),
  )
  const snapshot = await ctx.putBlob(
    new TextEncoder().encode(snapshotImages.html),
    'text/html',
    'snapshot.html',
  )
  const draft: ArticleDraft = {
    kind: 'article',
    title: page.title || fileTitle(source),
    body: page.paragraphs,
    photos: page.photos,
    origin,
    snapshot,
  }
  const missing = mergeMissing([...photoImages.missing, ...snapshotImages.missing])
  if (missing.length) draft.missingImages = missing
  if (page.byline) draft.byline = page.byline
  if (page.siteName) draft.source = page.siteName
  if (page.lang) draft.language = page.lang
  if (page.excerpt) draft.excerpt = page.excerpt
  const published = isoDate(page.publishedTime)
  if (published) draft.publishedAt = published
  if (extras.url) draft.url = extras.url
  if (page.canonicalUrl) draft.canonicalUrl = page.canonicalUrl
  return draft
}

/** An ISO 8601 date from a page's published time, or undefined when it cannot be read. */
function isoDate(value: string | null): string | undefined {
  if (!value) return undefined
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

function fileTitle(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? source
  return name.replace(/\.[^.]+$/, '') || source
}
