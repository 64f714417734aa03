import createDOMPurify, { type DOMPurify } from 'dompurify'
import { JSDOM } from 'jsdom'
import { resolveUrl } from './domText'

export interface SnapshotOptions {
  /** The page's address, to resolve relative image URLs for `archived`. */
  baseUrl?: string
  /** Images already kept in the archive: absolute URL → sha256 of the blob. */
  archived?: ReadonlyMap<string, string>
}

/**
 * The attribute that names an archived image in a snapshot. The reader sets the image's `src` to
 * the archive's own media URL for that sha256; the snapshot itself never loads anything.
 */
export const ARCHIVED_IMAGE_ATTRIBUTE = 'data-morgue-blob'
/**
 * The attribute that names, on every image of a snapshot (an `<img>`, or a figure's CSS
 * background), the one reference it shows: the best candidate of its lazy-loading attributes,
 * `srcset`, `<picture>` sources and `src`. The importer archives it and adds the blob attribute.
 */
export const IMAGE_REF_ATTRIBUTE = 'data-morgue-ref'

// Everything that runs code, submits, embeds another document or loads a resource by itself.
const FORBID_TAGS = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
  'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'video', 'audio', 'source',
  'track', 'portal', 'template',
] // prettier-ignore
// Attributes that load something (srcset, poster, background) or carry lazy-loading URLs.
const FORBID_ATTR = ['srcset', 'poster', 'background', 'ping', 'action', 'formaction', 'lowsrc']
const URL_IN_CSS = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi
const CSS_IMPORT = /@import\s+[^;]+;?/gi

let purifier: DOMPurify | undefined
const purifiers = new WeakMap<object, DOMPurify>()
let current: Required<SnapshotOptions> = { baseUrl: '', archived: new Map() }

/**
 * A copy of a page that is safe to show offline: DOMPurify (on a jsdom window) removes scripts,
 * event handlers, `javascript:` URLs, frames, objects and forms; every remote load is removed
 * (`src`, `srcset`, CSS `url()` and `@import`, `<link>`), and images kept in the archive are
 * marked with `data-morgue-blob="<sha256>"` instead. Links (`<a href>`) stay, to read only.
 * Returns a complete UTF-8 HTML document.
 */
export function sanitizeSnapshot(html: string, options: SnapshotOptions = {}): string {
  const purify = (purifier ??= createPurifier(new JSDOM('').window))
  return withOptions(options, () => finishSnapshot(purify.sanitize(html, PURIFY_CONFIG)))
}

/**
 * `sanitizeSnapshot` for a page already parsed: sanitises `root` (a page's `<html>` element, or a
 * copy of it, on the jsdom `window` that owns it) in place and serialises it. Spares a second
 * parse of the page when its document is at hand; `root` is changed.
 */
export function sanitizeSnapshotElement(
  root: Element,
  window: Window,
  options: SnapshotOptions = {},
): string {
  let purify = purifiers.get(window)
  if (!purify) purifiers.set(window, (purify = createPurifier(window)))
  return withOptions(options, () => {
    purify.sanitize(root, { ...PURIFY_CONFIG, IN_PLACE: true })
    return finishSnapshot(root.outerHTML)
  })
}

const PURIFY_CONFIG = {
  WHOLE_DOCUMENT: true,
  FORBID_TAGS,
  FORBID_ATTR,
  // data-* attributes go: lazy loaders keep image URLs there (data-src, data-srcset…).
  ALLOW_DATA_ATTR: false,
}

function withOptions(options: SnapshotOptions, sanitize: () => string): string {
  current = { baseUrl: options.baseUrl ?? '', archived: options.archived ?? new Map() }
  try {
    return sanitize()
  } finally {
    current = { baseUrl: '', archived: new Map() }
  }
}

/** A sanitised `<html>` element as a complete document, declared UTF-8. */
function finishSnapshot(clean: string): string {
  // The snapshot is stored as UTF-8 whatever the page's own encoding was.
  const head = /<head[^>]*>/i.exec(clean)
  const html5 = head
    ? `${clean.slice(0, head.index + head[0].length)}<meta charset="utf-8">${clean.slice(head.index + head[0].length)}`
    : `<meta charset="utf-8">${clean}`
  return `<!doctype html>\n${html5}`
}

