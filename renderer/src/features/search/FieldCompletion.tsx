import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { CompletionField, FieldCompletion } from '../../../../main/core/search/types'
import { archive, unwrap } from '../../api'
import { filterTerm } from '../../ui/format'

/** Field names the box completes, with the aliases the query language accepts for them. */
const FIELD_OF: Record<string, CompletionField> = {
  tag: 'tag',
  tags: 'tag',
  photographer: 'photographer',
  photo: 'photographer',
  by: 'photographer',
  agency: 'agency',
  agence: 'agency',
  source: 'source',
}

/** The `field:value` being typed at the caret, if any. */
function fieldAt(
  query: string,
  caret: number,
): { field: CompletionField; prefix: string; start: number; end: number } | null {
  const before = query.slice(0, caret)
  const m = /(?:^|[\s(])-?([A-Za-z]+):("[^"]*|[^\s"]*)$/.exec(before)
  if (!m) return null
  const field = FIELD_OF[m[1].toLowerCase()]
  if (!field) return null
  // Where the term starts (its `-` included), after the space or parenthesis before it.
  const start = m.index + (/^[\s(]/.test(m[0]) ? 1 : 0)
  // The value runs on to the next space (or closing quote) after the caret.
  const rest = query.slice(caret)
  const tail = m[2].startsWith('"') ? /^[^"]*"?/.exec(rest)![0] : /^\S*/.exec(rest)![0]
  return { field, prefix: m[2].replace(/^"/, ''), start, end: caret + tail.length }
}

export interface CompletionState {
  open: boolean
  items: FieldCompletion[]
  active: number
  activeId: string | undefined
  field: CompletionField | null
  pick: (i: number) => void
  setActive: (i: number) => void
  update: (query: string, caret: number) => void
  close: () => void
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => boolean
}

/**
 * Completion of field values in the search box: values from the index with their item
 * counts; ↑/↓ move, Enter or Tab take one, Escape closes.
 */
export function useFieldCompletion(query: string, onQuery: (q: string) => void): CompletionState {
  const [target, setTarget] = useState<ReturnType<typeof fieldAt>>(null)
  const [items, setItems] = useState<FieldCompletion[]>([])
  const [active, setActive] = useState(0)
  const request = useRef(0)

  useEffect(() => {
    if (!target) return
    const id = ++request.current
    const timer = setTimeout(() => {
      unwrap(archive.completeField(target.field, target.prefix)).then(
        (found) => {
          if (id !== request.current) return
          setItems(found)
          setActive(0)
        },
        () => undefined,
      )
    }, 60)
    return () => clearTimeout(timer)
  }, [target])

  const close = useCallback(() => {
    request.current++
    setTarget(null)
    setItems([])
  }, [])

  const pick = useCallback(
    (i: number) => {
      const item = items[i]
      if (!item || !target) return
      const negated = query[target.start] === '-' ? '-' : ''
      const term = negated + filterTerm(target.field, item.value)
      const after = query.slice(target.end).replace(/^\s*/, '')
      onQuery(`${query.slice(0, target.start)}${term} ${after}`.replace(/\s+$/, ' '))
      close()
    },
    [items, target, query, onQuery, close],
  )

  const open = target !== null && items.length > 0
  return {
    open,
    items,
    active,
    activeId: open ? `field-completion-${active}` : undefined,
    field: target?.field ?? null,
    pick,
    setActive,
    update: (q, caret) => setTarget(fieldAt(q, caret)),
    close,
    onKeyDown: (e) => {
      if (!open) return false
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        const step = e.key === 'ArrowDown' ? 1 : -1
        setActive((a) => (a + step + items.length) % items.length)
        return true
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault()
        pick(active)
        return true
      }
      if (e.key === 'Escape') {
        e.preventDefault()
        close()
        return true
      }
      return false
    },
  }
}

/** The dropdown under the search box. */
export function FieldCompletions({ state }: { state: CompletionState }) {
  if (!state.open) return null
  return (
    <ul className="popover field-completions" id="field-completions" role="listbox">
      {state.items.map((item, i) => (
        <li
          key={item.value}
          id={`field-completion-${i}`}
          role="option"
          aria-selected={i === state.active}
          className={i === state.active ? 'completion active' : 'completion'}
          // mousedown, not click: the input's blur would close the list first.
          onMouseDown={(e) => {
            e.preventDefault()
            state.pick(i)
          }}
          onMouseEnter={() => state.setActive(i)}
        >
          <span className="facet-name" dir="auto">
            {item.value}
          </span>
          <span className="count">{item.count.toLocaleString()}</span>
        </li>
      ))}
    </ul>
  )
}
