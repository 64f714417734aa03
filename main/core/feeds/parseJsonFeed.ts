import { ImportError } from '../importers/importer'
import type { Feed, FeedEntry } from '../importers/feed/parseFeed'

type Json = Record<string, unknown>
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined)
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined

/**
 * Read a JSON Feed (https://jsonfeed.org, versions 1 and 1.1) into the same shape as RSS and
 * Atom: title, home page, and per item its URL, title, author, date, tags, HTML (else text)
 * and image/attachments as media.
 *
 * @throws ImportError when the text is not JSON or not a JSON Feed.
 */
export function parseJsonFeed(text: string, label = 'The feed'): Feed {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new ImportError(`${label} is not valid JSON.`)
  }
  const root = obj(doc)
  if (!root || !/^https:\/\/jsonfeed\.org\/version\//.test(str(root.version) ?? '')) {
    throw new ImportError(`${label} is JSON but not a JSON Feed.`)
  }
  const items = Array.isArray(root.items) ? root.items : []
  return {
    kind: 'json',
    title: str(root.title),
    link: str(root.home_page_url),
    language: str(root.language),
    entries: items
      .map(obj)
      .filter((i): i is Json => !!i)
      .map(entryOf),
  }
}

function entryOf(item: Json): FeedEntry {
  const authors = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : []
  const author = authors
    .map((a) => str(obj(a)?.name))
    .filter(Boolean)
    .join(', ')
  const html =
    str(item.content_html) ??
    (str(item.content_text) ? textAsHtml(str(item.content_text)!) : undefined)
  const media = [str(item.image), str(item.banner_image)]
    .filter((u): u is string => !!u)
    .map((url) => ({ url }))
  for (const a of Array.isArray(item.attachments) ? item.attachments : []) {
    const att = obj(a)
    const url = str(att?.url)
    if (url && /^image\//.test(str(att?.mime_type) ?? '')) media.push({ url })
  }
  return {
    title: str(item.title),
    link: str(item.url) ?? str(item.external_url) ?? (isUrl(item.id) ? String(item.id) : undefined),
    author: author || undefined,
    date: str(item.date_published) ?? str(item.date_modified),
    categories: (Array.isArray(item.tags) ? item.tags : []).filter(
      (t): t is string => typeof t === 'string',
    ),
    html,
    summary: str(item.summary),
    media,
    language: str(item.language),
  }
}

function isUrl(v: unknown): boolean {
  return typeof v === 'string' && /^https?:\/\//.test(v)
}

function textAsHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p.trim())}</p>`)
    .join('')
}
