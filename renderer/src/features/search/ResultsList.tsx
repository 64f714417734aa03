import { useVirtualizer } from '@tanstack/react-virtual'
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react'
import { mediaUrl } from '../../api'
import { Highlight } from '../../ui/Highlight'
import { formatCredit, formatDate } from '../../ui/format'
import { similarLabel } from './clusterRows'
import type { ResultRow } from './useResults'
import { textDirection } from '../../ui/textDirection'

export interface ResultsListHandle {
  focus(): void
}

export interface ResultsListProps {
  rows: ResultRow[]
  total: number
  cursor: number
  selected: ReadonlySet<string>
  openKey: string | null
  onCursor: (index: number) => void
  onOpen: (index: number) => void
  onSelect: (keys: Set<string>) => void
  onTag: () => void
  onDelete: () => void
  onNeedMore: () => void
  tagColor: (tag: string) => string | undefined
  onTagClick: (tag: string) => void
  /** Keys of the rows whose cluster is expanded. */
  expanded?: ReadonlySet<string>
  /** Show or hide the other members of a row's cluster (→ / ← or the "+N similar" button). */
  onToggleCluster?: (key: string) => void
  /** Copy the photo under the cursor with its credit (`c`). */
  onCopy: (ref: string) => void
  /** Open the article a photo hit belongs to. */
  onOpenArticle: (id: string) => void
}

/**
 * Map highlights from the raw credit (`DELIL SOULEIMAN / AFP`) onto its display form
 * (`Delil Souleiman / AFP`) by the matched words, case-insensitively.
 */
function creditRanges(
  display: string,
  raw: string,
  ranges: [number, number][],
): [number, number][] {
  const out: [number, number][] = []
  const lower = display.toLocaleLowerCase()
  for (const [s, e] of ranges) {
    const word = raw.slice(s, e).toLocaleLowerCase()
    const at = word ? lower.indexOf(word) : -1
    if (at >= 0) out.push([at, at + word.length])
  }
  return out
}

