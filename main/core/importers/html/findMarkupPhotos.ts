import { cleanText, isHidden, resolveUrl, visibleText } from './domText'

/** A photo as found in the markup, before its credit is parsed. */
export interface RawPhoto {
  /** Absolute image URL (relative when the page has no base URL), if one was found. */
  src?: string
  caption: string
  /** Text of a credit element or attribute; undefined when the credit may be in the caption. */
  creditText?: string
  /** Where it was found, for debugging: `figure`, `data-caption`, `img alt`… */
  from: string
}

// Elements holding a caption (class names and itemprop values as sites write them).
const CAPTION_CLASS = /caption|photo__desc|image-desc|img-desc|pictext|legend|cutline/i
// Elements holding a credit. `source` alone is too common (it is heise's credit class).
const CREDIT_CLASS =
  /credit|attribution|copyright|byline|photographer|(?:^|[\s_-])source(?:$|[\s_-])|creator/i
// Outside figures only clear photo-credit classes start a block (`byline` there is the author's).
const BLOCK_CREDIT_CLASS = /credit|attribution|copyright|photographer/i
const CREDIT_ITEMPROP = /\b(?:creator|copyrightHolder|author|creditText|copyrightNotice)\b/i
// Class/id words of page parts around the article (after Readability's "unlikely candidates").
const OUTSIDE_ARTICLE =
  /related|recommend|taboola|outbrain|trc_|sponsor|comment|sidebar|widget|social|newsletter|footer|menu|masthead|more-stories|read-more/i
// Whole class/id tokens that mean an ad or navigation (`ad-portal` wraps a whole page).
const OUTSIDE_TOKEN =
  /^(?:ads?|advert\w*|ad-(?:slot|unit|container|wrapper|banner)|\w+-ads?|nav|navigation|menu)$/i
const IMAGE_EXT = /\.(?:jpe?g|png|gif|webp|avif|tiff?|heic)(?:[?#]|$)/i
// A caption written as its own paragraph after the image (gmw.cn: `图注：…`).
const CAPTION_LABEL =
  /^(?:图注|圖註|图片说明|caption|légende|pie de foto|bildunterschrift)\s*[:：]/i
// Containers larger than this are a page section, not one photo's block.
const MAX_CONTAINER_IMAGES = 2
const MAX_CONTAINER_TEXT = 1500

/**
 * Photos described in the page's markup: `<figure>`s (figcaption with credit spans or a credit
 * at its end), blocks with `data-caption`/`data-credit` (galleries), caption and credit elements
 * beside an image, and stand-alone images whose `alt`/`title` carries a credit (checked by
 * `hasCredit`). Reads the document without changing it.
 */
export function findMarkupPhotos(
  doc: Document,
  base: string | undefined,
  hasCredit: (text: string) => boolean,
): RawPhoto[] {
  const containers = findContainers(doc)
  const photos: RawPhoto[] = []
  for (const container of containers) {
    const photo = readContainer(container, base)
    if (photo) photos.push(photo)
  }
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    if (containers.some((c) => c.contains(img)) || isOutsideArticle(img)) continue
    const photo = readCreditedImage(img, base, hasCredit)
    if (photo) photos.push(photo)
  }
  return photos
}

/** Figures, attribute-captioned blocks and caption/credit blocks, outermost only. */
function findContainers(doc: Document): Element[] {
  const found = new Set<Element>()
  for (const el of Array.from(doc.querySelectorAll('figure'))) found.add(el)
  for (const el of Array.from(doc.querySelectorAll('[data-caption], [data-credit]'))) {
    if (!el.closest('figure')) found.add(el)
  }
  for (const el of Array.from(doc.querySelectorAll('[class], [itemprop]'))) {
    // The cheap class test first: closest() walks the tree.
    if (!isCaptionOrCredit(el) || el.closest('figure')) continue
    const box = imageBlockAround(el)
    if (box) found.add(box)
  }
  const all = [...found].filter((el) => !isOutsideArticle(el))
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)))
}

function isCaptionOrCredit(el: Element): boolean {
  if (/^(HTML|BODY|SCRIPT|STYLE|SOURCE|IMG|META|LINK)$/.test(el.tagName)) return false
  return isCaptionElement(el) || BLOCK_CREDIT_CLASS.test(el.getAttribute('class') ?? '')
}

