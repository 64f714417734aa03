import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the native <dialog> element: focus is trapped by the browser, Escape
 * closes it, and focus returns to where it was.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide,
  label,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  wide?: boolean
  label?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    dialog.showModal()
    // showModal focuses the first button (Close); a dialog with a field starts in the field.
    dialog.querySelector<HTMLElement>('.dialog-body input, .dialog-body textarea')?.focus()
    return () => {
      dialog.close()
      previous?.focus?.()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={label ?? title}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}

/** A one-field dialog (rename, merge, save search): Enter submits, Escape cancels. */
export function PromptDialog({
  title,
  label,
  initial = '',
  submitLabel,
  suggestions,
  onSubmit,
  onClose,
}: {
  title: string
  label: string
  initial?: string
  submitLabel: string
  suggestions?: string[]
  onSubmit: (value: string) => void
  onClose: () => void
}) {
  const listId = `prompt-${title.replace(/\W+/g, '-')}`
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const value = String(new FormData(e.currentTarget).get('value') ?? '').trim()
          if (value) onSubmit(value)
        }}
      >
        <label className="field">
          <span>{label}</span>
          <input
            name="value"
            defaultValue={initial}
            autoFocus
            list={suggestions ? listId : undefined}
            autoComplete="off"
          />
        </label>
        {suggestions && (
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
