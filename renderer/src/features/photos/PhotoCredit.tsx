import type { Photo } from '../../../../main/core/model'
import { formatCredit } from '../../ui/format'

/**
 * A photo's credit as the desk reads it (`Delil Souleiman / AFP via Getty Images`), marked
 * "edited" after a correction, with the credit as printed still shown beside it.
 */
export function PhotoCredit({ photo }: { photo: Photo }) {
  const c = photo.credit
  const base = formatCredit(c)
  const via = c?.via?.length ? ` via ${c.via.join(', ')}` : ''
  const client = c?.for ? ` for ${c.for}` : ''
  const text = base || via || client ? `${base}${via}${client}`.trim() : ''
  const printed = photo.edited?.original.credit?.raw
  return (
    <span className="photo-credit">
      {text && (
        <span className="credit" title={c?.raw} data-testid="reader-credit">
          {text}
        </span>
      )}
      {photo.edited && (
        <span
          className="edited-badge"
          data-testid="edited-badge"
          title={`Corrected by hand ${new Date(photo.edited.at).toLocaleString()}`}
        >
          edited
        </span>
      )}
      {photo.edited && (
        <span className="muted small printed-credit" data-testid="printed-credit">
          {printed ? `Printed: ${printed}` : 'No credit was printed'}
        </span>
      )}
    </span>
  )
}