function isCaptionElement(el: Element): boolean {
  if (el.tagName === 'FIGCAPTION') return true
  if (/\bcaption\b/i.test(el.getAttribute('itemprop') ?? '')) return true
  return CAPTION_CLASS.test(el.getAttribute('class') ?? '')
}

/** A credit element; a figcaption or a block holding the caption is not one, whatever its class. */
function isCreditElement(el: Element): boolean {
  if (/^(HTML|BODY|SOURCE|IMG|META|LINK|FIGCAPTION|FIGURE)$/.test(el.tagName)) return false
  const credit =
    CREDIT_CLASS.test(el.getAttribute('class') ?? '') ||
    CREDIT_ITEMPROP.test(el.getAttribute('itemprop') ?? '')
  return credit && !Array.from(el.querySelectorAll('*')).some(isCaptionElement)
}

/** Inside navigation, related-article lists, ads or comments: not the article's photos. */
function isOutsideArticle(el: Element): boolean {
  // <html> and <body> classes describe the whole page (nytimes lists feature flags there).
  for (let e: Element | null = el; e && !/^(BODY|HTML)$/.test(e.tagName); e = e.parentElement) {
    if (/^(NAV|FOOTER|ASIDE)$/.test(e.tagName)) return true
    const names = `${e.getAttribute('class') ?? ''} ${e.getAttribute('id') ?? ''}`
    if (!names.trim()) continue
    if (OUTSIDE_ARTICLE.test(names) || names.split(/\s+/).some((t) => OUTSIDE_TOKEN.test(t))) {
      return true
    }
  }
  return false
}

/** The closest ancestor (3 levels at most) that holds an image and not a whole section. */
function imageBlockAround(el: Element): Element | null {
  if (cleanText(el.textContent).length > MAX_CONTAINER_TEXT) return null
  let box: Element | null = el.parentElement
  for (let level = 0; box && level < 3; level++, box = box.parentElement) {
    if (/^(BODY|HTML|ARTICLE|MAIN)$/.test(box.tagName)) return null
    const images = box.querySelectorAll('img, picture, [data-img], [data-image]').length
    if (images > MAX_CONTAINER_IMAGES * 2) return null
    if (images > 0) {
      return cleanText(box.textContent).length <= MAX_CONTAINER_TEXT ? box : null
    }
  }
  return null
}

/** One photo from a figure or similar block; null when it has neither caption nor credit. */
function readContainer(box: Element, base: string | undefined): RawPhoto | null {
  const src = imageUrlIn(box, base)
  const img = box.tagName === 'IMG' ? box : box.querySelector('img')
  const creditEls = [box, ...Array.from(box.querySelectorAll('*'))].filter(
    (e) => e !== box && isCreditElement(e) && !isHidden(e),
  )
  // The outermost credit elements only (a credit span inside a credit block is the same text).
  const credits = creditEls.filter((e) => !creditEls.some((o) => o !== e && o.contains(e)))
  const creditNodes = new Set(credits)
  const skipCredits = (e: Element) => creditNodes.has(e)

  let creditText = credits.map((e) => visibleText(e)).find((t) => t !== '')
  creditText ??= attributeIn(box, ['data-credit', 'data-mediaviewer-credit', 'data-photo-credit'])

  const captionEls = [box, ...Array.from(box.querySelectorAll('*'))].filter(
    (e) => isCaptionElement(e) && !credits.some((c) => c.contains(e)),
  )
  const outerCaptions = captionEls.filter((e) => !captionEls.some((o) => o !== e && o.contains(e)))
  let caption = outerCaptions
    .map((e) => visibleText(e, skipCredits))
    .filter((t) => t !== '')
    .join(' ')
  let from = box.tagName === 'FIGURE' ? 'figure' : 'caption block'
  if (!caption) {
    caption = cleanText(attributeIn(box, ['data-caption', 'data-mediaviewer-caption']))
    if (caption) from = 'data-caption'
  }
  if (!caption && img) {
    caption = cleanText(img.getAttribute('alt')) || cleanText(img.getAttribute('title'))
    if (caption) from = `${from} (img alt)`
  }
  if (creditText && caption.endsWith(creditText)) {
    // Some sites repeat the credit element's text at the caption's end (Seattle Times).
    caption = caption.slice(0, -creditText.length).trim()
  }
  if (!caption && !creditText) return null
  if (!src && !creditText) return null
  return { src, caption, creditText: creditText || undefined, from }
}

