/**
 * Tag names. A tag may be a path of segments separated by `/` (`Places/Syria/Raqqa`): the
 * sidebar shows such tags as a tree, `tag:Places/Syria` finds the node and its subtree. Identity
 * is case-insensitive per segment (`places/syria` is `Places/Syria`).
 */

/** The separator users type between the levels of a hierarchical tag. */
export const TAG_SEPARATOR = '/'

/** Tags are labels or short paths: at most this many characters (after normalising). */
export const MAX_TAG_LENGTH = 200

/** Keys of tags seen lately: a rule run or a tag tree asks for the same few tags 100,000 times. */
const keys = new Map<string, string>()
const KEYS_KEPT = 20_000

/** Tag identity: normalised (see `normalizeTag`), case-insensitive. */
export function tagKey(tag: string): string {
  let key = keys.get(tag)
  if (key === undefined) {
    key = normalizeTag(tag).toLocaleLowerCase('und')
    if (keys.size >= KEYS_KEPT) keys.clear()
    keys.set(tag, key)
  }
  return key
}

/**
 * The display form of a tag, case kept: Unicode NFC, whitespace collapsed, and as a path: spaces
 * around `/` removed, doubled separators collapsed, no leading or trailing separator
 * (` Places // Syria /` → `Places/Syria`).
 */
export function normalizeTag(tag: string): string {
  const flat = tag.normalize('NFC').trim().replace(/\s+/g, ' ')
  if (!flat.includes(TAG_SEPARATOR)) return flat
  return tagSegments(flat).join(TAG_SEPARATOR)
}

/** The non-empty segments of a tag path, each trimmed (`A / B//C` → `A`, `B`, `C`). */
export function tagSegments(tag: string): string[] {
  return tag
    .split(TAG_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/**
 * Why a tag name cannot be used, as one sentence for the user, or null when it is fine:
 * empty, only separators, or longer than MAX_TAG_LENGTH characters once normalised.
 */
export function tagProblem(tag: string): string | null {
  if (tag.trim() === '') return 'A tag cannot be empty.'
  const t = normalizeTag(tag)
  if (t === '') return `“${tag.trim()}” is only separators: a tag needs a name.`
  if (t.length > MAX_TAG_LENGTH)
    return `A tag can have at most ${MAX_TAG_LENGTH} characters (this one has ${t.length}).`
  return null
}

/** The key of a tag's parent node (`places/syria` for `places/syria/raqqa`), or null at the top. */
export function parentKey(key: string): string | null {
  const at = key.lastIndexOf(TAG_SEPARATOR)
  return at === -1 ? null : key.slice(0, at)
}

/** Whether tag key `key` is node `nodeKey` or lies below it. */
export function inSubtree(key: string, nodeKey: string): boolean {
  return (
    key === nodeKey ||
    (key.length > nodeKey.length &&
      key.startsWith(nodeKey) &&
      key.charCodeAt(nodeKey.length) === 47) /* '/' */
  )
}

/**
 * A hierarchical keyword as cameras' and DAMs' metadata write it (Lightroom's
 * `lr:hierarchicalSubject` with `|`, Media Pro's catalog sets with `|`) as a tag path.
 */
export function keywordPath(keyword: string, separator = '|'): string {
  return normalizeTag(keyword.split(separator).join(TAG_SEPARATOR))
}
