import { cleanText, resolveUrl } from './domText'
import type { RawPhoto } from './findMarkupPhotos'

/** Scripts larger than this are app bundles, not page data: skip them. */
const MAX_SCRIPT_CHARS = 2_000_000
/** At most this many embedded objects are parsed per page. */
const MAX_EMBEDDED_OBJECTS = 500

/**
 * Photos described in schema.org JSON-LD: every `ImageObject` (also nested, in `@graph`, or as an
 * article's `image`) with its `url`/`contentUrl`, `caption` (else `description`/`name`) and
 * credit from `creditText`, else `creator`, else `copyrightHolder`. Invalid JSON is skipped.
 */
export function findJsonLdPhotos(doc: Document, base: string | undefined): RawPhoto[] {
  const photos: RawPhoto[] = []
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown
    try {
      data = JSON.parse(script.textContent ?? '')
    } catch {
      continue
    }
    visit(data, (node) => {
      if (!isImageObject(node)) return
      const src = resolveUrl(text(node.contentUrl) ?? text(node.url), base)
      const caption = cleanText(text(node.caption) ?? text(node.description) ?? '')
      const credit =
        text(node.creditText) ?? nameOf(node.creator) ?? nameOf(node.copyrightHolder) ?? undefined
      if (src || credit) {
        photos.push({
          src,
          caption,
          creditText: credit ? cleanText(credit) : undefined,
          from: 'json-ld',
        })
      }
    })
  }
  return photos
}

/**
 * Photos kept in a page's script data rather than its markup (the Guardian's `lightboxImages`):
 * JSON objects inside inline scripts that have both a string `caption` and a string `credit`,
 * with the image from `src`/`url`. Only balanced JSON object literals are read; nothing runs.
 */
export function findScriptDataPhotos(doc: Document, base: string | undefined): RawPhoto[] {
  const photos: RawPhoto[] = []
  let parsed = 0
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    if (script.getAttribute('type') === 'application/ld+json') continue
    const code = script.textContent ?? ''
    if (code.length > MAX_SCRIPT_CHARS || !code.includes('"caption"')) continue
    for (const match of code.matchAll(/"caption"\s*:/g)) {
      if (parsed++ > MAX_EMBEDDED_OBJECTS) return photos
      const json = enclosingObject(code, match.index)
      if (!json) continue
      let node: unknown
      try {
        node = JSON.parse(json)
      } catch {
        continue
      }
      if (!isRecord(node)) continue
      const caption = text(node.caption)
      const credit = text(node.credit) ?? text(node.creditText)
      if (caption === undefined || !credit) continue
      const src = resolveUrl(text(node.src) ?? text(node.url), base)
      photos.push({
        src,
        caption: cleanText(caption),
        creditText: cleanText(credit),
        from: 'script data',
      })
    }
  }
  return photos
}

/** The text of the innermost `{…}` around `at`, when its braces balance (strings respected). */
function enclosingObject(code: string, at: number): string | undefined {
  // Back to the unmatched `{` before the key: within a small window, as captions are short.
  let depth = 0
  let start = -1
  for (let i = at - 1; i >= Math.max(0, at - 20_000); i--) {
    const c = code[i]
    if (c === '}') depth++
    else if (c === '{') {
      if (depth === 0) {
        start = i
        break
      }
      depth--
    }
  }
  if (start < 0) return undefined
  let inString = false
  depth = 0
  for (let i = start; i < Math.min(code.length, start + 50_000); i++) {
    const c = code[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return code.slice(start, i + 1)
  }
  return undefined
}

function visit(node: unknown, fn: (node: Record<string, unknown>) => void, depth = 0): void {
  if (depth > 20) return
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn, depth + 1)
  } else if (isRecord(node)) {
    fn(node)
    for (const value of Object.values(node)) visit(value, fn, depth + 1)
  }
}

function isImageObject(node: Record<string, unknown>): boolean {
  const type = node['@type']
  const types = Array.isArray(type) ? type : [type]
  return types.some((t) => typeof t === 'string' && /(?:^|[/:])ImageObject$/.test(t))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim()
  if (Array.isArray(value)) return text(value[0])
  return undefined
}

/** A creator/copyright holder: a string, a Person/Organization with `name`, or a list. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value)
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => !!n)
    return names.length ? names.join(', ') : undefined
  }
  if (isRecord(value)) return text(value.name)
  return undefined
}
