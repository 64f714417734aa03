/** What an empty archive shows: the three ways in. */
export function EmptyState({
  onImport,
  onPaste,
  canPickFiles,
}: {
  onImport: () => void
  onPaste: () => void
  canPickFiles: boolean
}) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>Your archive is empty</h2>
      <p>Morgue keeps articles and photo captions with their credits, searchable offline.</p>
      <ol>
        <li>
          {canPickFiles ? (
            <>
              <button type="button" className="primary" onClick={onImport}>
                Import files…
              </button>{' '}
              text, Markdown, HTML pages, feeds, JSON exports or photos (<kbd>Ctrl</kbd>+
              <kbd>O</kbd>)
            </>
          ) : (
            <>
              Drop text or Markdown files anywhere on this window (other formats:{' '}
              <code>morgue import</code>)
            </>
          )}
        </li>
        {canPickFiles && <li>or drag files and folders onto this window</li>}
        <li>
          or{' '}
          <button type="button" onClick={onPaste}>
            Paste text or a URL…
          </button>{' '}
          (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>V</kbd>)
        </li>
      </ol>
      <p className="muted small">
        To try it, import the seed article (<code>corpora/seed/000_0573ed9d5a68091b.txt</code>),
        then search <code>souleiman</code>.
      </p>
    </div>
  )
}
