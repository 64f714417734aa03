import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { decodeXmlEntities } from '../image/metadataText'
import { ImportError } from '../importer'

/** A media object attached to an item (media:content, media:thumbnail, enclosure). */
export interface FeedMedia {
  url: string
  /** media:description, else media:title (plain text). */
  caption?: string
  /** media:credit (the first photographer-like one). */
  credit?: string
  /** True for media:thumbnail without a full-size media:content. */
  thumbnailOnly?: boolean
}

/** One RSS item or Atom entry, fields as written in the feed (text, not yet cleaned). */
export interface FeedEntry {
  title?: string
  link?: string
  author?: string
  /** Date as written (RFC 822 in RSS, RFC 3339 in Atom). */
  date?: string
  categories: string[]
  /** The fullest body available: content:encoded / Atom content, else summary / description. */
  html?: string
  /** The short text when a fuller body exists too (description / summary). */
  summary?: string
  media: FeedMedia[]
  language?: string
}

export interface Feed {
  kind: 'rss' | 'atom' | 'rdf' | 'json'
  title?: string
  link?: string
  language?: string
  entries: FeedEntry[]
}

// Elements that may repeat: always read as arrays so one item and many look the same.
const REPEATED = new Set([
  'item', 'entry', 'category', 'link', 'author', 'dc:creator', 'dc:subject', 'enclosure',
  'media:content', 'media:thumbnail', 'media:credit', 'media:group', 'media:category',
]) // prettier-ignore

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
  // Atom content may be inline XHTML: keep it raw rather than parsed into XML nodes.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
})

type Node = Record<string, unknown>

/**
 * Parse an RSS 2.0 (or 0.9x/1.0 RDF) or Atom feed. Namespace prefixes are the conventional ones
 * (`content:`, `dc:`, `media:`), which is what feeds use in practice.
 *
 * @throws ImportError when the text is not well-formed XML (with line and column) or is XML
 *   but neither RSS nor Atom.
 */
export function parseFeed(xml: string, label = 'The file'): Feed {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true })
  if (valid !== true) {
    const { line, col, msg } = valid.err
    throw new ImportError(
      `${label} is not a valid RSS or Atom feed: the XML is broken at line ${line}, column ${col} (${msg.replace(/\.$/, '')}).`,
    )
  }
  const doc = parser.parse(xml) as Node
  if (isNode(doc.rss)) return readRss(doc.rss, 'rss')
  if (isNode(doc['rdf:RDF'])) return readRss(doc['rdf:RDF'], 'rdf')
  if (isNode(doc.feed)) return readAtom(doc.feed)
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing'
  throw new ImportError(
    `${label} is XML but not a feed: its root element is <${root}>, not <rss> or <feed>.`,
  )
}

function readRss(root: Node, kind: 'rss' | 'rdf'): Feed {
  const channel = (isNode(root.channel) ? root.channel : root) as Node
  // RSS 1.0 (RDF) puts items beside the channel, RSS 2.0 inside it.
  const items = nodes(channel.item).length ? nodes(channel.item) : nodes(root.item)
  const language = text(channel.language) ?? text(channel['dc:language'])
  return {
    kind,
    title: text(channel.title),
    link: nodes(channel.link).map(text).find(Boolean),
    language,
    entries: items.map((item) => {
      const description = text(item.description)
      const encoded = text(item['content:encoded'])
      return {
        title: text(item.title),
        link: nodes(item.link).map(text).find(Boolean) ?? guidLink(item.guid),
        author: nodes(item['dc:creator']).map(text).find(Boolean) ?? text(item.author),
        date: text(item.pubDate) ?? text(item['dc:date']),
        categories: [...nodes(item.category), ...nodes(item['dc:subject'])]
          .map(text)
          .filter((c): c is string => !!c),
        html: encoded ?? description,
        summary: encoded ? description : undefined,
        media: mediaOf(item),
        language,
      }
    }),
  }
}

