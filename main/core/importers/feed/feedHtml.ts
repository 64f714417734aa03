import { JSDOM } from 'jsdom'

/** An image found in feed HTML: `<figure><img><figcaption>` or a bare `<img alt>`. */
export interface HtmlImage {
  src: string
  /** Figcaption text (credit possibly at its end), else the alt text, else ''. */
  caption: string
  /** Text of a credit element inside the figcaption (`<span class="credit">`), if any. */
  credit?: string
}

export interface FeedHtml {
  paragraphs: string[]
  images: HtmlImage[]
}

// Elements whose content starts a new paragraph.
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]) // prettier-ignore
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG'])
const CREDIT_CLASS = /credit|copyright|byline|photographer|source/i

// One document for every fragment: a JSDOM per feed item would cost ~10 ms each. Scripts never
// run (no `runScripts`), and <template> content is inert (no image loads).
let shared: Document | undefined
function fragmentOf(html: string): DocumentFragment {
  shared ??= new JSDOM('<!doctype html><html><body></body></html>').window.document
  const template = shared.createElement('template')
  template.innerHTML = html
  return template.content
}

/**
 * Turn the HTML of a feed item (content:encoded, Atom content, description) into plain
 * paragraphs, and collect its images with their captions. Text without any tag is split on
 * blank lines. Figcaptions are not repeated in the paragraphs.
 */
export function feedHtmlToText(html: string, baseUrl?: string): FeedHtml {
  if (!/<[a-z!/][^>]*>/i.test(html)) {
    return { paragraphs: splitPlain(decodeBareEntities(html)), images: [] }
  }
  const root = fragmentOf(html)
  const paragraphs: string[] = []
  const images: HtmlImage[] = []
  let current = ''
  const flush = () => {
    const text = current
      .replace(/[ \t\f\v\u00a0]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim()
    if (text) paragraphs.push(text)
    current = ''
  }
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += (node.textContent ?? '').replace(/\s+/g, ' ')
      return
    }
    if (node.nodeType !== 1) return
    const el = node as Element
    const tag = el.tagName.toUpperCase()
    if (SKIPPED.has(tag)) return
    if (tag === 'BR') {
      current += '\n'
      return
    }
    if (tag === 'IMG') {
      const image = imageOf(el, baseUrl)
      if (image) images.push(image)
      return
    }
    if (tag === 'FIGCAPTION') return // read with its figure's image
    const block = BLOCKS.has(tag)
    if (block) flush()
    for (const child of Array.from(el.childNodes)) walk(child)
    if (block) flush()
  }
  for (const child of Array.from(root.childNodes)) walk(child)
  flush()
  return { paragraphs, images }
}

/** Plain text of an HTML snippet (a media:description of type html, a title). */
export function htmlSnippetToText(html: string): string {
  return feedHtmlToText(html).paragraphs.join('\n')
}

function imageOf(img: Element, baseUrl: string | undefined): HtmlImage | undefined {
  const raw = img.getAttribute('src') ?? img.getAttribute('data-src')
  if (!raw || raw.startsWith('data:')) return undefined
  const src = absolute(raw, baseUrl)
  if (!src) return undefined
  const figcaption = img.closest('figure')?.querySelector('figcaption')
  if (!figcaption) return { src, caption: clean(img.getAttribute('alt') ?? '') }
  const creditEl = Array.from(figcaption.querySelectorAll('*')).find((e) =>
    CREDIT_CLASS.test(`${e.getAttribute('class') ?? ''} ${e.getAttribute('itemprop') ?? ''}`),
  )
  const credit = creditEl ? clean(creditEl.textContent ?? '') : undefined
  let caption = clean(figcaption.textContent ?? '')
  if (credit && caption.endsWith(credit)) caption = caption.slice(0, -credit.length).trim()
  return {
    src,
    caption: caption || clean(img.getAttribute('alt') ?? ''),
    ...(credit ? { credit } : {}),
  }
}

function absolute(url: string, base: string | undefined): string | undefined {
  try {
    return new URL(url, base).href
  } catch {
    return undefined
  }
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function splitPlain(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
}

/** Plain-text descriptions sometimes still carry `&amp;`-style references after XML decoding. */
function decodeBareEntities(text: string): string {
  if (!text.includes('&')) return text
  const el = fragmentOf('').ownerDocument.createElement('textarea')
  el.innerHTML = text
  return el.value
}
