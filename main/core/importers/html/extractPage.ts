import { Readability } from '@mozilla/readability'
import { looksLikeCreditLine, parseCredit, splitCaptionCredit } from '../../credits'
import type { Credit, Photo } from '../../model'
import { isDecorativeImage, isDecorativeSrc } from './decorativeImage'
import { cleanText, resolveUrl } from './domText'
import { findJsonLdPhotos, findScriptDataPhotos } from './findDataPhotos'
import { findMarkupPhotos, imageUrlIn, type RawPhoto } from './findMarkupPhotos'
import { htmlParagraphs } from './htmlParagraphs'
import { parseHtmlDocument } from './parseHtmlDocument'
import { recoverSwallowedText } from './recoverSwallowedText'
import { sanitizeSnapshotElement, type SnapshotOptions } from './sanitizeSnapshot'

/** What a web page holds, as the archive would store it. */
export interface ExtractedPage {
  title: string
  byline: string | null
  /** The outlet (`og:site_name`, JSON-LD publisher…). */
  siteName: string | null
  publishedTime: string | null
  lang: string | null
  dir: string | null
  excerpt: string | null
  /** The article body as plain-text paragraphs. */
  paragraphs: string[]
  /** Captioned or credited photos, de-duplicated by image URL, credits parsed. */
  photos: Photo[]
  /** `<link rel=canonical>`, else `og:url`, resolved. */
  canonicalUrl: string | null
  /** http(s) image URLs of the photos, to download for offline reading. */
  images: string[]
  /** Whether Readability found an article (false: the paragraphs are the page's own text). */
  readerable: boolean
}

export interface ExtractOptions {
  /** The page's address: resolves relative links and images (after any `<base href>`). */
  url?: string
}

// A visually hidden "Credit" label glued to the name (`CreditKevin Frayer/Getty Images`).
const GLUED_CREDIT_LABEL = /^credit(?=\p{Lu})/u

/**
 * Extract a page: metadata and body with Mozilla Readability, photos and their credits from the
 * markup (figures, caption/credit elements, gallery attributes, credited `alt` text), JSON-LD
 * `ImageObject`s, script data and the Open Graph image; every credit goes through
 * `parseCredit`/`splitCaptionCredit`. Scripts never run and nothing is loaded. Pure.
 *
 * Returns `paragraphs: []` when the page holds no readable text (callers decide that this is
 * "no article").
 */
export function extractPage(html: string, options: ExtractOptions = {}): ExtractedPage {
  return readPage(html, options, false).page
}

/** A page read once: what it holds, and its sanitised snapshot from the same parse. */
export interface ReadPage {
  page: ExtractedPage
  /** The sanitised snapshot (see `sanitizeSnapshot`); one call per page. */
  snapshot(options?: SnapshotOptions): string
  /** Let the copy for the snapshot go (done by `snapshot`; call it when none is taken). */
  close(): void
}

/**
 * `extractPage` and `sanitizeSnapshot` from one jsdom parse of the page (`parseHtmlDocument`): a
 * copy of the document is taken for the snapshot before Readability rewrites it (copying a parsed
 * tree is several times cheaper than parsing the page again). With `withSnapshot: false` no copy
 * is taken and `snapshot` throws.
 */
export function readPage(
  html: string,
  options: ExtractOptions = {},
  withSnapshot = true,
): ReadPage {
  const { document, window } = parseHtmlDocument(html, options.url)
  let copy: Element | null = null
  const page = extractFromDocument(document, options.url, (doc) => {
    if (withSnapshot) copy = doc.documentElement.cloneNode(true) as Element
  })
  return {
    page,
    snapshot(snapshotOptions = {}) {
      const root = copy
      if (!root) throw new Error('this page was read without its snapshot')
      copy = null
      return sanitizeSnapshotElement(root, window, snapshotOptions)
    },
    close() {
      copy = null
    },
  }
}

function extractFromDocument(
  doc: Document,
  pageUrl: string | undefined,
  beforeRewrite: (doc: Document) => void,
): ExtractedPage {
  // The page as it came, before the document is rewritten (swallowed text, then Readability).
  beforeRewrite(doc)
  recoverSwallowedText(doc)
  const base = baseUrlOf(doc, pageUrl)
  const meta = (name: string) =>
    cleanText(
      doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content'),
    ) || undefined
  const canonicalUrl =
    resolveUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), base) ??
    resolveUrl(meta('og:url'), base) ??
    null

  // Photos are read before Readability, which rewrites the document.
  const markup = [
    ...findMarkupPhotos(doc, base, hasCredit),
    ...findJsonLdPhotos(doc, base),
    ...findScriptDataPhotos(doc, base),
  ]
  const ogImage = resolveUrl(
    meta('og:image') ?? meta('og:image:url') ?? meta('twitter:image'),
    base,
  )
  const ogAlt = meta('og:image:alt') ?? meta('twitter:image:alt') ?? ''

  const docTitle = doc.title
  const docLang = doc.documentElement.getAttribute('lang')
  // Readability rewrites the document it reads: everything else was read above.
  const article = new Readability<Node>(doc, { serializer: (node) => node }).parse()
  const content = article?.content as Element | null | undefined
  const paragraphs = content ? htmlParagraphs(content) : fallbackParagraphs(doc)
  if (content) markup.push(...articleImages(content, base))
  if (ogImage) markup.push({ src: ogImage, caption: ogAlt, from: 'og:image' })

  const photos = finishPhotos(markup)
  const text = (v: string | null | undefined) => cleanText(v) || null
  return {
    title: text(article?.title) ?? text(docTitle) ?? '',
    byline: text(article?.byline),
    siteName: text(article?.siteName),
    publishedTime: text(article?.publishedTime),
    lang: text(article?.lang) ?? text(docLang),
    dir: text(article?.dir),
    excerpt: text(article?.excerpt),
    paragraphs,
    photos,
    canonicalUrl,
    images: [...new Set(photos.flatMap((p) => (p.src && /^https?:/i.test(p.src) ? [p.src] : [])))],
    readerable: !!content,
  }
}