/** An image outside any caption block whose alt or title carries a credit. */
function readCreditedImage(
  img: Element,
  base: string | undefined,
  hasCredit: (text: string) => boolean,
): RawPhoto | null {
  const alt = cleanText(img.getAttribute('alt'))
  const title = cleanText(img.getAttribute('title'))
  const text = [alt, title].find((t) => t && hasCredit(t))
  if (!text) return null
  const src = imageUrlIn(img, base)
  const label = captionParagraphAfter(img)
  if (label) return { src, caption: label, creditText: text, from: 'img alt + caption paragraph' }
  return { src, caption: text, from: text === alt ? 'img alt' : 'img title' }
}

/** A labelled caption paragraph right after the image's paragraph (`图注：…`), if any. */
function captionParagraphAfter(img: Element): string | undefined {
  const block = img.closest('p, div') ?? img
  const next = block.nextElementSibling
  const text = cleanText(next?.textContent)
  return text && text.length < 300 && CAPTION_LABEL.test(text) ? text : undefined
}

function attributeIn(box: Element, names: string[]): string | undefined {
  for (const el of [box, ...Array.from(box.querySelectorAll('*'))]) {
    for (const name of names) {
      const value = cleanText(el.getAttribute(name))
      if (value) return value
    }
  }
  return undefined
}

/**
 * The image of a block: an `<img>` (src, lazy-loading attributes, the largest `srcset`
 * candidate), `<picture><source>`, an image in `<noscript>`, schema.org `url`/`contentUrl`
 * metadata, gallery attributes (`data-image`, `data-img`) or a link to an image file.
 */
export function imageUrlIn(box: Element, base: string | undefined): string | undefined {
  const imgs = box.tagName === 'IMG' ? [box] : Array.from(box.querySelectorAll('img'))
  for (const img of imgs) {
    const direct = ['src', 'data-src', 'data-original', 'data-lazy-src', 'data-mediaviewer-src']
      .map((a) => resolveUrl(img.getAttribute(a), base))
      .find((u) => u !== undefined)
    if (direct) return direct
    const set = largestInSrcset(img.getAttribute('srcset') ?? img.getAttribute('data-srcset'))
    if (set) return resolveUrl(set, base)
  }
  if (box.tagName === 'IMG') return undefined
  for (const source of Array.from(box.querySelectorAll('source[srcset], source[data-srcset]'))) {
    const set = largestInSrcset(source.getAttribute('srcset') ?? source.getAttribute('data-srcset'))
    if (set) return resolveUrl(set, base)
  }
  for (const noscript of Array.from(box.querySelectorAll('noscript'))) {
    const match = /<img[^>]+src\s*=\s*["']([^"']+)["']/i.exec(noscript.textContent ?? '')
    if (match) return resolveUrl(match[1].replace(/&amp;/g, '&'), base)
  }
  const meta = box.querySelector('[itemprop=contentUrl], [itemprop=contentURL], [itemprop=url]')
  const fromMeta = resolveUrl(meta?.getAttribute('content') ?? meta?.getAttribute('href'), base)
  if (fromMeta && IMAGE_EXT.test(fromMeta)) return fromMeta
  for (const el of [box, ...Array.from(box.querySelectorAll('[data-image], [data-img]'))]) {
    const url = resolveUrl(el.getAttribute('data-image') ?? el.getAttribute('data-img'), base)
    if (url) return url
  }
  for (const a of Array.from(box.querySelectorAll('a[href]'))) {
    const url = resolveUrl(a.getAttribute('href'), base)
    if (url && IMAGE_EXT.test(url)) return url
  }
  return undefined
}

/** The widest candidate of a `srcset` (by its `w`/`x` descriptor), or its first. */
function largestInSrcset(srcset: string | null): string | undefined {
  if (!srcset?.trim()) return undefined
  let best: { url: string; size: number } | undefined
  // Candidates are separated by commas followed by whitespace; URLs may contain commas.
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/)
    if (!url) continue
    const size = parseFloat(descriptor) || 1
    if (!best || size > best.size) best = { url: url.replace(/,$/, ''), size }
  }
  return best?.url
}
