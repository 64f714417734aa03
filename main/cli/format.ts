import type { ArchiveStats, Credit, ImportReport, ItemDraft, TagInfo } from '../core/model'
import type { SearchResult } from '../core/search/types'

/** `Delil Souleiman / AFP`, the way a photo desk reads a credit. */
export function formatCredit(credit: Credit | null): string {
  if (!credit) return '(no credit)'
  const parts = [credit.photographer, credit.agencies.join(', ') || credit.agency].filter(Boolean)
  return parts.length ? parts.join(' / ') : credit.raw
}

export function formatReport(report: ImportReport): string {
  const lines = report.outcomes.map((o) => {
    if (o.status === 'failed') return `failed     ${o.source}: ${o.reason ?? 'unknown reason'}`
    if (o.status === 'duplicate')
      return `duplicate  ${o.source} (already archived as ${o.ids.join(', ')})`
    return `imported   ${o.source} → ${o.ids.join(', ')}`
  })
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  lines.push(
    `${plural(report.imported, 'item')} imported, ${plural(report.duplicates, 'duplicate')}, ${report.failed} failed` +
      (report.cancelled ? ' (cancelled)' : ''),
  )
  return lines.join('\n')
}

/** A readable view of an item or a draft (for `show` and `extract`). */
export function formatItem(item: ItemDraft & { id?: string; tags?: string[] }): string {
  const lines: string[] = [item.title]
  const meta: [string, string | undefined][] = [
    ['id', item.id],
    ['source', item.source],
    ['published', item.publishedAt],
    ['language', item.language],
    ['tags', item.tags?.length ? item.tags.join(', ') : undefined],
  ]
  if (item.kind === 'article') {
    meta.splice(1, 0, ['byline', item.byline], ['url', item.canonicalUrl ?? item.url])
    if (item.subtitle) lines.push(item.subtitle)
  }
  for (const [k, v] of meta) if (v) lines.push(`${k}: ${v}`)
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  photos.forEach((p, i) => {
    lines.push(
      '',
      `Photo ${i + 1}: ${p.caption || '(no caption)'}`,
      `  Credit: ${formatCredit(p.credit)}`,
    )
  })
  if (item.kind === 'article') {
    if (item.excerpt) lines.push('', `Excerpt: ${item.excerpt}`)
    lines.push('', ...item.body.flatMap((p) => [p, '']))
  }
  return lines.join('\n').trimEnd()
}

export function formatTags(tags: TagInfo[]): string {
  if (tags.length === 0) return '(no tags)'
  const width = Math.max(...tags.map((t) => String(t.count).length))
  return tags.map((t) => `${String(t.count).padStart(width)}  ${t.name}`).join('\n')
}

export function formatSearch(result: SearchResult): string {
  const lines: string[] = []
  if (result.error) lines.push(`Query problem at ${result.error.start}: ${result.error.message}`)
  for (const hit of result.hits) {
    const date = hit.publishedAt ? hit.publishedAt.slice(0, 10) + '  ' : ''
    if (hit.kind === 'photo') {
      lines.push(`${hit.ref}  ${date}photo: ${hit.caption.slice(0, 100)}`)
      lines.push(`    ${formatCredit(hit.credit)} — in “${hit.title}”`)
    } else {
      lines.push(`${hit.id}  ${date}${hit.title}`)
      const body = hit.snippets.find((s) => s.field !== 'title')
      if (body) lines.push(`    ${body.text}`)
    }
  }
  lines.push(`${result.total} hit${result.total === 1 ? '' : 's'} (${result.tookMs.toFixed(1)} ms)`)
  return lines.join('\n')
}

export function formatStats(stats: ArchiveStats, dir: string): string {
  const mb = (stats.bytesOnDisk / 1024 / 1024).toFixed(1)
  return [
    `archive:   ${dir}`,
    `articles:  ${stats.articles}`,
    `photos:    ${stats.photos} (${stats.standalonePhotos} standalone)`,
    `tags:      ${stats.tags}`,
    `files:     ${stats.blobs} stored files`,
    `on disk:   ${mb} MB`,
  ].join('\n')
}
