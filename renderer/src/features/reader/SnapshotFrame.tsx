import DOMPurify from 'dompurify'
import { useEffect, useState } from 'react'
import { mediaUrl } from '../../api'

/** The attribute the importer leaves on images it archived (main/core/importers/html). */
const ARCHIVED_IMAGE = 'data-morgue-blob'
const SHA256 = /^[0-9a-f]{64}$/

/** The policy inside the frame: nothing runs, nothing loads except the archive's own images. */
function frameCsp(): string {
  const media = new URL(mediaUrl('0'.repeat(64)), window.location.href)
  const origin = media.protocol === 'morgue-media:' ? 'morgue-media:' : media.origin
  return `default-src 'none'; img-src data: ${origin}; style-src 'unsafe-inline'`
}

/**
 * Sanitise archived HTML a second time (the importer already did): DOMPurify drops scripts,
 * event handlers, `javascript:` URLs, forms, frames and embeds; every image loses its own
 * source and only an archived one gets the archive's media URL back; then a CSP that allows
 * no script goes in front.
 */
export function sanitizeSnapshot(html: string): string {
  const purify = DOMPurify(window)
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return
    const sha = node.getAttribute(ARCHIVED_IMAGE) ?? ''
    node.removeAttribute(ARCHIVED_IMAGE)
    const url = SHA256.test(sha) ? new URL(mediaUrl(sha), window.location.href).href : null
    if (node.tagName === 'IMG') {
      node.removeAttribute('src')
      if (url) node.setAttribute('src', url)
    } else if (url && node instanceof HTMLElement) {
      // A figure's CSS background, archived by the importer.
      node.style.backgroundImage = `url("${url}")`
    }
  })
  const clean = purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    FORBID_TAGS: [
      'script',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'base',
      'meta',
      'link',
      'noscript',
    ],
    FORBID_ATTR: ['srcset', 'action', 'formaction', 'ping'],
    ADD_ATTR: [ARCHIVED_IMAGE],
    ALLOW_DATA_ATTR: false,
  })
  const csp = `<meta http-equiv="Content-Security-Policy" content="${frameCsp()}">`
  return /<head>/i.test(clean) ? clean.replace(/<head>/i, `<head>${csp}`) : `${csp}${clean}`
}

/**
 * The archived page as it looked, inside `<iframe sandbox>` with no allow-scripts and no
 * allow-same-origin: even markup that slipped through cannot run or reach the bridge.
 */
export function SnapshotFrame({ sha256, title }: { sha256: string; title: string }) {
  const [html, setHtml] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    fetch(mediaUrl(sha256))
      .then((r) => {
        if (!r.ok) throw new Error(`The snapshot could not be read (${r.status}).`)
        return r.text()
      })
      .then((text) => live && setHtml(sanitizeSnapshot(text)))
      .catch((err: unknown) => live && setFailure(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [sha256])
  if (failure) return <p className="muted">{failure}</p>
  if (html === null) return <p className="muted">Loading the archived page…</p>
  return (
    <iframe
      className="snapshot-frame"
      title={`Archived page: ${title}`}
      data-testid="snapshot-frame"
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={html}
    />
  )
}
