import { JSDOM } from 'jsdom'

let shared: JSDOM | undefined

/**
 * Parse a page into a jsdom document without a window of its own (`DOMParser` on one shared,
 * empty jsdom window): the same tree as `new JSDOM(html)` (scripts never run, scripting-disabled
 * parsing, nothing loads) at about half the cost, since a page in a window of its own also gets
 * its style sheets parsed and its frames built. `url` is the document's URL (base of relative
 * links, as Readability reads it). The document belongs to `window` (DOMPurify on that window can
 * sanitise it in place).
 */
export function parseHtmlDocument(
  html: string,
  url?: string,
): { document: Document; window: Window } {
  const dom = (shared ??= new JSDOM(''))
  dom.reconfigure({ url: url ?? 'about:blank' })
  const document = new dom.window.DOMParser().parseFromString(html, 'text/html')
  return { document, window: dom.window as unknown as Window }
}