function RowView({
  row,
  active,
  selected,
  open,
  tagColor,
  onTagClick,
  onCheck,
  expanded,
  onToggleCluster,
  onCopy,
  onOpenArticle,
}: {
  row: ResultRow
  active: boolean
  selected: boolean
  open: boolean
  tagColor: (tag: string) => string | undefined
  onTagClick: (tag: string) => void
  onCheck: () => void
  expanded: boolean
  onToggleCluster?: () => void
  onCopy: (ref: string) => void
  onOpenArticle: (id: string) => void
}) {
  if (row.memberOf) return <MemberRowView row={row} active={active} open={open} />
  const title = row.snippets.find((s) => s.field === 'title')
  const passage = row.photoId
    ? row.snippets.find((s) => s.field === 'caption')
    : (row.snippets.find((s) => s.field === 'body') ??
      row.snippets.find((s) => s.field === 'caption') ??
      row.snippets.find((s) => s.field === 'credit'))
  const credit = formatCredit(row.credit)
  const creditSnippet = row.snippets.find((s) => s.field === 'credit')
  const creditHit = !!creditSnippet && creditSnippet.highlights.length > 0
  return (
    <div
      className={['result', active && 'active', selected && 'selected', open && 'open']
        .filter(Boolean)
        .join(' ')}
      data-testid="result"
      data-kind={row.photoId ? 'photo-hit' : row.kind}
    >
      <input
        type="checkbox"
        className="result-check"
        aria-label={`Select ${row.title}`}
        checked={selected}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onChange={onCheck}
      />
      {row.thumbnail ? (
        <img className="result-thumb" src={mediaUrl(row.thumbnail)} alt="" loading="lazy" />
      ) : row.photoId || row.kind === 'photo' ? (
        <div className="result-thumb result-thumb-empty" aria-hidden>
          ▣
        </div>
      ) : null}
      <div className="result-main">
        <div className="result-title" dir={textDirection(row.title)}>
          {row.photoId && <span className="kind-badge">Photo</span>}
          {row.kind === 'photo' && !row.photoId && <span className="kind-badge">Image</span>}
          {title ? <Highlight text={title.text} ranges={title.highlights} /> : row.title}
        </div>
        {row.photoId ? (
          <>
            <div className="result-caption" dir={textDirection(passage?.text ?? row.caption ?? '')}>
              {passage ? (
                <Highlight text={passage.text} ranges={passage.highlights} />
              ) : (
                row.caption
              )}
            </div>
            {credit && (
              <div className="result-credit">
                <span className={creditHit ? 'credit credit-hit' : 'credit'} data-testid="credit">
                  {creditHit && creditSnippet ? (
                    <Highlight
                      text={credit}
                      ranges={creditRanges(credit, creditSnippet.text, creditSnippet.highlights)}
                    />
                  ) : (
                    credit
                  )}
                </span>
                {row.edited && (
                  <span className="edited-badge" data-testid="edited-badge">
                    edited
                  </span>
                )}
              </div>
            )}
          </>
        ) : (
          passage && (
            <div className="result-snippet" dir={textDirection(passage.text)}>
              {passage.field === 'credit' && <span className="muted">Credit: </span>}
              <Highlight text={passage.text} ranges={passage.highlights} />
            </div>
          )
        )}
        <div className="result-meta">
          {row.source && <span className="result-source">{row.source}</span>}
          {row.date && <span>{formatDate(row.date)}</span>}
          {row.cluster && onToggleCluster && (
            <button
              type="button"
              tabIndex={-1}
              className="cluster-toggle"
              data-testid="cluster-toggle"
              aria-expanded={expanded}
              title={
                row.cluster.folded > 0
                  ? `${row.cluster.folded} of them also match this search`
                  : 'Near duplicates in the archive'
              }
              onClick={(e) => {
                e.stopPropagation()
                onToggleCluster()
              }}
            >
              {expanded ? '▾' : '▸'} {similarLabel(row.cluster)}
            </button>
          )}
          {row.photoId && row.ref !== row.id && (
            <button
              type="button"
              tabIndex={-1}
              className="article-link muted"
              data-testid="open-article"
              onClick={(e) => {
                e.stopPropagation()
                onOpenArticle(row.id)
              }}
            >
              in “{row.title}”
            </button>
          )}
          {row.photoId && (
            <button
              type="button"
              tabIndex={-1}
              className="row-action"
              title="Copy with credit (c)"
              onClick={(e) => {
                e.stopPropagation()
                onCopy(row.ref)
              }}
            >
              Copy with credit
            </button>
          )}
          {row.tags.map((t) => (
            <button
              key={t}
              type="button"
              tabIndex={-1}
              className="tag-chip"
              style={{ '--tag': tagColor(t) } as React.CSSProperties}
              onClick={(e) => {
                e.stopPropagation()
                onTagClick(t)
              }}
            >
              {t}
            </button>
          ))}
        </div>
      </div>
    </div>
  )
}

/** A member of an expanded cluster, listed under its row: title, outlet, date. */
function MemberRowView({ row, active, open }: { row: ResultRow; active: boolean; open: boolean }) {
  return (
    <div
      className={['result', 'cluster-member', active && 'active', open && 'open']
        .filter(Boolean)
        .join(' ')}
      data-testid="cluster-member"
    >
      <div className="result-main">
        <div className="result-title" dir="auto">
          {row.title}
        </div>
        <div className="result-meta">
          {row.source && <span className="result-source">{row.source}</span>}
          {row.date && <span>{formatDate(row.date)}</span>}
        </div>
      </div>
    </div>
  )
}

/**
 * The results: virtualised (only the visible rows exist in the DOM, so 100k results scroll),
 * keyboard-driven (arrows or j/k move, Enter opens, Space selects, `t` tags, Delete deletes,
 * → shows a cluster's near duplicates under its row and ← hides them).
 */
