import { useEffect, useState } from 'react'
import type { TagInfo, UnusedTag } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'

/** "12 items and 3 photos", "12 items", "3 photos". */
export function tagHolders(tag: Pick<TagInfo, 'count' | 'photos'>): string {
  const photos = tag.photos ?? 0
  const items = tag.count - photos
  const parts = [items && plural(items, 'item'), photos && plural(photos, 'photo')].filter(Boolean)
  return parts.length ? parts.join(' and ') : 'no item'
}

/** "Delete tag X?": says how many items and photos lose it; Undo is offered afterwards. */
/** The tags under `path` in the tree (`Places/Syria` under `Places`), by name. */
export function tagsBelow(tags: readonly TagInfo[], path: string): TagInfo[] {
  const prefix = `${path.toLocaleLowerCase()}/`
  return tags
    .filter((t) => t.name.toLocaleLowerCase().startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export function DeleteTagDialog({
  tag,
  below = [],
  onConfirm,
  onClose,
}: {
  tag: TagInfo
  /** The tags under it in the tree (`Places/Syria` under `Places`): they go with it. */
  below?: readonly TagInfo[]
  onConfirm: () => void
  onClose: () => void
}) {
  const shown = below
    .slice(0, 5)
    .map((t) => `${t.name} (${tagHolders(t)})`)
    .join(', ')
  const list = `${shown}${below.length > 5 ? ', …' : ''}`
  const own = tag.count > 0 || below.length === 0
  const total = below.length + (own ? 1 : 0)
  return (
    <Dialog title={`Delete tag “${tag.name}”`} onClose={onClose}>
      <p data-testid="delete-tag-summary">
        {own
          ? `“${tag.name}” will be taken off ${tagHolders(tag)}${
              tag.color ? ' and its colour forgotten' : ''
            }${below.length ? `, with the ${plural(below.length, 'tag')} under it: ${list}` : ''}.`
          : `The ${plural(below.length, 'tag')} under “${tag.name}” will be taken off their items: ${list}.`}{' '}
        You can undo this right after.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" autoFocus onClick={onConfirm}>
          {total > 1 ? `Delete ${total} tags` : 'Delete tag'}
        </button>
      </div>
    </Dialog>
  )
}

const REASON = { color: 'has a colour', emptied: 'taken off its last item' } as const

/**
 * Tags the archive still knows (a colour, or once on items) that no item carries: delete one
 * or all of them. `version` refetches the list when the archive changes.
 */
export function UnusedTagsDialog({
  version,
  onClose,
  onDeleted,
  onFailure,
}: {
  version: number
  onClose: () => void
  onDeleted: (count: number) => void
  onFailure: (message: string) => void
}) {
  const [tags, setTags] = useState<UnusedTag[] | null>(null)
  useEffect(() => {
    let live = true
    unwrap(archive.unusedTags()).then(
      (t) => live && setTags(t),
      (e: Error) => live && onFailure(e.message),
    )
    return () => {
      live = false
    }
  }, [version, onFailure])

  function remove(names?: string[]) {
    unwrap(archive.deleteUnusedTags(names)).then(
      (gone) => {
        setTags((t) => t && t.filter((x) => !gone.some((g) => g.name === x.name)))
        onDeleted(gone.length)
      },
      (e: Error) => onFailure(e.message),
    )
  }

  return (
    <Dialog title="Unused tags" onClose={onClose}>
      {tags === null ? (
        <p className="muted">Looking for unused tags…</p>
      ) : tags.length === 0 ? (
        <p className="muted" data-testid="no-unused-tags">
          No unused tags: every tag the archive knows is on some item.
        </p>
      ) : (
        <>
          <p className="muted small">
            No item carries these tags; the archive keeps them for their colour or because they were
            taken off their last item.
          </p>
          <ul className="unused-tags" data-testid="unused-tags">
            {tags.map((t) => (
              <li key={t.name}>
                <span
                  className="tag-dot"
                  style={{ background: t.color ?? 'var(--tag-default)' }}
                  aria-hidden
                />
                <span className="tag-name" dir="auto">
                  {t.name}
                </span>
                <span className="muted small">{t.reasons.map((r) => REASON[r]).join(', ')}</span>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete unused tag ${t.name}`}
                  onClick={() => remove([t.name])}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="danger" disabled={!tags?.length} onClick={() => remove()}>
          Delete all{tags?.length ? ` ${tags.length}` : ''}
        </button>
      </div>
    </Dialog>
  )
}

/** Delete a tag everywhere, then offer Undo (which puts it back on exactly its holders). */
export async function deleteTagWithUndo(
  tag: string,
  ui: {
    show: (toast: { message: string; action?: { label: string; run: () => void } }) => void
    fail: (message: string) => void
  },
): Promise<void> {
  const { undoToken, items, photos, tags } = await unwrap(archive.deleteTag(tag))
  const what = tags > 1 ? `“${tag}” and the tags under it (${plural(tags, 'tag')})` : `tag “${tag}”`
  ui.show({
    message: `Deleted ${what} from ${tagHolders({ count: items + photos, photos })}.`,
    action: {
      label: 'Undo',
      run: () =>
        void unwrap(archive.restoreTag(undoToken)).then(
          () => ui.show({ message: `Tag “${tag}” is back.` }),
          (e: Error) => ui.fail(e.message),
        ),
    },
  })
}
