import { cleanText, isHidden } from './domText'

// Elements whose content starts a new paragraph.
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TR', 'UL', 'FIGURE', 'TD', 'TH', 'CAPTION',
]) // prettier-ignore
// Captions become photos, not body text; the rest carries no readable text.
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'FIGCAPTION', 'BUTTON',
  'SELECT', 'TEXTAREA', 'MATH',
]) // prettier-ignore

/**
 * The plain-text paragraphs of an article's HTML (Readability's `content`): one entry per block
 * element, `<br>` kept as a line break inside its paragraph, figure captions left out (they are
 * kept with the photos). Empty blocks are dropped.
 */
export function htmlParagraphs(root: Element): string[] {
  const paragraphs: string[] = []
  let current = ''
  const flush = () => {
    const text = current
      .split('\n')
      .map((line) => cleanText(line))
      .filter((line) => line !== '')
      .join('\n')
    if (text) paragraphs.push(text)
    current = ''
  }
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        current += (child.textContent ?? '').replace(/\n/g, ' ')
        continue
      }
      if (child.nodeType !== 1) continue
      const el = child as Element
      if (SKIPPED.has(el.tagName) || isHidden(el)) continue
      if (el.tagName === 'BR') {
        current += '\n'
        continue
      }
      const block = BLOCKS.has(el.tagName)
      if (block) flush()
      walk(el)
      if (block) flush()
    }
  }
  walk(root)
  flush()
  return paragraphs
}