export const ResultsList = forwardRef<ResultsListHandle, ResultsListProps>(
  function ResultsList(props, ref) {
    const { rows, total, cursor, selected, openKey, onCursor, onOpen, onSelect, onNeedMore } = props
    const scroller = useRef<HTMLDivElement>(null)
    const anchor = useRef<number>(0)
    // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is designed for this use
    const virtualizer = useVirtualizer({
      count: rows.length,
      getScrollElement: () => scroller.current,
      estimateSize: () => 84,
      overscan: 8,
      getItemKey: (i) => rows[i]?.key ?? i,
    })
    useImperativeHandle(ref, () => ({ focus: () => scroller.current?.focus() }), [])

    const items = virtualizer.getVirtualItems()
    const last = items[items.length - 1]
    useEffect(() => {
      if (last && last.index >= rows.length - 20 && rows.length < total) onNeedMore()
    }, [last, rows.length, total, onNeedMore])

    useEffect(() => {
      if (cursor >= 0 && cursor < rows.length) virtualizer.scrollToIndex(cursor, { align: 'auto' })
    }, [cursor, rows.length, virtualizer])

    function move(to: number, extend: boolean) {
      const i = Math.max(0, Math.min(rows.length - 1, to))
      if (extend) {
        const [a, b] = [Math.min(anchor.current, i), Math.max(anchor.current, i)]
        onSelect(new Set(rows.slice(a, b + 1).map((r) => r.key)))
      } else anchor.current = i
      onCursor(i)
    }

    function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
      if (rows.length === 0) return
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / 84))
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
          move(cursor + 1, e.shiftKey)
          break
        case 'ArrowUp':
        case 'k':
          move(cursor - 1, e.shiftKey)
          break
        case 'PageDown':
          move(cursor + page, e.shiftKey)
          break
        case 'PageUp':
          move(cursor - page, e.shiftKey)
          break
        case 'Home':
          move(0, e.shiftKey)
          break
        case 'End':
          move(rows.length - 1, e.shiftKey)
          break
        case 'Enter':
          if (cursor >= 0) onOpen(cursor)
          break
        case 'ArrowRight': {
          const row = rows[cursor]
          if (!row?.cluster || props.expanded?.has(row.key)) return
          props.onToggleCluster?.(row.key)
          break
        }
        case 'ArrowLeft': {
          const row = rows[cursor]
          const owner = row?.memberOf ?? (row && props.expanded?.has(row.key) ? row.key : null)
          if (!owner) return
          props.onToggleCluster?.(owner)
          move(
            rows.findIndex((r) => r.key === owner),
            false,
          )
          break
        }
        case ' ': {
          const row = rows[cursor]
          if (!row) return
          const next = new Set(selected)
          if (next.has(row.key)) next.delete(row.key)
          else next.add(row.key)
          onSelect(next)
          break
        }
        case 'a':
          if (!(e.ctrlKey || e.metaKey)) return
          onSelect(new Set(rows.map((r) => r.key)))
          break
        case 'Escape':
          if (selected.size === 0) return
          onSelect(new Set())
          break
        case 't':
          props.onTag()
          break
        case 'c': {
          if (e.ctrlKey || e.metaKey || e.altKey) return
          const row = rows[cursor]
          if (row?.photoId || row?.kind === 'photo') props.onCopy(row.ref)
          break
        }
        case 'Delete':
        case 'Backspace':
          props.onDelete()
          break
        default:
          return
      }
      e.preventDefault()
    }

    function onClick(e: MouseEvent, index: number) {
      const row = rows[index]
      if (!row) return
      if (e.shiftKey) {
        move(index, true)
      } else if (e.ctrlKey || e.metaKey) {
        const next = new Set(selected)
        if (next.has(row.key)) next.delete(row.key)
        else next.add(row.key)
        onSelect(next)
        anchor.current = index
        onCursor(index)
      } else {
        anchor.current = index
        onCursor(index)
        onOpen(index)
      }
    }

    return (
      <div
        ref={scroller}
        className="results"
        tabIndex={0}
        role="listbox"
        aria-label="Results"
        aria-multiselectable
        aria-activedescendant={rows[cursor] ? `row-${cursor}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index]
            if (!row) return null
            return (
              <div
                key={v.key}
                id={`row-${v.index}`}
                role="option"
                aria-selected={selected.has(row.key)}
                data-index={v.index}
                ref={virtualizer.measureElement}
                className="result-slot"
                style={{ transform: `translateY(${v.start}px)` }}
                onClick={(e) => onClick(e, v.index)}
              >
                <RowView
                  row={row}
                  active={v.index === cursor}
                  selected={selected.has(row.key)}
                  open={row.key === openKey}
                  tagColor={props.tagColor}
                  onTagClick={props.onTagClick}
                  expanded={props.expanded?.has(row.key) ?? false}
                  onToggleCluster={
                    props.onToggleCluster ? () => props.onToggleCluster?.(row.key) : undefined
                  }
                  onCopy={props.onCopy}
                  onOpenArticle={props.onOpenArticle}
                  onCheck={() => {
                    const next = new Set(selected)
                    if (next.has(row.key)) next.delete(row.key)
                    else next.add(row.key)
                    onSelect(next)
                  }}
                />
              </div>
            )
          })}
        </div>
      </div>
    )
  },
)
