/** Text helpers shared by the page extractors. */

/** Collapse runs of whitespace (non-breaking spaces included) to one space and trim. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim()
}

/** Class names of elements a sighted reader never sees: screen-reader labels such as "Credit". */
export const HIDDEN_CLASS =
  /(?:^|\s)(?:hidden|[\w-]*(?:visually-?hidden|sr-only|screen-reader-text|offscreen)[\w-]*)(?:$|\s)/i

/** Whether an element is hidden from sight (class, `hidden` attribute, `aria-hidden`). */
export function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    HIDDEN_CLASS.test(el.getAttribute('class') ?? '') ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')
  )
}

/** Visible text of an element, leaving out hidden descendants and those `skip` names. */
export function visibleText(el: Element, skip: (e: Element) => boolean = () => false): string {
  const parts: string[] = []
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) parts.push(child.textContent ?? '')
      else if (child.nodeType === 1) {
        const e = child as Element
        if (isHidden(e) || skip(e) || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(e.tagName)) {
          parts.push(' ')
          continue
        }
        if (e.tagName === 'BR') parts.push(' ')
        else walk(e)
      }
    }
  }
  walk(el)
  return cleanText(parts.join(''))
}

/**
 * Resolve `raw` against the page's base URL; returns `raw` trimmed when it cannot be resolved
 * (a relative URL in a file with no `<base>`), undefined for empty values and `data:`/`blob:`
 * placeholders (lazy-loading pixels, not the photo).
 */
export function resolveUrl(
  raw: string | null | undefined,
  base: string | undefined,
): string | undefined {
  const value = (raw ?? '').trim()
  if (!value || /^(?:data|blob|javascript|about):/i.test(value)) return undefined
  try {
    return new URL(value, base).href
  } catch {
    return value
  }
}
