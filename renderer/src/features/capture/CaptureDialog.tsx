import { useEffect, useState } from 'react'
import type { CaptureInfo } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'

/**
 * Settings ▸ Save from the browser: the endpoint and pairing token for the "Save to Morgue"
 * extension (resources/extension), and the bookmarklet for browsers without it.
 */
export function CaptureDialog({
  onClose,
  onFailure,
}: {
  onClose: () => void
  onFailure: (message: string) => void
}) {
  const [info, setInfo] = useState<CaptureInfo | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  useEffect(() => {
    unwrap(archive.captureInfo()).then(setInfo, (e: Error) => onFailure(e.message))
  }, [onFailure])
  const copy = (what: string, text: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setCopied(what),
      () => onFailure('The clipboard is not available here: select the text and copy it.'),
    )
  return (
    <Dialog title="Save from the browser" onClose={onClose} wide>
      <p className="muted small">
        Save the page you are reading, as you see it (logins included), with the “Save to Morgue”
        browser extension (in Morgue’s <code>resources/extension</code> folder: load it in Chrome,
        Edge or Firefox) or the bookmarklet. Both talk to this app on this computer only.
      </p>
      {info && (
        <div data-testid="capture-info">
          <label className="field">
            <span>Pairing token (paste it in the extension’s options)</span>
            <span className="copy-row">
              <input readOnly aria-label="Pairing token" value={info.token} />
              <button type="button" onClick={() => copy('token', info.token)}>
                {copied === 'token' ? 'Copied' : 'Copy'}
              </button>
            </span>
          </label>
          <p className="small">
            Port <strong data-testid="capture-port">{info.port}</strong> on 127.0.0.1
          </p>
          <label className="field">
            <span>Bookmarklet: make a bookmark with this as its address</span>
            <span className="copy-row">
              <input readOnly aria-label="Bookmarklet" value={info.bookmarklet} />
              <button type="button" onClick={() => copy('bookmarklet', info.bookmarklet)}>
                {copied === 'bookmarklet' ? 'Copied' : 'Copy'}
              </button>
            </span>
          </label>
        </div>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() =>
            unwrap(archive.renewCaptureToken()).then(
              (next) => {
                setInfo(next)
                setCopied(null)
              },
              (e: Error) => onFailure(e.message),
            )
          }
        >
          New token
        </button>
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  )
}
