import type { ItemSummary } from '../model'
import { normalizeTag, parentKey, tagKey, TAG_SEPARATOR } from '../tags'

/** One node of the tag tree: `Places`, `Places/Syria`, `Places/Syria/Raqqa`… */
export interface TagNode {
  /** This level's name as shown (`Raqqa`). */
  name: string
  /** The whole path as shown (`Places/Syria/Raqqa`): what `tag:` and the tag calls take. */
  path: string
  /** Tag identity of the path (see `tagKey`). */
  key: string
  /**
   * Items carrying this tag or one below it (on themselves or a photo), each item once however
   * many of the node's tags it carries.
   */
  count: number
  /** Items carrying exactly this tag; 0 for a node that exists only through its children. */
  own: number
  /** CSS colour set for this tag, e.g. `#c0392b`. */
  color?: string
  /** Sorted by name. */
  children: TagNode[]
}

/**
 * Build the tag tree of an archive from its summaries: every tag is a path (`/`), every prefix
 * of a path a node; counts roll up, counting each item once per node. Display forms: the first
 * spelling seen of each node. Cost: one pass over the summaries (~30 ms at 100k items).
 */
export function buildTagTree(
  summaries: Iterable<ItemSummary>,
  colors: Readonly<Record<string, string>> = {},
): TagNode[] {
  const nodes = new Map<string, TagNode>()
  const roots: TagNode[] = []
  /** The node of a key, made with its ancestors when first seen. */
  const nodeOf = (key: string, display: string): TagNode => {
    let node = nodes.get(key)
    if (node) return node
    const at = display.lastIndexOf(TAG_SEPARATOR)
    node = {
      name: at === -1 ? display : display.slice(at + 1),
      path: display,
      key,
      count: 0,
      own: 0,
      children: [],
    }
    if (colors[key]) node.color = colors[key]
    nodes.set(key, node)
    const up = parentKey(key)
    if (up === null || at === -1) roots.push(node)
    else nodeOf(up, display.slice(0, at)).children.push(node)
    return node
  }
  const counted = new Set<TagNode>()
  const own = new Set<TagNode>()
  for (const s of summaries) {
    if (s.tags.length === 0 && !s.photoTags?.length) continue
    counted.clear()
    own.clear()
    for (const list of [s.tags, s.photoTags ?? []])
      for (const tag of list) {
        const display = normalizeTag(tag)
        if (display === '') continue
        let node: TagNode | undefined = nodeOf(tagKey(display), display)
        own.add(node)
        for (; node && !counted.has(node); node = parentOf(node)) counted.add(node)
      }
    for (const node of counted) node.count++
    for (const node of own) node.own++
  }
  function parentOf(node: TagNode): TagNode | undefined {
    const up = parentKey(node.key)
    return up === null ? undefined : nodes.get(up)
  }
  const sort = (list: TagNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
    for (const n of list) sort(n.children)
  }
  sort(roots)
  return roots
}

/** The node with this path (by identity), if the tree has it. */
export function findTagNode(tree: readonly TagNode[], path: string): TagNode | undefined {
  const key = tagKey(path)
  let level = tree
  let prefix = ''
  for (const segment of key.split(TAG_SEPARATOR)) {
    prefix = prefix ? `${prefix}${TAG_SEPARATOR}${segment}` : segment
    const next = level.find((n) => n.key === prefix)
    if (!next) return undefined
    if (next.key === key) return next
    level = next.children
  }
  return undefined
}
