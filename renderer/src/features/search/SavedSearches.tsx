import type { SavedSearch } from '../../../../main/core/model'

/** Saved searches (name → query), stored in the archive. */
export function SavedSearches({
  saved,
  current,
  onRun,
  onDelete,
}: {
  saved: SavedSearch[]
  current: string
  onRun: (query: string) => void
  onDelete: (name: string) => void
}) {
  return (
    <section className="side-section" aria-label="Saved searches">
      <h3>Saved searches</h3>
      {saved.length === 0 ? (
        <p className="muted small">Type a query and press ☆ Save.</p>
      ) : (
        <ul className="saved-list">
          {saved.map((s) => (
            <li key={s.name} className={s.query === current ? 'active' : undefined}>
              <button
                type="button"
                className="saved-run"
                title={s.query}
                onClick={() => onRun(s.query)}
              >
                <span dir="auto">{s.name}</span>
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete saved search ${s.name}`}
                onClick={() => onDelete(s.name)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
