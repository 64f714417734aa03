import DOMPurify from 'dompurify'
import { useEffect, useState } from 'react'
import { mediaUrl } from '../../api'

/** The policy inside the frame: nothing runs, nothing loads from the network. */
const FRAME_CSP = "default-src 'none'; img-src data: morgue-media:; style-src 'unsafe-inline'"

/**
 * Sanitise archived HTML a second time (the importer already did): DOMPurify drops scripts,
 * event handlers, `javascript:` URLs, forms, frames and embeds, then a CSP that allows no
 * script is put in front.
 */
export function sanitizeSnapshot(html: string): string {
  const clean = DOMPurify.sanitize(html, {
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
    ALLOW_DATA_ATTR: false,
  })
  return clean.replace(
    /<head>/i,
    `<head><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">`,
  )
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
