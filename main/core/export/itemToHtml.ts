import type { ArchiveItem, BlobRef, Photo } from '../model'
import { textDirection } from '../textDirection'

/** Image types every browser shows inline; others (HEIC, TIFF) are exported as their thumbnail. */
const INLINE_MIME = /^image\/(?:jpeg|png|gif|webp|avif)$/

export interface ItemHtmlOptions {
  /** The bytes of an archived blob; an unreadable one leaves its photo without a picture. */
  readBlob(sha256: string): Promise<Uint8Array>
}

/**
 * One item as one self-contained HTML file (as SingleFile makes them): title, subtitle, byline,
 * outlet, date, the body's paragraphs and every photo with its caption and parsed credit, the
 * images inlined as `data:` URIs. No script and nothing to load: a Content-Security-Policy that
 * allows only inline images and styles says so to the browser that opens it.
 */
export async function itemToHtml(item: ArchiveItem, options: ItemHtmlOptions): Promise<string> {
  const photos = item.kind === 'article' ? item.photos : [item.photo]
  const figures = await Promise.all(photos.map((p) => figureHtml(p, options)))
  const meta: string[] = []
  if (item.kind === 'article' && item.byline)
    meta.push(`<span class="byline">${esc(item.byline)}</span>`)
  if (item.source) meta.push(`<span class="source">${esc(item.source)}</span>`)
  if (item.publishedAt) {
    meta.push(
      `<time datetime="${esc(item.publishedAt)}">${esc(displayDate(item.publishedAt))}</time>`,
    )
  }
  const header = [
    `<h1>${esc(item.title)}</h1>`,
    item.kind === 'article' && item.subtitle ? `<p class="subtitle">${esc(item.subtitle)}</p>` : '',
    meta.length ? `<p class="meta">${meta.join(' · ')}</p>` : '',
  ].join('')
  const body = item.kind === 'article' ? item.body.map((p) => `<p>${esc(p)}</p>`).join('\n') : ''
  // The lead photo under the headline, the others after the text, as a reader lays them out.
  const [lead, ...rest] = figures
  const url = item.kind === 'article' ? (item.canonicalUrl ?? item.url) : undefined
  const footer = [
    url ? `Source: <a href="${esc(url)}">${esc(url)}</a>` : '',
    `Archived ${esc(displayDate(item.archivedAt))} by Morgue.`,
    item.tags.length ? `Tags: ${item.tags.map(esc).join(', ')}` : '',
  ]
    .filter(Boolean)
    .map((line) => `<p>${line}</p>`)
    .join('')
  const lang = item.language ? ` lang="${esc(item.language)}"` : ''
  const text = item.kind === 'article' ? `${item.title} ${item.body.join(' ')}` : item.title
  const dir = textDirection(text, item.language) === 'rtl' ? ' dir="rtl"' : ''
  return `<!doctype html>
<html${lang}${dir}><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="Morgue">
<title>${esc(item.title)}</title>
<style>${STYLE}</style>
</head><body><article>
<header>${header}</header>
${lead ?? ''}
${body}
${rest.join('\n')}
<footer>${footer}</footer>
</article></body></html>
`
}

async function figureHtml(photo: Photo, options: ItemHtmlOptions): Promise<string> {
  const shown = pickImage(photo)
  let img = '<p class="no-image">Image not archived.</p>'
  if (shown) {
    try {
      const bytes = await options.readBlob(shown.sha256)
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
      img = `<img src="data:${esc(shown.mime)};base64,${data}" alt="${esc(photo.caption)}">`
    } catch {
      // A blob that is gone leaves the caption and the note.
    }
  }
  const credit = photo.credit
  const who = credit
    ? [credit.photographer, credit.agencies.length ? credit.agencies.join(', ') : credit.agency]
        .filter(Boolean)
        .join(' / ')
    : ''
  const creditHtml = credit
    ? `<span class="credit" title="${esc(credit.raw)}">${esc(who || credit.raw)}</span>`
    : ''
  const caption = photo.caption ? `<span class="caption">${esc(photo.caption)}</span>` : ''
  const figcaption =
    caption || creditHtml ? `<figcaption>${caption} ${creditHtml}</figcaption>` : ''
  return `<figure>${img}${figcaption}</figure>`
}

function pickImage(photo: Photo): BlobRef | undefined {
  if (photo.image && INLINE_MIME.test(photo.image.mime)) return photo.image
  return photo.thumbnail ?? undefined
}

function displayDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

const STYLE = `
body { margin: 0; background: #fff; color: #1d1d1f; font: 18px/1.6 Georgia, serif; }
article { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
.subtitle { font-size: 1.2rem; color: #444; margin: 0 0 .5rem; }
.meta, footer, figcaption { font: 14px/1.4 system-ui, sans-serif; color: #555; }
figure { margin: 1.5rem 0; }
figure img { display: block; max-width: 100%; height: auto; }
.credit { color: #777; text-transform: uppercase; letter-spacing: .02em; font-size: 12px; }
.no-image { font: italic 14px system-ui, sans-serif; color: #777; }
footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; }
@media (prefers-color-scheme: dark) {
  body { background: #161618; color: #e8e8ea; }
  .subtitle, .meta, footer, figcaption { color: #aaa; }
}
`
