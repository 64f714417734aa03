import type { FacetCount, Facets, YearFacetCount } from '../../../../main/core/search/types'

/** The counting rule, shown on every facet header. */
export const FACET_RULE =
  'Counts items: an article counts once per value even when its text and its photos are ' +
  'separate results.'
const YEAR_RULE =
  `${FACET_RULE} Items without a published date are filed by the date they were archived ` +
  '(“archived” beside the year).'

/** `2016`, `2026 · archived`, or `2026 · 3 archived` when only some are undated. */
function yearNote(f: FacetCount): string | null {
  const archived = (f as YearFacetCount).archived ?? 0
  if (archived === 0) return null
  return archived === f.count ? 'archived' : `${archived.toLocaleString()} archived`
}

const GROUPS: { key: keyof Facets; label: string; field: string }[] = [
  { key: 'agency', label: 'Agency', field: 'agency' },
  { key: 'photographer', label: 'Photographer', field: 'photographer' },
  { key: 'source', label: 'Source', field: 'source' },
  { key: 'year', label: 'Year', field: 'year' },
]

/** Facet counts over the whole result set; clicking one narrows the query with that filter. */
export function FacetPanel({
  facets,
  onPick,
  isActive,
}: {
  facets: Facets | null
  onPick: (field: string, value: string) => void
  isActive: (field: string, value: string) => boolean
}) {
  if (!facets) {
    return (
      <section className="side-section" aria-label="Facets">
        <h3>Refine</h3>
        <p className="muted small">Search to see agencies, photographers, sources and years.</p>
      </section>
    )
  }
  return (
    <section className="side-section" aria-label="Facets">
      {GROUPS.map(({ key, label, field }) => {
        const values = facets[key].slice(0, 8)
        if (values.length === 0) return null
        return (
          <div key={key} className="facet-group">
            <h3 title={key === 'year' ? YEAR_RULE : FACET_RULE}>{label}</h3>
            <ul className="facet-list">
              {values.map((f) => (
                <li key={f.value}>
                  <button
                    type="button"
                    className={isActive(field, f.value) ? 'facet active' : 'facet'}
                    data-testid={`facet-${field}`}
                    aria-pressed={isActive(field, f.value)}
                    onClick={() => onPick(field, f.value)}
                  >
                    <span className="facet-name" dir="auto">
                      {f.value}
                      {key === 'year' && yearNote(f) && (
                        <span className="muted small" title="Filed by the date it was archived">
                          {' '}
                          · {yearNote(f)}
                        </span>
                      )}
                    </span>
                    <span className="count">{f.count.toLocaleString()}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )
      })}
    </section>
  )
}
