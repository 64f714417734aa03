import { parse as parseYaml } from 'yaml'
import { looksLikeCreditLine, parseCredit, splitCaptionCredit } from '../credits'
import type { ArticleDraft, Credit, Photo } from '../model'
import { dropTrailers } from './boilerplate'
import { decodeText } from './decodeText'
import { ImportError, type ImportInput, type Importer } from './importer'

const MARKDOWN_TYPES = new Set(['text/markdown', 'text/x-markdown'])
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn'])

/**
 * Imports Markdown articles (`.md`, `.markdown`, `text/markdown`): YAML front matter (title,
 * subtitle, source, url, byline/author, date/published, language, tags, notes), then the body as
 * plain-text paragraphs (emphasis, link and code syntax removed, link text kept). Images become
 * photos: `![caption](src "credit")`, or an image followed by an italic caption line. The title
 * comes from the front matter, else the first `# ` heading, else the first line.
 *
 * Throws `ImportError` for empty, binary or oversized files and for front matter that is not
 * valid YAML.
 */
export const markdownImporter: Importer = {
  name: 'markdown',
  accepts(input) {
    const type = input.contentType?.split(';')[0].trim().toLowerCase()
    if (type && MARKDOWN_TYPES.has(type)) return true
    const name = input.source.split(/[\\/]/).pop() ?? ''
    const dot = name.lastIndexOf('.')
    return dot > 0 && MARKDOWN_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())
  },
  async import(input: ImportInput) {
    return [parseMarkdownArticle(decodeText(input.bytes, input.source), input.source)]
  },
}

/** Equal once case, punctuation and spacing are set aside. */
function sameText(a: string, b: string): boolean {
  const norm = (t: string) =>
    t
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\p{P}\p{S}]+/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
  return norm(a) === norm(b)
}

/** The front-matter fields we read, after checking their types. */
interface FrontMatter {
  title?: string
  subtitle?: string
  source?: string
  url?: string
  byline?: string
  publishedAt?: string
  language?: string
  tags?: string[]
  notes?: string
}

/** Turn decoded Markdown into an article draft (origin kind `markdown`). Pure. */
export function parseMarkdownArticle(text: string, source: string): ArticleDraft {
  const { meta, body: markdown } = splitFrontMatter(text, source)
  const blocks = readBlocks(markdown)

  let title = meta.title
  if (title) {
    // Front matter and a first heading often both carry the title: it is not body text.
    const first = blocks.findIndex((b) => b.kind !== 'image')
    const block = blocks[first]
    if (block?.kind === 'heading' && sameText(block.text, title)) blocks.splice(first, 1)
  } else {
    // The top heading (`# `, else the highest level present), else the first paragraph.
    const levels = blocks.map((b) => (b.kind === 'heading' ? b.level : 99))
    const top = Math.min(...levels, 99)
    const first = top < 99 ? levels.indexOf(top) : blocks.findIndex((b) => b.kind !== 'image')
    if (first >= 0) {
      // Like plain text: the first line is the title, the rest of its paragraph stays body.
      const block = blocks[first]
      const lines = block.kind === 'paragraph' ? block.lines : [block.text]
      title = lines[0]
      const rest = lines.slice(1).join(block.kind === 'paragraph' && block.list ? '\n' : ' ')
      if (rest.trim() && block.kind === 'paragraph') blocks[first] = { ...block, text: rest.trim() }
      else blocks.splice(first, 1)
    }
  }

  const { body, photos } = collectPhotos(blocks)
  const draft: ArticleDraft = {
    kind: 'article',
    title: title ?? '',
    body: dropTrailers(body),
    photos,
    origin: { kind: 'markdown', path: source },
  }
  const { title: _title, tags, ...rest } = meta
  Object.assign(draft, rest)
  if (tags && tags.length > 0) draft.tags = tags
  return draft
}

/** Separate `---` YAML front matter from the Markdown body. */
function splitFrontMatter(text: string, source: string): { meta: FrontMatter; body: string } {
  const match = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text)
  if (!match) return { meta: {}, body: text }
  let data: unknown
  try {
    data = parseYaml(match[1])
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err)
    throw new ImportError(`${source} has front matter that is not valid YAML (${why}).`)
  }
  const body = text.slice(match[0].length)
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { meta: {}, body }
  return { meta: readFrontMatter(data as Record<string, unknown>), body }
}

function readFrontMatter(data: Record<string, unknown>): FrontMatter {
  const meta: FrontMatter = {}
  const text = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = asText(data[key])
      if (value) return value
    }
    return undefined
  }
  meta.title = text('title', 'headline')
  meta.subtitle = text('subtitle', 'subheadline', 'description')
  meta.source = text('source', 'publication', 'outlet')
  meta.url = text('url', 'link', 'canonical_url')
  meta.byline = text('byline', 'author', 'authors')
  meta.language = text('language', 'lang')
  meta.notes = text('notes', 'note')
  const date = data.date ?? data.published ?? data.publishedAt ?? data.published_at
  meta.publishedAt = date instanceof Date ? date.toISOString() : asText(date)
  const tags = data.tags ?? data.keywords
  if (Array.isArray(tags)) meta.tags = tags.map(asText).filter((t): t is string => !!t)
  else if (typeof tags === 'string')
    meta.tags = tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
  for (const key of Object.keys(meta) as (keyof FrontMatter)[]) {
    if (meta[key] === undefined) delete meta[key]
  }
  return meta
}

