/**
 * Give back the page text a broken or hostile tag swallowed (mutation-XSS markup such as
 * `<noscript><p title="</noscript><img …>">` or an unclosed `<style>` inside `<math>`), before
 * Readability reads the document:
 * - a `<noscript>` holding an attribute that closes it (`title="</noscript>…"`) ends there in
 *   a browser, so what follows is page text, not fallback content: it is unwrapped and the
 *   hostile element dropped;
 * - an element whose content is raw text (`style`, `xmp`, `textarea`, `noembed`, `noframes`,
 *   `iframe`, a `title` in the body) but holds paragraphs of markup (CSS never holds `<p>`) is
 *   replaced by that markup, parsed inert (a `<template>` runs nothing and loads nothing).
 * Nothing here executes or fetches; the snapshot is sanitised separately.
 */
export function recoverSwallowedText(doc: Document): void {
  for (const noscript of [...doc.querySelectorAll('body noscript')]) {
    const hostile = [...noscript.querySelectorAll('*')].find((el) =>
      [...el.attributes].some((a) => /<\/noscript/i.test(a.value)),
    )
    if (!hostile) continue
    hostile.remove()
    noscript.replaceWith(...noscript.childNodes)
  }
  for (const el of [...doc.querySelectorAll(RAW_TEXT)]) {
    if (el.closest('head')) continue
    const text = el.textContent ?? ''
    if (!MARKUP.test(text) || visibleLetters(text) < MIN_LETTERS) continue
    const template = doc.createElement('template')
    template.innerHTML = text
    // The swallowed text may sit in foreign content (`<math>`, `<svg>`): put it back in the body
    // flow, after the foreign element, where a reader of the page would have seen it.
    const foreign = outermostForeign(el)
    if (foreign) {
      foreign.after(template.content)
      el.remove()
    } else el.replaceWith(template.content)
  }
}

const RAW_TEXT = 'style, xmp, textarea, noembed, noframes, iframe, body title'
const MARKUP = /<(?:p|div|h[1-6]|article|section|blockquote|li|figure|figcaption)\b[^>]*>/i
/** Letters outside tags: a stray `<p>` in CSS is not an article. */
const MIN_LETTERS = 40

function visibleLetters(text: string): number {
  return (text.replace(/<[^>]*>/g, ' ').match(/\p{L}/gu) ?? []).length
}

function outermostForeign(el: Element): Element | null {
  let found: Element | null = null
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.namespaceURI && p.namespaceURI !== 'http://www.w3.org/1999/xhtml') found = p
  }
  return found
}