function createPurifier(window: object): DOMPurify {
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
  purify.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName === 'STYLE' && node.textContent) {
      node.textContent = stripCssLoads(node.textContent)
    }
  })
  // <picture><source srcset> are removed before their <img> is seen: note them on the picture.
  const pictureSources = new WeakMap<Node, string[]>()
  purify.addHook('uponSanitizeElement', (node) => {
    const parent = node.parentNode
    if (node.nodeName !== 'SOURCE' || parent?.nodeName !== 'PICTURE') return
    const el = node as Element
    const set = el.getAttribute('srcset') ?? el.getAttribute('data-srcset')
    if (set) pictureSources.set(parent, [...(pictureSources.get(parent) ?? []), set])
  })
  // Lazy-loaded pictures name their image in data-src/srcset, which are removed: look first.
  const archivedOf = new WeakMap<Node, string>()
  const refOf = new WeakMap<Node, string>()
  purify.addHook('beforeSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG' && !isTrackingPixel(node as Element)) {
      const el = node as Element
      const best = bestImageCandidate(el, pictureSources.get(el.parentNode as Node) ?? [])
      const ref = best && referenceOf(best, current.baseUrl)
      if (ref) refOf.set(node, ref)
    } else if ((node as Element).getAttribute && (node as Element).closest?.('figure')) {
      const raw = backgroundImageOf((node as Element).getAttribute('style'))
      const ref = raw && referenceOf(raw, current.baseUrl)
      if (ref) refOf.set(node, ref)
    }
    if (node.nodeName !== 'IMG' || current.archived.size === 0) return
    const sha = imageCandidates(node as Element)
      .map((raw) => resolveUrl(raw, current.baseUrl || undefined))
      .map((url) => (url ? current.archived.get(url) : undefined))
      .find((found) => found !== undefined)
    if (sha) archivedOf.set(node, sha)
  })
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    if (!el.getAttribute) return
    const style = el.getAttribute('style')
    if (style) el.setAttribute('style', stripCssLoads(style))
    for (const name of ['src', 'href', 'xlink:href']) {
      const value = el.getAttribute(name)
      if (value === null) continue
      if (name === 'href' && el.tagName === 'A') continue
      if (name !== 'src' && value.startsWith('#')) continue
      if (/^data:image\//i.test(value) && el.tagName === 'IMG') continue
      el.removeAttribute(name)
    }
    const ref = refOf.get(node)
    if (ref) {
      el.setAttribute(IMAGE_REF_ATTRIBUTE, ref)
      // An inline image is kept once, as the archived blob, not twice in the snapshot.
      if (el.getAttribute('src') === ref) el.removeAttribute('src')
    }
    const sha = archivedOf.get(node)
    if (sha) el.setAttribute(ARCHIVED_IMAGE_ATTRIBUTE, sha)
  })
  return purify
}

/** Every URL an `<img>` may show: `src`, lazy-loading attributes, `srcset` candidates. */
function imageCandidates(img: Element): string[] {
  const direct = ['src', 'data-src', 'data-original', 'data-lazy-src', 'data-mediaviewer-src']
    .map((a) => img.getAttribute(a))
    .filter((v): v is string => !!v)
  const sets = [img.getAttribute('srcset'), img.getAttribute('data-srcset')]
    .filter((v): v is string => !!v)
    .flatMap((set) => set.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0]))
  return [...direct, ...sets]
}

const LAZY_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-mediaviewer-src', 'data-hi-res-src', 'data-full-src'] // prettier-ignore
const LAZY_SETS = ['data-srcset', 'data-lazy-srcset']
// Placeholders lazy loaders put in `src` until the real image scrolls into view.
const PLACEHOLDER =
  /^data:image\/(?:gif|svg)|(?:blank|spacer|placeholder|pixel|transparent|lazy)[\w-]*\.(?:gif|png|svg)/i

/**
 * The one image an `<img>` stands for: a lazy loader's `data-src`…, else the widest candidate of
 * its `srcset`s and its `<picture>`'s sources, else its `src` (a placeholder only as a last resort).
 */
function bestImageCandidate(img: Element, pictureSets: string[]): string | undefined {
  const lazy = LAZY_ATTRIBUTES.map((a) => img.getAttribute(a)?.trim()).find(
    (v): v is string => !!v && !PLACEHOLDER.test(v),
  )
  if (lazy) return lazy
  const sets = [img.getAttribute('srcset'), ...LAZY_SETS.map((a) => img.getAttribute(a))]
  const widest = widestCandidate([...sets.filter((v): v is string => !!v), ...pictureSets])
  if (widest) return widest
  const src = img.getAttribute('src')?.trim()
  return src || undefined
}

/** A 1×1 (up to 3×3) image declared by its attributes: a tracker, never worth fetching. */
function isTrackingPixel(img: Element): boolean {
  const side = (name: string) => Number.parseInt(img.getAttribute(name) ?? '', 10)
  return side('width') <= 3 && side('height') <= 3
}

/** The widest candidate over several `srcset`s (by `w`, else `x` descriptor). */
function widestCandidate(sets: string[]): string | undefined {
  let best: { url: string; size: number } | undefined
  for (const set of sets) {
    for (const candidate of set.split(/,\s+/)) {
      const [url, descriptor = '1x'] = candidate.trim().split(/\s+/)
      if (!url || PLACEHOLDER.test(url)) continue
      const size = parseFloat(descriptor) || 1
      const weight = /w$/i.test(descriptor) ? size : size * 1000
      if (!best || weight > best.size) best = { url: url.replace(/,$/, ''), size: weight }
    }
  }
  return best?.url
}

/** The image of a `background` / `background-image` declaration, if any. */
function backgroundImageOf(style: string | null): string | undefined {
  if (!style) return undefined
  const match = /background(?:-image)?\s*:[^;]*?url\(\s*(['"]?)(.*?)\1\s*\)/i.exec(style)
  return match?.[2].trim() || undefined
}

/** An image reference as the downloader takes it: absolute, inline, or relative to the file. */
function referenceOf(raw: string, baseUrl: string): string | undefined {
  if (/^data:image\//i.test(raw)) return raw
  if (/^(?:data|blob|javascript|about):/i.test(raw) || raw.startsWith('#')) return undefined
  return resolveUrl(raw, baseUrl || undefined)
}

/** Remove `@import` rules and every `url()` that is not a fragment or an inline image. */
function stripCssLoads(css: string): string {
  return css.replace(CSS_IMPORT, '').replace(URL_IN_CSS, (whole, _q: string, target: string) => {
    const value = target.trim()
    return value.startsWith('#') || /^data:image\//i.test(value) ? whole : 'none'
  })
}
