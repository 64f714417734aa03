import { useEffect, useState } from 'react'
import type { ArchiveItem, Photo } from '../../../../main/core/model'
import { archive, mediaUrl, openExternal, unwrap } from '../../api'
import { formatCredit, formatDate } from '../../ui/format'
import { TagEditor } from '../tags/TagEditor'
import { SnapshotFrame } from './SnapshotFrame'
import { StoryVersions } from './StoryVersions'

/** Image types a browser shows; for the others (HEIC, TIFF) the reader shows the thumbnail. */
const SHOWN_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'])

function PhotoFigure({ photo, focused }: { photo: Photo; focused: boolean }) {
  const image =
    photo.image && (SHOWN_AS_IS.has(photo.image.mime) || !photo.thumbnail)
      ? photo.image
      : photo.thumbnail
  const credit = formatCredit(photo.credit)
  return (
    <figure className={focused ? 'photo focused' : 'photo'} data-testid="reader-photo">
      {image ? (
        <img src={mediaUrl(image.sha256)} alt={photo.caption} />
      ) : (
        <div className="photo-missing">
          <span aria-hidden>▣</span> Image not archived{photo.src ? ` · ${photo.src}` : ''}
        </div>
      )}
      <figcaption dir="auto">
        {photo.caption}
        {credit && (
          <span className="credit" title={photo.credit?.raw} data-testid="reader-credit">
            {credit}
          </span>
        )}
        {photo.meta?.city || photo.meta?.country ? (
          <span className="muted small">
            {' '}
            · {[photo.meta.city, photo.meta.country].filter(Boolean).join(', ')}
          </span>
        ) : null}
      </figcaption>
    </figure>
  )
}

/**
 * The reader: the archived article with its photos (caption + credit as photographer / agency),
 * tags editable in place, the source link opened in the system browser, and the archived page
 * snapshot in a sandboxed frame. Text direction follows the text (`dir="auto"`).
 */
export function Reader({
  id,
  photoId,
  version,
  knownTags,
  tagColor,
  onFailure,
}: {
  id: string | null
  photoId?: string
  version: number
  knownTags: string[]
  tagColor: (tag: string) => string | undefined
  onFailure: (message: string) => void
}) {
  const [item, setItem] = useState<ArchiveItem | null>(null)
  const [missing, setMissing] = useState(false)
  // Why the item cannot be shown (a damaged file): shown in place of the item, never its text.
  const [damaged, setDamaged] = useState<{ id: string; reason: string } | null>(null)
  // Which item the snapshot is shown for: opening another item shows its text again.
  const [snapshotFor, setSnapshotFor] = useState<string | null>(null)
  const showSnapshot = snapshotFor !== null && snapshotFor === id
  const [versionsFor, setVersionsFor] = useState<string | null>(null)
  const showVersions = versionsFor !== null && versionsFor === id

  useEffect(() => {
    if (!id) return
    let live = true
    unwrap(archive.get(id))
      .then((it) => {
        if (!live) return
        setItem(it)
        setMissing(it === null)
        setDamaged(null)
      })
      .catch((err: unknown) => {
        if (!live) return
        const reason = err instanceof Error ? err.message : String(err)
        if (/ is damaged/.test(reason)) setDamaged({ id, reason })
        else onFailure(reason)
      })
    return () => {
      live = false
    }
  }, [id, version, onFailure])

  if (!id) {
    return (
      <div className="reader-empty">
        <p>Select a result to read it here.</p>
        <p className="muted small">
          <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>j</kbd> <kbd>k</kbd> move · <kbd>Enter</kbd> opens ·{' '}
          <kbd>t</kbd> tags · <kbd>Del</kbd> deletes
        </p>
      </div>
    )
  }
  if (missing) return <div className="reader-empty">This item is no longer in the archive.</div>
  if (damaged && damaged.id === id) {
    return (
      <div className="reader-empty reader-damaged" role="alert" data-testid="reader-damaged">
        <p>
          <strong>This item is damaged and cannot be shown.</strong>
        </p>
        <p className="small">{damaged.reason}</p>
      </div>
    )
  }
  if (!item || item.id !== id) return <div className="reader-empty muted">Loading…</div>

  const setTags = (tags: string[]) =>
    unwrap(archive.setTags(item.id, tags)).then(setItem, (err: unknown) =>
      onFailure(err instanceof Error ? err.message : String(err)),
    )
  const url = item.kind === 'article' ? (item.canonicalUrl ?? item.url) : undefined
  const photos = item.kind === 'article' ? item.photos : [item.photo]

  return (
    <article className="reader" data-testid="reader" lang={item.language} dir="auto">
      <header className="reader-head">
        <div className="reader-kicker">
          {item.source && <span className="reader-source">{item.source}</span>}
          {item.publishedAt && (
            <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
          )}
          {item.kind === 'article' && item.dateline && <span>{item.dateline}</span>}
        </div>
        <h1 dir="auto">{item.title}</h1>
        {item.kind === 'article' && item.subtitle && (
          <p className="reader-subtitle" dir="auto">
            {item.subtitle}
          </p>
        )}
        {item.kind === 'article' && item.byline && <p className="reader-byline">{item.byline}</p>}
        <div className="reader-tags">
          <TagEditor
            tags={item.tags}
            known={knownTags}
            tagColor={tagColor}
            onAdd={(t) => void setTags([...item.tags, t])}
            onRemove={(t) => void setTags(item.tags.filter((x) => x !== t))}
          />
        </div>
        <div className="reader-links">
          {url && (
            <a
              href={url}
              className="source-link"
              onClick={(e) => {
                e.preventDefault()
                void openExternal(url).catch((err: unknown) =>
                  onFailure(err instanceof Error ? err.message : String(err)),
                )
              }}
            >
              {new URL(url).hostname} ↗
            </a>
          )}
          {item.kind === 'article' && item.snapshot && (
            <button
              type="button"
              onClick={() => setSnapshotFor(showSnapshot ? null : item.id)}
              aria-pressed={showSnapshot}
            >
              {showSnapshot ? 'Show text' : 'Show archived page'}
            </button>
          )}
          {item.kind === 'article' && item.versions?.length ? (
            <button
              type="button"
              onClick={() => setVersionsFor(showVersions ? null : item.id)}
              aria-pressed={showVersions}
              data-testid="versions-toggle"
            >
              {showVersions ? 'Show text' : `${item.versions.length + 1} versions`}
            </button>
          ) : null}
          <span className="muted small">Archived {formatDate(item.archivedAt)}</span>
        </div>
      </header>
      {showVersions && item.kind === 'article' ? (
        <StoryVersions story={item} onFailure={onFailure} />
      ) : showSnapshot && item.kind === 'article' && item.snapshot ? (
        <SnapshotFrame sha256={item.snapshot.sha256} title={item.title} />
      ) : (
        <div className="reader-body">
          {photos.slice(0, 1).map((p) => (
            <PhotoFigure key={p.id} photo={p} focused={p.id === photoId} />
          ))}
          {item.kind === 'article' &&
            item.body.map((para, i) => (
              <p key={i} dir="auto">
                {para}
              </p>
            ))}
          {photos.slice(1).map((p) => (
            <PhotoFigure key={p.id} photo={p} focused={p.id === photoId} />
          ))}
          {item.notes && (
            <aside className="notes">
              <h3>Notes</h3>
              <p dir="auto">{item.notes}</p>
            </aside>
          )}
        </div>
      )}
    </article>
  )
}
