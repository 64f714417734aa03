import { useState } from 'react'
import type { ImportProgress, ImportReport } from '../../../../main/core/model'
import { Dialog } from '../../ui/Dialog'
import { plural } from '../../ui/format'

/** The bar at the bottom while an import runs: counts, the current file, Cancel. */
export function ImportProgressBar({
  progress,
  onCancel,
}: {
  progress: ImportProgress | null
  onCancel: () => void
}) {
  const total = progress?.total ?? 0
  const done = progress?.done ?? 0
  return (
    <div className="import-progress" role="status" aria-label="Import progress">
      <span className="import-progress-label">
        Importing{total > 0 ? ` ${done.toLocaleString()} of ${plural(total, 'file')}` : '…'}
      </span>
      <progress max={total || undefined} value={total ? done : undefined} />
      {progress?.current && <span className="import-current muted small">{progress.current}</span>}
      {progress?.images && progress.images.total > 0 && (
        <span className="muted small" data-testid="import-images">
          images {progress.images.done} of {progress.images.total}
          {progress.images.failed ? ` (${progress.images.failed} missing)` : ''}
        </span>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

/** The end of an import: how many imported, duplicates, and each failure with its reason. */
export function ImportReportDialog({
  report,
  onClose,
}: {
  report: ImportReport
  onClose: () => void
}) {
  const failures = report.outcomes.filter((o) => o.status === 'failed')
  const duplicates = report.outcomes.filter((o) => o.status === 'duplicate')
  const missingImages = report.outcomes.flatMap((o) =>
    (o.missingImages ?? []).map((m) => ({ ...m, source: o.source })),
  )
  const versions = report.outcomes.filter((o) => o.version !== undefined)
  return (
    <Dialog
      title={report.cancelled ? 'Import cancelled' : 'Import finished'}
      onClose={onClose}
      wide
    >
      <div className="report" data-testid="import-report">
        <dl className="report-counts">
          <div>
            <dt>Imported</dt>
            <dd data-testid="report-imported">{report.imported}</dd>
          </div>
          <div>
            <dt>Duplicates</dt>
            <dd data-testid="report-duplicates">{report.duplicates}</dd>
          </div>
          <div className={report.failed ? 'bad' : undefined}>
            <dt>Failed</dt>
            <dd data-testid="report-failed">{report.failed}</dd>
          </div>
        </dl>
        {versions.length > 0 && (
          <p data-testid="report-versions">
            {versions.length === 1
              ? `A story already archived from ${versions[0].source} was updated: this is its version ${versions[0].version}.`
              : `${versions.length} stories already archived were captured again as new versions.`}
          </p>
        )}
        {failures.length > 0 && (
          <>
            <h3>Failed</h3>
            <ul className="report-list">
              {failures.map((o, i) => (
                <li key={i}>
                  <code>{o.source}</code>
                  <span>{o.reason}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {missingImages.length > 0 && (
          <details data-testid="report-missing-images">
            <summary>
              {plural(missingImages.length, 'image')} could not be archived (Retry missing images in
              the reader)
            </summary>
            <ul className="report-list">
              {missingImages.map((m, i) => (
                <li key={i}>
                  <code>{m.url.startsWith('data:') ? `${m.url.slice(0, 40)}…` : m.url}</code>
                  <span>
                    {m.reason} <span className="muted">({m.source})</span>
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
        {duplicates.length > 0 && (
          <details>
            <summary>{plural(duplicates.length, 'duplicate')} (already in the archive)</summary>
            <ul className="report-list">
              {duplicates.map((o, i) => (
                <li key={i}>
                  <code>{o.source}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  )
}

/** Paste an article's text (plain or Markdown) or a URL to fetch. */
export function PasteDialog({
  onText,
  onUrl,
  onClose,
}: {
  onText: (text: string) => void
  onUrl: (url: string) => void
  onClose: () => void
}) {
  const [text, setText] = useState('')
  const trimmed = text.trim()
  const isUrl = /^https?:\/\/\S+$/i.test(trimmed)
  return (
    <Dialog title="Paste text or URL" onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!trimmed) return
          if (isUrl) onUrl(trimmed)
          else onText(text)
        }}
      >
        <label className="field">
          <span>Article text (the first line is the title), Markdown, or one http(s) URL</span>
          <textarea
            aria-label="Text to import"
            value={text}
            autoFocus
            rows={14}
            dir="auto"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey))
                e.currentTarget.form?.requestSubmit()
            }}
          />
        </label>
        <div className="dialog-actions">
          <span className="muted small">
            {isUrl ? 'The page will be fetched and archived.' : 'Ctrl+Enter imports.'}
          </span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!trimmed}>
            {isUrl ? 'Fetch and import' : 'Import text'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
