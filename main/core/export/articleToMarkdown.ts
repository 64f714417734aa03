import { stringify } from 'yaml'
import type { ArchiveItem, Photo } from '../model'

export interface MarkdownFile {
  /** `2017-06-06-kurdish-led-forces-enter-raqa-0123456789abcdef.md`: only `[a-z0-9.-]`. */
  fileName: string
  text: string
}

/** Slugs longer than this are cut (file systems and zip tools dislike long names). */
const MAX_SLUG = 60

/**
 * One item as a Markdown file: YAML front matter (title, source, url, byline, published date,
 * tags, photos with caption, credit, photographer and agency) then the body, one paragraph per
 * block. The file name is the date, a slug of the title and the item id, so names are unique
 * within an archive and safe on every file system. Plain-text lines that Markdown would read
 * as syntax (`# `, `> `, `- `, `1. `) are escaped.
 */
export function articleToMarkdown(item: ArchiveItem): MarkdownFile {
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  const front: Record<string, unknown> = {
    title: item.title,
    id: item.id,
    kind: item.kind,
  }
  if (item.kind === 'article' && item.subtitle) front.subtitle = item.subtitle
  if (item.source) front.source = item.source
  if (item.kind === 'article') {
    if (item.url) front.url = item.url
    if (item.canonicalUrl && item.canonicalUrl !== item.url) front.canonical_url = item.canonicalUrl
    if (item.byline) front.byline = item.byline
    if (item.dateline) front.dateline = item.dateline
  }
  if (item.publishedAt) front.published = item.publishedAt
  front.archived = item.archivedAt
  if (item.language) front.language = item.language
  front.tags = item.tags
  if (photos.length) front.photos = photos.map(photoFrontMatter)
  if (item.notes) front.notes = item.notes

  const blocks: string[] = [`# ${escapeInline(item.title)}`]
  if (item.kind === 'article') {
    if (item.byline) blocks.push(`*${escapeInline(item.byline)}*`)
    blocks.push(...item.body.map(escapeParagraph))
  } else if (item.photo.caption) {
    blocks.push(escapeParagraph(item.photo.caption))
  }
  const yaml = stringify(front, { lineWidth: 0 })
  return { fileName: markdownFileName(item), text: `---\n${yaml}---\n\n${blocks.join('\n\n')}\n` }
}

/** `<date>-<slug>-<id>.md`, date from publication (else archiving), slug ASCII only. */
export function markdownFileName(item: ArchiveItem): string {
  const date = /^\d{4}-\d\d-\d\d/.exec(item.publishedAt ?? '')?.[0] ?? item.archivedAt.slice(0, 10)
  const slug = slugify(item.title) || item.kind
  const id = item.id.replace(/[^a-z0-9-]/gi, '').toLowerCase()
  return `${/^\d{4}-\d\d-\d\d$/.test(date) ? `${date}-` : ''}${slug}-${id}.md`
}

function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (ascii.length <= MAX_SLUG) return ascii
  const cut = ascii.slice(0, MAX_SLUG)
  return cut.slice(0, cut.lastIndexOf('-') > MAX_SLUG / 2 ? cut.lastIndexOf('-') : MAX_SLUG)
}

function photoFrontMatter(photo: Photo): Record<string, unknown> {
  const out: Record<string, unknown> = { caption: photo.caption }
  if (photo.credit) {
    out.credit = photo.credit.raw
    out.photographer = photo.credit.photographer
    out.agency = photo.credit.agency
    if (photo.credit.agencies.length > 1) out.agencies = photo.credit.agencies
  }
  if (photo.src) out.src = photo.src
  if (photo.image) out.image = photo.image.fileName ?? photo.image.sha256
  return out
}

function escapeParagraph(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      escapeInline(line)
        .replace(/^(\s*)([#>]|[-+*](?=\s))/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s)/, '$1\\$2'),
    )
    .join('  \n') // a hard line break keeps the text's own line breaks
}

/** Markdown's inline markers that plain text uses often enough to matter. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<])/g, '\\$1')
}
