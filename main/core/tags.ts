/** Tag identity: trimmed, inner whitespace collapsed, Unicode NFC, case-insensitive. */
export function tagKey(tag: string): string {
  return normalizeTag(tag).toLocaleLowerCase('und')
}

/** The display form of a tag: trimmed, inner whitespace collapsed, NFC; case kept. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ')
}

/** Tags are short labels: at most this many characters. */
export const MAX_TAG_LENGTH = 64
