import { useEffect, useState } from 'react'
import type { BulkTagProgress, BulkTagReply } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'
import { TagEditor } from './TagEditor'

/** What a bulk change applies to: every result row of a query, or the rows selected. */
export type BulkTarget = { query: string; count: number } | { refs: string[] }

export interface BulkTagDone {
  reply: BulkTagReply
  add: string[]
  remove: string[]
}

/**
 * Add and remove tags on every result of a search (or the selected rows) in one change, run in
 * main in batches with a progress bar and Cancel; the caller offers one Undo for all of it.
 */
export function BulkTagDialog({
  target,
  known,
  tagColor,
  onClose,
  onDone,
}: {
  target: BulkTarget
  known: string[]
  tagColor?: (tag: string) => string | undefined
  onClose: () => void
  onDone: (done: BulkTagDone) => void
}) {
  const [add, setAdd] = useState<string[]>([])
  const [remove, setRemove] = useState<string[]>([])
  const [progress, setProgress] = useState<BulkTagProgress | null>(null)
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => (running ? archive.onTagProgress(setProgress) : undefined), [running])

  const count = 'refs' in target ? target.refs.length : target.count
  const what =
    'refs' in target
      ? plural(count, 'selected row')
      : `all ${plural(count, 'result')} of “${target.query}”`

  async function apply() {
    setRunning(true)
    setError(null)
    setProgress(null)
    try {
      const reply = await unwrap(
        archive.bulkTag({
          ...('refs' in target ? { refs: target.refs } : { query: target.query }),
          add,
          remove,
        }),
      )
      onDone({ reply, add, remove })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setRunning(false)
    }
  }

  const push = (list: string[], tag: string) =>
    list.some((t) => t.toLowerCase() === tag.toLowerCase()) ? list : [...list, tag]

  return (
    <Dialog
      title={
        'refs' in target ? `Tag ${plural(count, 'row')}` : `Tag all ${plural(count, 'result')}`
      }
      label="Tag all results"
      onClose={() => {
        if (running) void archive.cancelBulkTag()
        else onClose()
      }}
    >
      <p className="muted small">
        Changes {what}: articles and photos alike, in one step you can undo.
      </p>
      <div className="field">
        <span>Add</span>
        <TagEditor
          label="Tag to add"
          tags={add}
          known={known}
          tagColor={tagColor}
          autoFocus
          placeholder="Tag to add…"
          onAdd={(t) => setAdd((l) => push(l, t))}
          onRemove={(t) => setAdd((l) => l.filter((x) => x !== t))}
        />
      </div>
      <div className="field">
        <span>Remove</span>
        <TagEditor
          label="Tag to remove"
          tags={remove}
          known={known}
          tagColor={tagColor}
          placeholder="Tag to remove…"
          onAdd={(t) => setRemove((l) => push(l, t))}
          onRemove={(t) => setRemove((l) => l.filter((x) => x !== t))}
        />
      </div>
      {running && (
        <div className="bulk-progress" data-testid="bulk-progress">
          <progress
            max={progress?.total || undefined}
            value={progress?.total ? progress.done : undefined}
            aria-label="Tagging"
          />
          <span className="small">
            {progress
              ? `${progress.done.toLocaleString()} of ${plural(progress.total, 'item')}`
              : 'Finding the results…'}
          </span>
        </div>
      )}
      {error && (
        <p className="bulk-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {running ? (
          <button type="button" onClick={() => void archive.cancelBulkTag()}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={running || (add.length === 0 && remove.length === 0)}
          onClick={() => void apply()}
        >
          Apply to {plural(count, 'row')}
        </button>
      </div>
    </Dialog>
  )
}
