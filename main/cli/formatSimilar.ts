import type { SimilarResult } from '../core/similar/types'

/** `morgue similar ID`: one line per near duplicate, most similar first. */
export function formatSimilar(result: SimilarResult): string {
  if (result.items.length === 0) return `${result.id} has no near duplicates in the archive.`
  const lines = result.items.map((m) => {
    const date = m.publishedAt ? `${m.publishedAt.slice(0, 10)}  ` : ''
    const source = m.source ? `  (${m.source})` : ''
    return `${m.id}  ${Math.round(m.similarity * 100)}%  ${date}${m.title}${source}`
  })
  const n = result.items.length
  lines.push(`${n} near duplicate${n === 1 ? '' : 's'} of ${result.id} (cluster ${result.cluster})`)
  return lines.join('\n')
}
