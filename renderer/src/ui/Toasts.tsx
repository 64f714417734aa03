import { useCallback, useEffect, useRef, useState } from 'react'

export interface Toast {
  id: number
  message: string
  tone?: 'info' | 'error'
  /** A button such as Undo; the toast closes when it is pressed. */
  action?: { label: string; run: () => void }
}

/** Toast state: `show` returns nothing; toasts leave by themselves after a while. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), [])
  const show = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = next.current++
    setToasts((t) => [...t.slice(-3), { ...toast, id }])
  }, [])
  return { toasts, show, dismiss }
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    // Undo stays longer: people need time to notice they deleted the wrong thing.
    const ms = toast.action ? 10_000 : toast.tone === 'error' ? 8000 : 4000
    const timer = setTimeout(() => onDismiss(toast.id), ms)
    return () => clearTimeout(timer)
  }, [toast, onDismiss])
  return (
    <div className={`toast toast-${toast.tone ?? 'info'}`} role="status">
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action?.run()
            onDismiss(toast.id)
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => onDismiss(toast.id)}
      >
        ✕
      </button>
    </div>
  )
}

export function ToastStack({
  toasts,
  onDismiss,
}: {
  toasts: Toast[]
  onDismiss: (id: number) => void
}) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} onDismiss={onDismiss} />
      ))}
    </div>
  )
}
