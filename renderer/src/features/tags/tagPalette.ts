/**
 * The colours of the tag menu, by name: the same palette as main/core/tagPalette.ts (the CLI's
 * `tag-color red`), kept equal by tests/renderer/tagPalette.test.ts. Each is mixed into the
 * chip's background at 16%, so the text stays readable in the light and the dark theme.
 */
export const TAG_SWATCHES: readonly { name: string; hex: string }[] = [
  { name: 'red', hex: '#c0392b' },
  { name: 'orange', hex: '#d35400' },
  { name: 'yellow', hex: '#c29d0b' },
  { name: 'green', hex: '#27ae60' },
  { name: 'teal', hex: '#16a085' },
  { name: 'blue', hex: '#2980b9' },
  { name: 'purple', hex: '#8e44ad' },
  { name: 'grey', hex: '#7f8c8d' },
]
