import { forwardRef, useState } from 'react'
import type { QueryError } from '../../../../main/core/search/types'
import { FieldCompletions, useFieldCompletion } from './FieldCompletion'
import type { SortMode } from './useResults'

const SYNTAX: [string, string][] = [
  ['souleiman raqa', 'both words (AND), ranked'],
  ['iran OR iraq', 'either word'],
  ['-syria', 'without the word'],
  ['"wrong American policies"', 'exact phrase'],
  ['kurd*', 'prefix'],
  ['souleman~1', 'fuzzy, one edit away (typos are also forgiven without ~)'],
  ['=souleman', 'exact: never corrected as a typo'],
  ['photographer:"delil souleiman"', 'also title: body: caption: credit: agency: source: tag:'],
  ['after:2023-10-01 before:2024-01-01', 'dates; or year:2016'],
  ['type:photo', 'or type:article'],
  ['is:untagged', 'items without tags'],
  ['is:undated', 'items without a published date (filed by archived date)'],
  ['credit:empty', 'captions missing a credit'],
  ['similar:1f0c3a9e5d7b2468', 'the item and its near duplicates (same story, other outlets)'],
]

/** The query syntax, in a popover next to the search box. */
function SyntaxHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="popover syntax-help" role="dialog" aria-label="Search syntax">
      <div className="popover-head">
        <strong>Search syntax</strong>
        <button type="button" className="icon-button" aria-label="Close help" onClick={onClose}>
          ✕
        </button>
      </div>
      <table>
        <tbody>
          {SYNTAX.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Case and accents are ignored: Souleïman finds Souleiman; Müller finds Mueller and Muller;
        Wal-Mart, Walmart and Wal Mart are one word. Name variants (Gaddafi = Qadhafi) are edited
        under “Name variants”. Typing tag:, photographer:, agency: or source: offers values.
      </p>
    </div>
  )
}

/** The query's problem under the box, with the offending part of the query marked. */
function QueryProblem({ query, error }: { query: string; error: QueryError }) {
  const start = Math.max(0, Math.min(error.start, query.length))
  const end = Math.max(start, Math.min(error.end, query.length))
  return (
    <div className="query-error" role="alert">
      <span className="query-error-message">{error.message}</span>
      {query.length > 0 && (
        <code className="query-error-context">
          {query.slice(0, start)}
          <mark>{query.slice(start, end) || ' '}</mark>
          {query.slice(end)}
        </code>
      )}
    </div>
  )
}

export interface SearchBoxProps {
  query: string
  onQuery: (q: string) => void
  sort: SortMode
  onSort: (s: SortMode) => void
  error: QueryError | null
  onSave: () => void
  onEnter: () => void
}

/** The search box: always at hand (`/`, Ctrl/Cmd+K), results update as you type. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox(
  { query, onQuery, sort, onSort, error, onSave, onEnter },
  ref,
) {
  const [help, setHelp] = useState(false)
  const completion = useFieldCompletion(query, onQuery)
  return (
    <div className="searchbar">
      <div className={error ? 'search-field has-error' : 'search-field'}>
        <span className="search-icon" aria-hidden>
          ⌕
        </span>
        <input
          ref={ref}
          type="search"
          className="search-input"
          placeholder="Search articles, captions, credits…   ( / )"
          aria-label="Search"
          value={query}
          spellCheck={false}
          aria-autocomplete="list"
          aria-controls="field-completions"
          aria-activedescendant={completion.activeId}
          onChange={(e) => {
            onQuery(e.target.value)
            completion.update(e.target.value, e.target.selectionStart ?? e.target.value.length)
          }}
          onBlur={() => completion.close()}
          onKeyDown={(e) => {
            if (completion.onKeyDown(e)) return
            if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault()
              onEnter()
            } else if (e.key === 'Escape' && query) {
              e.preventDefault()
              onQuery('')
            }
          }}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Search syntax help"
          aria-expanded={help}
          onClick={() => setHelp((h) => !h)}
        >
          ?
        </button>
        {help && <SyntaxHelp onClose={() => setHelp(false)} />}
        <FieldCompletions state={completion} />
      </div>
      <select
        aria-label="Sort"
        className="sort-select"
        value={sort}
        onChange={(e) => onSort(e.target.value as SortMode)}
      >
        <option value="relevance">Relevance</option>
        <option value="newest">Newest first</option>
        <option value="oldest">Oldest first</option>
      </select>
      <button type="button" onClick={onSave} disabled={!query.trim()} title="Save this search">
        ☆ Save
      </button>
      {error && <QueryProblem query={query} error={error} />}
    </div>
  )
})
