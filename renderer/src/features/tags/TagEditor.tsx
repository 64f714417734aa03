import { useId, useState, type KeyboardEvent } from 'react'

/**
 * Tags edited in place: chips with ✕, and an input that suggests existing tags as you type
 * (↑/↓ to choose, Enter or comma to add, Backspace on empty removes the last).
 */
export function TagEditor({
  tags,
  known,
  onAdd,
  onRemove,
  tagColor,
  tagNote,
  autoFocus,
  placeholder = 'Add tag…',
  label = 'Add tag',
}: {
  tags: string[]
  known: string[]
  onAdd: (tag: string) => void
  onRemove?: (tag: string) => void
  tagColor?: (tag: string) => string | undefined
  /** Where a tag came from, e.g. "added by rule: agency:afp raqqa" (a tooltip and a mark). */
  tagNote?: (tag: string) => string | undefined
  autoFocus?: boolean
  placeholder?: string
  /** The input's accessible name. */
  label?: string
}) {
  const [text, setText] = useState('')
  const [pick, setPick] = useState(0)
  const listId = useId()
  const have = new Set(tags.map((t) => t.toLowerCase()))
  const q = text.trim().toLowerCase()
  const suggestions = q
    ? known.filter((k) => k.toLowerCase().includes(q) && !have.has(k.toLowerCase())).slice(0, 8)
    : []

  function commit(value: string) {
    const v = value.trim()
    if (!v) return
    onAdd(v)
    setText('')
    setPick(0)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    e.stopPropagation()
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault()
      commit(pick > 0 ? (suggestions[pick - 1] ?? text) : text)
    } else if (e.key === 'Tab' && suggestions.length > 0) {
      e.preventDefault()
      setText(suggestions[Math.max(0, pick - 1)] ?? text)
    } else if (e.key === 'ArrowDown') {
      e.preventDefault()
      setPick((p) => Math.min(suggestions.length, p + 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setPick((p) => Math.max(0, p - 1))
    } else if (e.key === 'Backspace' && text === '' && tags.length > 0 && onRemove) {
      onRemove(tags[tags.length - 1])
    }
  }

  return (
    <div className="tag-editor">
      {tags.map((t) => {
        const note = tagNote?.(t)
        return (
          <span
            key={t}
            className={note ? 'tag-chip tag-chip-rule' : 'tag-chip'}
            style={{ '--tag': tagColor?.(t) } as React.CSSProperties}
            dir="auto"
            title={note}
          >
            {t}
            {note && (
              <span className="tag-rule-mark" role="img" aria-label={note}>
                ⚙
              </span>
            )}
            {onRemove && (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove tag ${t}`}
                onClick={() => onRemove(t)}
              >
                ✕
              </button>
            )}
          </span>
        )
      })}
      <div className="tag-input-wrap">
        <input
          className="tag-input"
          aria-label={label}
          placeholder={placeholder}
          value={text}
          autoFocus={autoFocus}
          autoComplete="off"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          onChange={(e) => {
            setText(e.target.value)
            setPick(0)
          }}
          onKeyDown={onKeyDown}
        />
        {suggestions.length > 0 && (
          <ul className="popover suggestions" id={listId} role="listbox">
            {suggestions.map((s, i) => (
              <li
                key={s}
                role="option"
                aria-selected={i + 1 === pick}
                className={i + 1 === pick ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault()
                  commit(s)
                }}
              >
                {s}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
