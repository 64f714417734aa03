import { useEffect, useState } from 'react'
import type { ArchiveItem } from '../../../../main/core/model'
import { archive, openExternal, unwrap } from '../../api'
import { formatDate } from '../../ui/format'
import { textDirection } from '../../ui/textDirection'
import { PhotoFigure } from '../photos/PhotoFigure'
import { PhotoView } from '../photos/PhotoView'
import { TagEditor } from '../tags/TagEditor'
import { MissingImages } from './MissingImages'
import { SimilarStories } from './SimilarStories'
import { SnapshotFrame } from './SnapshotFrame'
import { StoryVersions } from './StoryVersions'
import { SuggestedTags } from './SuggestedTags'

/**
 * The reader: the archived article with its photos (caption + credit as photographer / agency),
 * tags editable in place, the source link opened in the system browser, and the archived page
 * snapshot in a sandboxed frame. Text direction follows the text (`textDirection`: right to left
 * for Arabic, Hebrew, Persian…, even when a line starts with a Latin name).
 */
export function Reader({
  id,
  photoId,
  version,
  knownTags,
  tagColor,
  onFailure,
  onOpenItem,
  onOpen,
  onCopy,
}: {
  id: string | null
  photoId?: string
  version: number
  knownTags: string[]
  tagColor: (tag: string) => string | undefined
  onFailure: (message: string) => void
  /** Open another item (a near duplicate listed under the header). */
  onOpenItem?: (id: string) => void
  /** Open the item, or with a photo id one of its photos on its own (photo view). */
  onOpen: (id: string, photoId?: string) => void
  /** Copy a photo's caption with its credit (ref: `ARTICLE/p0` or a photo's id). */
  onCopy: (ref: string) => void
}) {
  const [item, setItem] = useState<ArchiveItem | null>(null)
  const [missing, setMissing] = useState(false)
  const [reloads, setReloads] = useState(0)
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
  }, [id, version, reloads, onFailure])

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
  // The article's direction from its own text (and language): an Arabic story reads right to left.
  const text = item.kind === 'article' ? `${item.title} ${item.body.join(' ')}` : item.title
  const dir = textDirection(text, item.language)
  const viewed = item.kind === 'article' && photoId && photos.find((p) => p.id === photoId)
  if (item.kind === 'article' && viewed) {
    return (
      <PhotoView
        article={item}
        photo={viewed}
        knownTags={knownTags}
        tagColor={tagColor}
        onOpenArticle={() => onOpen(item.id)}
        onCopy={onCopy}
        onFailure={onFailure}
      />
    )
  }
  const figure = (p: (typeof photos)[number]) => (
    <PhotoFigure
      key={p.id}
      photo={p}
      photoRef={item.kind === 'article' ? `${item.id}/${p.id}` : item.id}
      focused={p.id === photoId}
      onOpen={item.kind === 'article' ? () => onOpen(item.id, p.id) : undefined}
      onCopy={onCopy}
      onFailure={onFailure}
    />
  )

  return (
    <article className="reader" data-testid="reader" lang={item.language} dir={dir}>
      <header className="reader-head">
        <div className="reader-kicker">
          {item.source && <span className="reader-source">{item.source}</span>}
          {item.publishedAt && (
            <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
          )}
          {item.kind === 'article' && item.dateline && <span>{item.dateline}</span>}
        </div>
        <h1 dir={textDirection(item.title, item.language)}>{item.title}</h1>
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
          <SuggestedTags
            id={item.id}
            tags={item.tags}
            onAccept={(t) => void setTags([...item.tags, t])}
            onFailure={onFailure}
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
        {item.kind === 'article' && (
          <MissingImages
            item={item}
            onUpdated={() => setReloads((n) => n + 1)}
            onFailure={onFailure}
          />
        )}
        {item.kind === 'article' && (
          <SimilarStories
            id={item.id}
            version={version}
            onOpen={onOpenItem}
            onFailure={onFailure}
          />
        )}
      </header>
      {showVersions && item.kind === 'article' ? (
        <StoryVersions story={item} onFailure={onFailure} />
      ) : showSnapshot && item.kind === 'article' && item.snapshot ? (
        <SnapshotFrame sha256={item.snapshot.sha256} title={item.title} />
      ) : (
        <div className="reader-body">
          {photos.slice(0, 1).map(figure)}
          {item.kind === 'article' &&
            item.body.map((para, i) => (
              <p key={i} dir={textDirection(para, item.language)}>
                {para}
              </p>
            ))}
          {photos.slice(1).map(figure)}
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
