/**
 * Tag colours: the named palette the app offers, and the one reader of a colour typed by a
 * user (the CLI's `tag-color`), shared by the core, the CLI and the renderer.
 */

/** The palette of the app's colour menu, by name. Each reads as a chip in light and dark. */
export const TAG_PALETTE: readonly { name: string; hex: string }[] = [
  { name: 'red', hex: '#c0392b' },
  { name: 'orange', hex: '#d35400' },
  { name: 'yellow', hex: '#c29d0b' },
  { name: 'green', hex: '#27ae60' },
  { name: 'teal', hex: '#16a085' },
  { name: 'blue', hex: '#2980b9' },
  { name: 'purple', hex: '#8e44ad' },
  { name: 'grey', hex: '#7f8c8d' },
]

/** How a tag colour is stored: `#rrggbb`, lower case. */
export const STORED_TAG_COLOR = /^#[0-9a-f]{6}$/

/**
 * Read a colour as a user types it: a palette name (`red`, `Blue`; `gray` for grey), a CSS hex
 * colour `#rgb` or `#rrggbb` (the `#` may be left out), or `none` to clear. Returns the stored
 * form (`#rrggbb`), `null` for none, or a sentence saying what is wrong.
 */
export function parseTagColor(input: string): { color: string | null } | { problem: string } {
  const v = input.trim().toLowerCase()
  if (v === 'none') return { color: null }
  const named = TAG_PALETTE.find((c) => c.name === (v === 'gray' ? 'grey' : v))
  if (named) return { color: named.hex }
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1]
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
    return { color: `#${full}` }
  }
  return {
    problem: `“${input}” is not a colour: give a hex colour like #c0392b or #c39, one of ${TAG_PALETTE.map((c) => c.name).join(', ')}, or none.`,
  }
}
