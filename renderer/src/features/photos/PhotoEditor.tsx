import { useState, type FormEvent } from 'react'
import type { Photo, PhotoPatch, PhotoRecord } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'

const split = (text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * Correct a photo's caption and credit. Only the fields changed are sent, so each correction
 * names what the person set; it wins over any later re-parse or re-import.
 */
export function PhotoEditor({
  photoRef,
  photo,
  onSaved,
  onCancel,
  onFailure,
}: {
  photoRef: string
  photo: Photo
  onSaved: (record: PhotoRecord) => void
  onCancel: () => void
  onFailure: (message: string) => void
}) {
  const c = photo.credit
  const initial = {
    caption: photo.caption,
    photographers: (c?.photographer ?? '').split('; ').filter(Boolean).join('; '),
    agency: c?.agency ?? '',
    via: (c?.via ?? []).join('; '),
    for: c?.for ?? '',
  }
  const [form, setForm] = useState(initial)
  const [busy, setBusy] = useState(false)
  const field = (name: keyof typeof initial) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  })

  async function submit(e: FormEvent) {
    e.preventDefault()
    const patch: PhotoPatch = {}
    if (form.caption !== initial.caption) patch.caption = form.caption
    if (form.photographers !== initial.photographers)
      patch.photographers = split(form.photographers)
    if (form.agency !== initial.agency) patch.agency = form.agency.trim() || null
    if (form.via !== initial.via) patch.via = split(form.via)
    if (form.for !== initial.for) patch.for = form.for.trim() || null
    if (Object.keys(patch).length === 0) return onCancel()
    setBusy(true)
    try {
      onSaved(await unwrap(archive.editPhoto(photoRef, patch)))
    } catch (err) {
      onFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="photo-editor"
      data-testid="photo-editor"
      aria-label="Correct caption and credit"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <label>
        Caption
        <textarea rows={3} dir="auto" {...field('caption')} />
      </label>
      <label>
        Photographer(s) <span className="muted small">separate with ;</span>
        <input type="text" autoFocus {...field('photographers')} />
      </label>
      <label>
        Agency
        <input type="text" {...field('agency')} />
      </label>
      <label>
        Via <span className="muted small">distributor, e.g. Getty Images</span>
        <input type="text" {...field('via')} />
      </label>
      <label>
        For <span className="muted small">the client it was made for</span>
        <input type="text" {...field('for')} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save correction
        </button>
      </div>
    </form>
  )
}
