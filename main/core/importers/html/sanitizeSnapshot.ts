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
  // Lazy-loaded pictures name their image in data-src/srcset, which are removed: look first.
  const archivedOf = new WeakMap<Node, string>()
  purify.addHook('beforeSanitizeAttributes', (node) => {
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

/** Remove `@import` rules and every `url()` that is not a fragment or an inline image. */
function stripCssLoads(css: string): string {
  return css.replace(CSS_IMPORT, '').replace(URL_IN_CSS, (whole, _q: string, target: string) => {
    const value = target.trim()
    return value.startsWith('#') || /^data:image\//i.test(value) ? whole : 'none'
  })
}
