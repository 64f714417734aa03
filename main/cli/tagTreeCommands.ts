import type { Archive } from '../core/archiveApi'
import type { TagNode } from '../core/tagTree/tagTree'

/**
 * `morgue tag --query QUERY TAG…` / `morgue untag --query QUERY TAG…`: every result row of the
 * query (articles and photos), in batches, each durable and searchable; prints the count.
 */
export async function bulkTagCommand(
  archive: Archive,
  command: 'tag' | 'untag',
  query: string,
  tags: string[],
  json: boolean,
  out: (s: string) => void,
  progress: (s: string) => void,
): Promise<number> {
  const result = await archive.bulkTag(
    { query, ...(command === 'tag' ? { add: tags } : { remove: tags }) },
    { onProgress: (p) => p.total > 0 && progress(`${p.done} of ${p.total} items`) },
  )
  if (json) {
    out(JSON.stringify(result, null, 2))
    return 0
  }
  const entries = command === 'tag' ? result.change.added : result.change.removed
  const holders = entries.reduce((n, e) => n + e.refs.length, 0)
  const rows = `${result.targets.toLocaleString('en')} result${result.targets === 1 ? '' : 's'}`
  const names = tags.map((t) => `“${t}”`).join(', ')
  out(
    command === 'tag'
      ? `Tagged ${rows} of “${query}” with ${names}: ${holders.toLocaleString('en')} added, ${result.items.toLocaleString('en')} items changed.`
      : `Removed ${names} from ${rows} of “${query}”: ${holders.toLocaleString('en')} removed, ${result.items.toLocaleString('en')} items changed.`,
  )
  return 0
}

/** The tag tree as indented lines: name, rolled-up count, and the tag's own count if different. */
export function formatTagTree(nodes: readonly TagNode[], depth = 0): string {
  if (depth === 0 && nodes.length === 0) return '(no tags)'
  return nodes
    .map((n) => {
      const own = n.own !== n.count ? ` (${n.own} tagged ${n.path} itself)` : ''
      const line = `${'  '.repeat(depth)}${n.name}  ${n.count}${own}`
      return n.children.length ? `${line}\n${formatTagTree(n.children, depth + 1)}` : line
    })
    .join('\n')
}
