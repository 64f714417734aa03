import { useEffect, useState } from 'react'
import type { SimilarResult } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { formatDate } from '../../ui/format'

/**
 * The near duplicates of the item in the reader: the same story archived from other outlets or
 * re-published with edits, most similar first, each a link that opens it here.
 */
export function SimilarStories({
  id,
  version,
  onOpen,
  onFailure,
}: {
  id: string
  version: number
  onOpen?: (id: string) => void
  onFailure: (message: string) => void
}) {
  const [found, setFound] = useState<SimilarResult | null>(null)

  useEffect(() => {
    let live = true
    unwrap(archive.similar(id))
      .then((r) => live && setFound(r))
      .catch((err: unknown) => live && onFailure(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [id, version, onFailure])

  if (!found || found.id !== id || found.items.length === 0) return null
  return (
    <section className="similar-stories" data-testid="similar-stories" aria-label="Similar stories">
      <h2 className="small">
        Same story elsewhere <span className="muted">({found.items.length})</span>
      </h2>
      <ul>
        {found.items.map((m) => (
          <li key={m.id} data-testid="similar-story">
            <a
              href={`#item-${m.id}`}
              onClick={(e) => {
                e.preventDefault()
                onOpen?.(m.id)
              }}
            >
              {m.title}
            </a>
            <span className="muted small">
              {' '}
              {[
                m.source,
                m.publishedAt && formatDate(m.publishedAt),
                `${Math.round(m.similarity * 100)} % alike`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
