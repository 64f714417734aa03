import type { EmbeddedMetadata } from './readEmbeddedMetadata'

/** Titles longer than this are cut at a word boundary (a caption can run to 2,000 characters). */
const MAX_TITLE = 160

/**
 * The title of a photo item: the headline, else an object name that reads as words, else the
 * caption's first sentence, else the file name (so a bare image is still findable by name).
 * Object names such as `drp2091169d` or `01661gdx` are archive codes, not titles: a name with
 * no space and a digit is skipped.
 */
export function photoTitle(meta: EmbeddedMetadata, caption: string, fileName: string): string {
  const objectName =
    meta.objectName && !(/\d/.test(meta.objectName) && !/\s/.test(meta.objectName))
      ? meta.objectName
      : undefined
  const title = meta.headline ?? objectName ?? firstSentence(caption) ?? fileName
  return shorten(title.replace(/\s+/g, ' ').trim(), MAX_TITLE)
}

/** The text up to the first full stop followed by a capital letter or a quote, or all of it. */
export function firstSentence(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim()
  if (!t) return undefined
  const m = /^.+?[.!?](?=\s+["“'‘(\p{Lu}])/u.exec(t)
  return m ? m[0] : t
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}
