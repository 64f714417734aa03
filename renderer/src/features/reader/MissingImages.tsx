import { useState } from 'react'
import type { Article } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'
import { plural } from '../../ui/format'

/** How many images an article lacks: its list of missing images, else photos without one. */
export function missingImageCount(item: Article): number {
  return item.missingImages?.length ?? item.photos.filter((p) => p.src && !p.image).length
}

/**
 * "3 images not archived · Retry missing images": fetches them again (like an import, one at a
 * time in the app) and says what came back; the reasons of those still missing are listed.
 */
export function MissingImages({
  item,
  onUpdated,
  onFailure,
}: {
  item: Article
  onUpdated: () => void
  onFailure: (message: string) => void
}) {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<string | null>(null)
  const count = missingImageCount(item)
  if (count === 0 && !result) return null
  const retry = () => {
    setBusy(true)
    setResult(null)
    unwrap(archive.fetchMissingImages([item.id]))
      .then((report) => {
        const still = report.missing
        setResult(
          `${plural(report.fetched, 'image')} fetched${still ? `, ${still} still missing` : ''}.`,
        )
        onUpdated()
      })
      .catch((err: unknown) => onFailure(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false))
  }
  return (
    <div className="missing-images" data-testid="missing-images" role="group">
      {count > 0 && (
        <>
          <span className="muted small" data-testid="missing-count">
            {plural(count, 'image')} not archived
          </span>{' '}
          <button type="button" onClick={retry} disabled={busy}>
            {busy ? 'Fetching…' : 'Retry missing images'}
          </button>
        </>
      )}
      {result && (
        <span className="small" role="status">
          {' '}
          {result}
        </span>
      )}
      {count > 0 && item.missingImages?.length ? (
        <details className="small">
          <summary>Why</summary>
          <ul className="report-list">
            {item.missingImages.map((m) => (
              <li key={m.url}>
                <code>{m.url.startsWith('data:') ? `${m.url.slice(0, 40)}…` : m.url}</code>
                <span>{m.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  )
}
