import { useState } from 'react'
import type { Photo } from '../../../../main/core/model'
import { mediaUrl } from '../../api'
import { textDirection } from '../../ui/textDirection'
import { AgencyBadge } from '../reader/AgencyBadge'
import { PhotoCredit } from './PhotoCredit'
import { PhotoEditor } from './PhotoEditor'

/** Image types a browser shows; for the others (HEIC, TIFF) the reader shows the thumbnail. */
const SHOWN_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'])

/** The photo's image (or thumbnail where a browser cannot show the original). */
export function PhotoImage({ photo }: { photo: Photo }) {
  const image =
    photo.image && (SHOWN_AS_IS.has(photo.image.mime) || !photo.thumbnail)
      ? photo.image
      : photo.thumbnail
  return image ? (
    <img src={mediaUrl(image.sha256)} alt={photo.caption} />
  ) : (
    <div className="photo-missing">
      <span aria-hidden>▣</span> Image not archived{photo.src ? ` · ${photo.src}` : ''}
    </div>
  )
}

/**
 * A photo with its caption and credit, and what a photo desk does with it: open it on its
 * own, correct its caption and credit in place, copy it with its credit in the house style.
 */
export function PhotoFigure({
  photo,
  photoRef,
  focused,
  onOpen,
  onCopy,
  onFailure,
}: {
  photo: Photo
  photoRef: string
  focused: boolean
  /** Open the photo view (absent where this already is the photo view). */
  onOpen?: () => void
  onCopy: (ref: string) => void
  onFailure: (message: string) => void
}) {
  const [editing, setEditing] = useState(false)
  return (
    <figure
      className={focused ? 'photo focused' : 'photo'}
      data-testid="reader-photo"
      data-ref={photoRef}
    >
      <PhotoImage photo={photo} />
      {editing ? (
        <PhotoEditor
          photoRef={photoRef}
          photo={photo}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
          onFailure={onFailure}
        />
      ) : (
        <figcaption dir={textDirection(photo.caption)}>
          {photo.caption}
          <PhotoCredit photo={photo} />
          <AgencyBadge credit={photo.credit} onFailure={onFailure} />
          {photo.meta?.city || photo.meta?.country ? (
            <span className="muted small">
              {' '}
              · {[photo.meta.city, photo.meta.country].filter(Boolean).join(', ')}
            </span>
          ) : null}
        </figcaption>
      )}
      {!editing && (
        <div className="photo-actions">
          {onOpen && (
            <button type="button" onClick={onOpen}>
              Open photo
            </button>
          )}
          <button type="button" onClick={() => setEditing(true)}>
            Edit credit
          </button>
          <button type="button" onClick={() => onCopy(photoRef)} title="Copy with credit (c)">
            Copy with credit
          </button>
        </div>
      )}
    </figure>
  )
}