/** A string, a number, a list of names or an object with a `name`, as one line of text. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((v): v is string => !!v)
    return parts.length > 0 ? parts.join(', ') : undefined
  }
  if (value && typeof value === 'object' && 'name' in value) return asText(value.name)
  return undefined
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string; italic: boolean; lines: string[]; list: boolean }
  | { kind: 'image'; text: string; src: string; title?: string }

const IMAGE =
  /!\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+["'(]((?:[^"')\\]|\\.)*)["')])?\s*\)/g

/** Read the Markdown body into headings, paragraphs (plain text) and images. */
function readBlocks(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n')
  let paragraph: string[] = []
  let list = false

  const flush = () => {
    const raw = paragraph.join(list ? '\n' : ' ').trim()
    const rawLines = paragraph.map((l) => stripInline(l.replace(IMAGE, ''))).filter((l) => l !== '')
    const wasList = list
    paragraph = []
    list = false
    if (!raw) return
    for (const image of raw.matchAll(IMAGE)) {
      blocks.push({ kind: 'image', text: stripInline(image[1]), src: image[2], title: image[3] })
    }
    // A linked image `[![alt](src)](href)` leaves an empty link behind.
    const rest = raw
      .replace(IMAGE, '')
      .replace(/\[\s*\]\([^)]*\)/g, '')
      .trim()
    if (!rest) return
    const italic = /^(\*|_)(?!\1)[\s\S]+[^\\]\1$/.test(rest) && !/^(\*\*|__)/.test(rest)
    const text = rest
      .split('\n')
      .map(stripInline)
      .filter((l) => l !== '')
      .join('\n')
    if (text) blocks.push({ kind: 'paragraph', text, italic, lines: rawLines, list: wasList })
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const fence = /^\s*(```+|~~~+)/.exec(line)
    if (fence) {
      flush()
      const code: string[] = []
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence[1]); i++) code.push(lines[i])
      const text = code.join('\n')
      if (text.trim())
        blocks.push({ kind: 'paragraph', text, italic: false, lines: code, list: true })
      continue
    }
    const trimmed = line.trim()
    if (trimmed === '') {
      flush()
      continue
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(trimmed)
    if (heading) {
      flush()
      const text = stripInline(heading[2])
      if (text) blocks.push({ kind: 'heading', level: heading[1].length, text })
      continue
    }
    // Setext headings: a line underlined with === or ---.
    if (paragraph.length === 1 && /^(=+|-+)$/.test(trimmed) && !list) {
      const text = stripInline(paragraph[0])
      paragraph = []
      if (text) blocks.push({ kind: 'heading', level: trimmed.startsWith('=') ? 1 : 2, text })
      continue
    }
    if (/^(?:[-*_]\s*){3,}$/.test(trimmed)) {
      flush() // thematic break
      continue
    }
    if (/^\[[^\]]+\]:\s*\S+/.test(trimmed)) continue // link reference definition
    const quoted = trimmed.replace(/^(?:>\s?)+/, '')
    const item = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(quoted)
    if (item) {
      if (paragraph.length > 0 && !list) flush()
      list = true
      paragraph.push(`- ${item[1]}`)
      continue
    }
    if (list && !/^\s/.test(line)) flush()
    paragraph.push(quoted)
  }
  flush()
  return blocks
}

/** Inline Markdown to plain text: emphasis, code, links (text kept), HTML tags, escapes. */
export function stripInline(text: string): string {
  // Escaped characters (`\*literal\*`) are parked in the private-use area so no rule sees them.
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, (_m, c: string) =>
      String.fromCharCode(0xe000 + c.charCodeAt(0)),
    )
    .replace(IMAGE, (_m, alt: string) => alt)
    .replace(/\[((?:[^\]\\]|\\.)*)\]\([^)]*\)/g, '$1')
    .replace(/\[((?:[^\]\\]|\\.)+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .trim()
}

/**
 * Images become photos. The caption is the italic line right after the image if there is one,
 * else the alt text; the credit is the image title (`"credit"`), else a credit at the end of the
 * caption, else a credit-only line right after.
 */
function collectPhotos(blocks: readonly Block[]): { body: string[]; photos: Photo[] } {
  const body: string[] = []
  const photos: Photo[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]
    if (block.kind !== 'image') {
      body.push(block.text)
      continue
    }
    let caption = block.text
    let credit: Credit | null = block.title ? parseCredit(block.title) : null
    const next = blocks[i + 1]
    if (next?.kind === 'paragraph' && next.italic) {
      caption = next.text
      i++
    }
    const split = splitCaptionCredit(caption)
    if (split.credit) {
      caption = split.caption
      credit ??= split.credit
    }
    const after = blocks[i + 1]
    if (!credit && after?.kind === 'paragraph' && looksLikeCreditLine(after.text)) {
      credit = parseCredit(after.text)
      i++
    }
    const photo: Photo = { id: `p${photos.length}`, caption, credit }
    if (block.src) photo.src = block.src
    photos.push(photo)
  }
  return { body, photos }
}