/** `<base href>` resolved against the page URL (the document's own base when jsdom has one). */
function baseUrlOf(doc: Document, pageUrl: string | undefined): string | undefined {
  const href = doc.querySelector('base[href]')?.getAttribute('href')
  if (href) {
    try {
      return new URL(href, pageUrl).href
    } catch {
      // A relative <base> without a page URL cannot be resolved: fall back to the page URL.
    }
  }
  return pageUrl
}

function hasCredit(text: string): boolean {
  return looksLikeCreditLine(text) || splitCaptionCredit(text).credit !== null
}

/** Images in Readability's article text: the article's own pictures, alt text as caption. */
function articleImages(content: Element, base: string | undefined): RawPhoto[] {
  const photos: RawPhoto[] = []
  for (const img of Array.from(content.querySelectorAll('img'))) {
    const src = imageUrlIn(img, base)
    if (!src || isDecorativeImage(img, src)) continue
    const caption = cleanText(img.getAttribute('alt')) || cleanText(img.getAttribute('title'))
    photos.push({ src, caption, from: 'article img' })
  }
  return photos
}

/** The page's visible text when Readability finds no article (short pages). */
function fallbackParagraphs(doc: Document): string[] {
  return doc.body ? htmlParagraphs(doc.body) : []
}

/**
 * Parse every credit, take a credit off the caption's end where no credit element named one,
 * and merge duplicates (same image URL; same caption for photos without one): the first find
 * wins, later ones fill in a missing caption or credit.
 */
function finishPhotos(raw: RawPhoto[]): Photo[] {
  const photos: Photo[] = []
  const byKey = new Map<string, Photo>()
  for (const r of raw) {
    // A hidden "Credit" label left alone once the credit element is taken out.
    let caption = r.caption.replace(/(?:^|\s)credit:?$/i, '').trim()
    let credit: Credit | null = null
    if (r.creditText) {
      credit = parseCredit(r.creditText.replace(GLUED_CREDIT_LABEL, ''))
      const split = splitCaptionCredit(caption)
      // The caption may repeat the credit ("… (AP Photo/Name)"): keep the caption's text only.
      if (split.credit && sameCredit(split.credit, credit)) caption = split.caption
    } else if (caption) {
      const split = splitCaptionCredit(caption)
      caption = split.caption
      credit = split.credit
    }
    if (credit && !credit.photographer && !credit.agency && credit.agencies.length === 0) {
      credit = cleanText(credit.raw) ? credit : null
    }
    const key = r.src
      ? `src:${imageKey(r.src)}`
      : caption
        ? `caption:${caption.toLowerCase()}`
        : undefined
    const existing = key ? byKey.get(key) : undefined
    if (existing) {
      if (!existing.caption && caption) existing.caption = caption
      if (!existing.credit && credit) existing.credit = credit
      continue
    }
    if (!r.src && !credit) continue
    // A logo, an icon or a pixel is not a photo, whatever the markup around it says.
    if (r.src && isDecorativeSrc(r.src)) continue
    const photo: Photo = { id: `p${photos.length}`, caption, credit }
    if (r.src) photo.src = r.src
    photos.push(photo)
    if (key) byKey.set(key, photo)
  }
  return photos
}

function sameCredit(a: Credit, b: Credit): boolean {
  const norm = (c: Credit) => `${c.photographer ?? ''}|${c.agency ?? ''}`.toLowerCase()
  return norm(a) === norm(b) || cleanText(a.raw).includes(cleanText(b.raw))
}

/**
 * Identity of an image URL for de-duplication: without query and fragment when the path names an
 * image file (sizes of one picture differ only in `?width=`), else the whole URL.
 */
function imageKey(src: string): string {
  const bare = src.replace(/[?#].*$/, '')
  return /\.(?:jpe?g|png|gif|webp|avif|tiff?|heic)$/i.test(bare) ? bare.toLowerCase() : src
}
