import type { Article, Photo } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'
import { TagEditor } from '../tags/TagEditor'
import { PhotoFigure } from './PhotoFigure'

/**
 * One photo inside an article, opened on its own: image, caption, credit (editable), its own
 * tags, "Copy with credit", and the way back to its article.
 */
export function PhotoView({
  article,
  photo,
  knownTags,
  tagColor,
  onOpenArticle,
  onCopy,
  onFailure,
}: {
  article: Article
  photo: Photo
  knownTags: string[]
  tagColor: (tag: string) => string | undefined
  onOpenArticle: () => void
  onCopy: (ref: string) => void
  onFailure: (message: string) => void
}) {
  const ref = `${article.id}/${photo.id}`
  const tags = photo.tags ?? []
  const fail = (err: unknown) => onFailure(err instanceof Error ? err.message : String(err))
  return (
    <article className="reader photo-view" data-testid="reader" dir="auto">
      <div data-testid="photo-view">
        <header className="reader-head">
          <div className="reader-kicker">
            <span className="kind-badge">Photo</span>
            {article.source && <span className="reader-source">{article.source}</span>}
          </div>
          <h1 dir="auto">{article.title}</h1>
          <p className="photo-view-article">
            <button type="button" onClick={onOpenArticle}>
              ← Open the article
            </button>
          </p>
          <div className="reader-tags" data-testid="photo-tags">
            <TagEditor
              tags={tags}
              known={knownTags}
              tagColor={tagColor}
              placeholder="Tag this photo…"
              onAdd={(t) => void unwrap(archive.addTags([ref], [t])).catch(fail)}
              onRemove={(t) => void unwrap(archive.removeTags([ref], [t])).catch(fail)}
            />
          </div>
          {article.tags.length > 0 && (
            <p className="muted small">Article tags: {article.tags.join(', ')}</p>
          )}
        </header>
        <div className="reader-body">
          <PhotoFigure
            key={ref}
            photo={photo}
            photoRef={ref}
            focused={false}
            onCopy={onCopy}
            onFailure={onFailure}
          />
        </div>
      </div>
    </article>
  )
}
