import { useEffect, useState } from 'react'
import type { CreditStyleName, CreditStyleSetting } from '../../../../main/core/model'
import { archive } from '../../api'
import { Dialog } from '../../ui/Dialog'

const STYLES: [CreditStyleName, string][] = [
  ['ap', 'AP — (AP Photo/Name)'],
  ['reuters', 'Reuters — REUTERS/Name'],
  ['afp', 'AFP — Name / AFP'],
  ['guardian', 'Guardian — Photograph: Name/AFP/Getty Images'],
  ['german', 'German — Foto: Name/dpa'],
  ['plain', 'Plain — Name / Agency'],
  ['template', 'My template'],
]

/** What the preview formats: a wire photo distributed by Getty Images. */
const SAMPLE = {
  caption: 'Fighters walk through the old city',
  credit: {
    raw: 'Delil Souleiman/AFP via Getty Images',
    photographer: 'Delil Souleiman',
    agency: 'AFP',
    agencies: ['AFP'],
    agencyIds: ['afp'],
    via: ['Getty Images'],
  },
  date: '2017-06-06',
}

/** Settings ▸ Credit style: the house style of "Copy with credit" and the CSV credit line. */
export function CreditStyleDialog({
  current,
  onSave,
  onClose,
}: {
  current: CreditStyleSetting
  onSave: (setting: CreditStyleSetting) => void
  onClose: () => void
}) {
  const [style, setStyle] = useState<CreditStyleName>(current.style)
  const [template, setTemplate] = useState(current.template)
  // Main writes the preview with the same code as the clipboard, and says what is wrong.
  const [preview, setPreview] = useState<{ text: string; problem: string | null }>({
    text: '',
    problem: null,
  })
  useEffect(() => {
    let live = true
    void archive.formatCreditLine(SAMPLE, { style, template }).then((r) => {
      if (live)
        setPreview(r.ok ? { text: r.value, problem: null } : { text: '', problem: r.reason })
    })
    return () => {
      live = false
    }
  }, [style, template])
  const problem = preview.problem
  const setting = { style, template }
  return (
    <Dialog title="Credit style" onClose={onClose} label="Credit style">
      <form
        className="credit-style-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (problem) return
          onSave(setting)
        }}
      >
        <label>
          House style for “Copy with credit” and the photo CSV
          <select
            value={style}
            onChange={(e) => setStyle(e.target.value as CreditStyleName)}
            aria-label="House style"
          >
            {STYLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {style === 'template' && (
          <label>
            Template
            <input
              type="text"
              value={template}
              onChange={(e) => setTemplate(e.target.value)}
              aria-invalid={!!problem}
              aria-label="Template"
            />
            <span className="muted small">
              Fields: {'{caption} {photographer} {agency} {via} {for} {date}'}; a part in [square
              brackets] is left out when a field in it is empty.
            </span>
          </label>
        )}
        {problem ? (
          <p className="error small" role="alert">
            {problem}
          </p>
        ) : (
          <p className="credit-preview" data-testid="credit-style-preview">
            {preview.text}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!!problem}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  )
}
