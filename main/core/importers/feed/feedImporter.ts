import iconv from 'iconv-lite'
import { parseCredit, splitCaptionCredit } from '../../credits'
import type { ArticleDraft, Credit, Photo } from '../../model'
import { MAX_TAG_LENGTH, normalizeTag, tagKey } from '../../tags'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  type ImportContext,
  type ImportInput,
  type Importer,
} from '../importer'
import { downloadPhotoImages, type DownloadPhotoOptions } from '../downloadPhotoImages'
import { feedHtmlToText, htmlSnippetToText, type HtmlImage } from './feedHtml'
import { parseFeed, type Feed, type FeedEntry, type FeedMedia } from './parseFeed'

const FEED_NAME = /\.(rss|atom|rdf)$/i
const XML_NAME = /\.xml$/i
const FEED_MIME = /^application\/(rss|atom|rdf)\+xml\b/i
const XML_MIME = /^(application|text)\/xml\b/i
const FEED_ROOT = /<(rss|feed|rdf:RDF)[\s>]/

export interface FeedImporterOptions {
  /**
   * Download the photos' images into the archive when `ctx.fetch` exists (default true), so
   * the items read offline; see downloadPhotoImages for limits.
   */
  downloadImages?: boolean | DownloadPhotoOptions
}

/**
 * RSS 2.0 / RSS 1.0 / Atom feeds: every item or entry becomes an article (origin `feed`) with
 * title, link, author, date, the feed's title as source, categories as tags, the body as plain
 * paragraphs (content:encoded / content, else summary / description) and photos from
 * media:content, media:thumbnail, image enclosures and figures in the content, each credit run
 * through the credit parser. Photo images are downloaded when the context can fetch; a failed
 * download leaves the photo with its URL only.
 *
 * Accepts `.rss`/`.atom`/`.rdf` files and feed MIME types outright (so a broken one gets a clear
 * reason), and `.xml` files whose start shows a feed root element.
 *
 * @throws ImportError for text that is not XML, XML that is not a feed, or a feed with no items.
 */
export function createFeedImporter(options: FeedImporterOptions = {}): Importer {
  const download = options.downloadImages ?? true
  return {
    name: 'feed',
    accepts(input: ImportInput): boolean {
      if (FEED_NAME.test(input.source) || FEED_MIME.test(input.contentType ?? '')) return true
      if (!XML_NAME.test(input.source) && !XML_MIME.test(input.contentType ?? '')) return false
      return FEED_ROOT.test(decodeXml(input.bytes.subarray(0, 4096)))
    },
    async import(input: ImportInput, ctx: ImportContext): Promise<ArticleDraft[]> {
      const name = input.source.split(/[\\/]/).pop() || input.source
      if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
        throw new ImportError(`${name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
      }
      const feed = parseFeed(decodeXml(input.bytes), name)
      if (!feed.entries.length) throw new ImportError(`${name} is a feed with no items.`)
      const drafts = feed.entries.map((entry) => entryToDraft(entry, feed, input.source))
      if (download) {
        const photos = drafts.flatMap((d) => d.photos)
        await downloadPhotoImages(photos, ctx, download === true ? {} : download)
      }
      return drafts
    },
  }
}

/** The feed importer with default options (images downloaded when the network is there). */
export const feedImporter: Importer = createFeedImporter()

/** One feed entry as an article (its text as the feed carries it; images not downloaded). */
export function entryToDraft(entry: FeedEntry, feed: Feed, source: string): ArticleDraft {
  const baseUrl = entry.link ?? feed.link
  const content = entry.html ? feedHtmlToText(entry.html, safeBase(baseUrl)) : undefined
  const body = content?.paragraphs ?? []
  const title =
    (entry.title && htmlSnippetToText(entry.title)) ||
    body[0]?.slice(0, 120) ||
    'Untitled feed item'
  const draft: ArticleDraft = {
    kind: 'article',
    title,
    tags: categoryTags(entry.categories),
    origin: { kind: 'feed', path: source },
    body,
    photos: photosOf(entry.media, content?.images ?? []),
  }
  if (entry.link) draft.url = entry.link
  if (entry.author) draft.byline = entry.author
  const date = isoDate(entry.date)
  if (date) draft.publishedAt = date
  if (feed.title) draft.source = htmlSnippetToText(feed.title)
  if (entry.summary) {
    const excerpt = htmlSnippetToText(entry.summary)
    if (excerpt) draft.excerpt = excerpt
  }
  if (entry.language) draft.language = entry.language
  return draft
}

function photosOf(media: FeedMedia[], inline: HtmlImage[]): Photo[] {
  const photos: Photo[] = []
  const seen = new Set<string>()
  const add = (src: string, captionText: string, creditText: string | undefined) => {
    if (seen.has(src)) return
    seen.add(src)
    const { caption, credit } = captionAndCredit(captionText, creditText)
    photos.push({ id: `p${photos.length}`, caption, credit, src })
  }
  for (const m of media) add(m.url, m.caption ? htmlSnippetToText(m.caption) : '', m.credit)
  for (const img of inline) add(img.src, img.caption, img.credit)
  return photos
}

/** A separate credit wins; else a credit at the end of the caption is split off. */
function captionAndCredit(
  captionText: string,
  creditText: string | undefined,
): { caption: string; credit: Credit | null } {
  if (creditText) return { caption: captionText, credit: parseCredit(creditText) }
  if (!captionText) return { caption: '', credit: null }
  const split = splitCaptionCredit(captionText)
  return { caption: split.caption.trim(), credit: split.credit }
}

function categoryTags(categories: string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const c of categories) {
    const tag = normalizeTag(c)
    const key = tagKey(tag)
    if (!tag || tag.length > MAX_TAG_LENGTH || seen.has(key)) continue
    seen.add(key)
    out.push(tag)
  }
  return out
}

/** RFC 822 (`Tue, 10 Jun 2003 04:00:00 GMT`) or RFC 3339 → ISO 8601 UTC; undefined if unreadable. */
function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined
  // RFC 3339 is already ISO 8601: keep the writer's offset.
  if (/^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$/.test(text)) return text
  const ms = Date.parse(text.replace(/\b(UT|Z)$/, 'GMT'))
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

function safeBase(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).href
  } catch {
    return undefined
  }
}

/**
 * Decode XML bytes: a byte-order mark wins, then the declaration's `encoding`, then UTF-8
 * (the XML default).
 */
/** Feed bytes as text, in the encoding the XML declaration (or a BOM) names. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3))
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]
  if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared)
  }
  return new TextDecoder('utf-8').decode(bytes)
}
