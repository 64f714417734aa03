import type {
  ArchiveStats,
  Credit,
  FeedRefreshOutcome,
  FeedSubscription,
  ImportReport,
  ItemDraft,
  MissingImagesReport,
  TagInfo,
  VersionDiff,
  VersionInfo,
} from '../core/model'
import type { SearchResult } from '../core/search/types'
import { similarLabel } from '../core/similar/label'

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
    const missing = (o.missingImages ?? []).map((m) => `  missing image ${m.url}: ${m.reason}`)
    const line = o.version
      ? `new version ${o.version} of ${o.ids.join(', ')}  ${o.source}`
      : `imported   ${o.source} → ${o.ids.join(', ')}`
    return [line, ...missing].join('\n')
  })
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  lines.push(
    `${plural(report.imported, 'item')} imported, ${plural(report.duplicates, 'duplicate')}, ${report.failed} failed` +
      (report.cancelled ? ' (cancelled)' : ''),
  )
  return lines.join('\n')
}

/** `fetch-missing`: per item, what was kept and what is still missing and why. */
export function formatMissingImages(report: MissingImagesReport): string {
  if (report.items === 0) return 'No item lacks images.'
  const lines: string[] = []
  for (const o of report.outcomes) {
    lines.push(`${o.id}  ${o.title}: ${o.fetched} fetched, ${o.missing.length} still missing`)
    for (const m of o.missing) lines.push(`  missing image ${m.url}: ${m.reason}`)
  }
  lines.push(
    `${report.fetched} image${report.fetched === 1 ? '' : 's'} fetched for ${report.items} item${report.items === 1 ? '' : 's'}, ${report.missing} still missing`,
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
  return tags
    .map((t) => `${String(t.count).padStart(width)}  ${t.name}${t.color ? `  ${t.color}` : ''}`)
    .join('\n')
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
      if (hit.cluster) lines.push(`    ${similarLabel(hit.cluster)}: morgue similar ${hit.id}`)
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

export function formatVersions(versions: VersionInfo[]): string {
  return versions
    .map(
      (v) =>
        `${String(v.index).padStart(3)}  ${v.capturedAt.slice(0, 16).replace('T', ' ')}  ${v.title}` +
        `  ${v.words} words${v.current ? '  (shown)' : ''}`,
    )
    .join('\n')
}

/** A word diff as `git diff --word-diff` prints it: `[-removed-]` and `{+added+}`. */
export function formatDiff(diff: VersionDiff): string {
  const head = `version ${diff.from.index} → ${diff.to.index}: ${diff.added} words added, ${diff.removed} removed`
  const body = diff.parts
    .map((p) =>
      p.change === 'same' ? p.text : p.change === 'added' ? `{+${p.text}+}` : `[-${p.text}-]`,
    )
    .join('')
  return `${head}\n\n${body}`
}

export function formatRefresh(o: FeedRefreshOutcome): string {
  if (o.status === 'failed') return `failed: ${o.reason ?? 'unknown reason'}`
  if (o.status === 'skipped') return `waiting after errors (${o.reason ?? 'failed before'})`
  if (o.status === 'unchanged') return 'unchanged'
  return `${o.archived} article${o.archived === 1 ? '' : 's'} archived`
}

export function formatFeeds(feeds: FeedSubscription[]): string {
  if (feeds.length === 0) return 'No feeds: subscribe to one with morgue subscribe URL.'
  return feeds
    .map((f) => {
      const state = f.error
        ? `  error: ${f.error}`
        : f.okAt
          ? `  checked ${f.okAt.slice(0, 16).replace('T', ' ')}`
          : '  never checked'
      return `${f.id}  ${f.title}  ${f.unread.length} unread, ${f.items.length} archived${state}\n    ${f.url}`
    })
    .join('\n')
}
