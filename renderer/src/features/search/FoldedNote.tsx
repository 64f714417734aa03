import { plural } from '../../ui/format'

/** Says how many hits are folded into their cluster's row, so the count above stays honest. */
export function FoldedNote({ hidden }: { hidden: number }) {
  if (hidden <= 0) return null
  return (
    <span
      className="muted small"
      data-testid="folded-count"
      title="Near duplicates of a row above; ▸ on a row lists them"
    >
      · {plural(hidden, 'near duplicate')} folded into rows
    </span>
  )
}