function readAtom(feed: Node): Feed {
  const language = text(feed['@xml:lang'])
  return {
    kind: 'atom',
    title: text(feed.title),
    link: atomLink(feed.link),
    language,
    entries: nodes(feed.entry).map((entry) => {
      const content = atomText(entry.content)
      const summary = atomText(entry.summary)
      return {
        title: text(entry.title),
        link: atomLink(entry.link),
        author:
          nodes(entry.author)
            .map((a) => text(a.name))
            .filter(Boolean)
            .join(', ') || undefined,
        date: text(entry.published) ?? text(entry.updated),
        categories: nodes(entry.category)
          .map((c) => text(c['@label']) ?? text(c['@term']))
          .filter((c): c is string => !!c),
        html: content ?? summary,
        summary: content ? summary : undefined,
        media: mediaOf(entry),
        language: text(entry['@xml:lang']) ?? language,
      }
    }),
  }
}

function mediaOf(item: Node): FeedMedia[] {
  const out: FeedMedia[] = []
  const seen = new Set<string>()
  const add = (m: FeedMedia | undefined) => {
    if (m && !seen.has(m.url)) {
      seen.add(m.url)
      out.push(m)
    }
  }
  const holders = [item, ...nodes(item['media:group'])]
  for (const holder of holders) {
    for (const c of nodes(holder['media:content'])) {
      if (!isImageMedia(c)) continue
      add(mediaNode(c, holder))
    }
  }
  for (const e of nodes(item.enclosure)) {
    const url = text(e['@url'])
    if (url && /^image\//i.test(text(e['@type']) ?? '')) add({ url })
  }
  if (!out.length) {
    for (const holder of holders) {
      const thumb = nodes(holder['media:thumbnail'])[0]
      const url = thumb && text(thumb['@url'])
      if (url) add({ ...mediaNode(thumb, holder), url, thumbnailOnly: true })
    }
  }
  return out
}

/** A media:content with its own description/credit, falling back to its group's or item's. */
function mediaNode(node: Node, holder: Node): FeedMedia | undefined {
  const url = text(node['@url'])
  if (!url) return undefined
  const caption =
    text(node['media:description']) ??
    text(holder['media:description']) ??
    text(node['media:title']) ??
    text(holder['media:title'])
  const credits = [...nodes(node['media:credit']), ...nodes(holder['media:credit'])]
  const credit =
    credits.find((c) => /photo|author|creator/i.test(text(c['@role']) ?? '')) ?? credits[0]
  const creditText = credit ? text(credit) : undefined
  return {
    url,
    ...(caption ? { caption } : {}),
    ...(creditText ? { credit: creditText } : {}),
  }
}

function isImageMedia(c: Node): boolean {
  const medium = text(c['@medium'])
  const type = text(c['@type'])
  if (medium) return medium === 'image'
  if (type) return /^image\//i.test(type)
  return /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(text(c['@url']) ?? '')
}

/**
 * An Atom text construct kept raw (stop node): `xhtml` is markup already; `html` and `text` are
 * escaped, so decode entities outside CDATA sections and keep CDATA as written.
 */
function atomText(v: unknown): string | undefined {
  const raw = text(v)
  if (!raw) return undefined
  if (isNode(v) && text(v['@type']) === 'xhtml') return raw
  return (
    raw
      .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
      .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part)))
      .join('')
      .trim() || undefined
  )
}

function guidLink(guid: unknown): string | undefined {
  const value = text(guid)
  const permalink = isNode(guid) ? text(guid['@isPermaLink']) !== 'false' : true
  return value && permalink && /^https?:\/\//.test(value) ? value : undefined
}

function atomLink(links: unknown): string | undefined {
  const all = nodes(links)
  const alternate =
    all.find((l) => (text(l['@rel']) ?? 'alternate') === 'alternate' && text(l['@href'])) ?? all[0]
  return alternate ? text(alternate['@href']) : undefined
}

/** Text of an element: a string, or its `#text` when it has attributes. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return text(v[0])
  if (isNode(v)) return text(v['#text'])
  return undefined
}

function nodes(v: unknown): Node[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]
  return list.map((x) => (isNode(x) ? x : { '#text': x }))
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
