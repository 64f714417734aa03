import { decodeXml } from '../importers/feed/feedImporter'
import { parseFeed, type Feed } from '../importers/feed/parseFeed'
import { decodeHtml } from '../importers/html/decodeHtml'
import { fetchLimited, type FetchLimits } from '../importers/html/fetchLimited'
import { ImportError, type ImportContext } from '../importers/importer'
import { parseJsonFeed } from './parseJsonFeed'

type FetchFn = NonNullable<ImportContext['fetch']>

/** What the server said about a feed: its entries, or that nothing changed since last time. */
export type FeedAnswer =
  | { status: 'unchanged' }
  | { status: 'ok'; feed: Feed; url: string; etag?: string; lastModified?: string }

export interface Validators {
  etag?: string
  lastModified?: string
}

const LIMITS: FetchLimits = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 }

/** The server answered 304: thrown through fetchLimited, which passes ImportErrors on. */
class NotModified extends ImportError {}

/**
 * Fetch a feed by its address, whatever the server calls it: RSS 0.9x/2.0, RSS 1.0 (RDF) and
 * Atom as `application/xml`, `text/xml`, `application/rss+xml`, `application/atom+xml` (or
 * anything else whose bytes are a feed), JSON Feed as `application/feed+json` or JSON, and a
 * web page that names its feed in `<link rel="alternate">` (followed once). Sends the last
 * answer's ETag / Last-Modified so an unchanged feed costs a 304.
 *
 * @throws ImportError with one sentence: not http(s), network failure, HTTP error, too large,
 *   not a feed (and no feed linked from the page).
 */
export async function fetchFeed(
  url: string,
  fetchFn: FetchFn,
  validators: Validators = {},
  signal?: AbortSignal,
  limits: FetchLimits = LIMITS,
): Promise<FeedAnswer> {
  for (let hop = 0; ; hop++) {
    let last: Response | undefined
    const conditional: FetchFn = async (u, init) => {
      const headers: Record<string, string> = {
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1',
      }
      if (hop === 0 && validators.etag) headers['if-none-match'] = validators.etag
      if (hop === 0 && validators.lastModified)
        headers['if-modified-since'] = validators.lastModified
      // The context's fetch type names only `signal`; the real fetch takes the headers too.
      const res = await fetchFn(u, { ...init, headers } as typeof init)
      last = res
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined)
        throw new NotModified('not modified')
      }
      return res
    }
    let fetched
    try {
      fetched = await fetchLimited(conditional, url, limits, signal)
    } catch (err) {
      if (err instanceof NotModified) return { status: 'unchanged' }
      throw err
    }
    const type = fetched.contentType?.split(';')[0].trim().toLowerCase() ?? ''
    const text = decodeXml(fetched.bytes).replace(/^\uFEFF/, '')
    const feed = readFeed(text, type, fetched.finalUrl)
    const etag = last?.headers.get('etag') ?? undefined
    const lastModified = last?.headers.get('last-modified') ?? undefined
    if (feed) return { status: 'ok', feed, url: fetched.finalUrl, etag, lastModified }
    const linked =
      hop === 0 ? feedLinkOf(fetched.bytes, fetched.finalUrl, fetched.contentType) : null
    if (!linked) {
      throw new ImportError(
        `${fetched.finalUrl} is not a feed${/html/.test(type) || /^\s*</.test(text) ? ' and links to none' : ''}.`,
      )
    }
    url = linked
  }
}

/** The feed in a body, or null when it is a web page (or something else) instead. */
function readFeed(text: string, type: string, url: string): Feed | null {
  const start = text.trimStart().slice(0, 512)
  if (type.includes('json') || start.startsWith('{')) {
    if (!start.startsWith('{')) throw new ImportError(`${url} is not a feed (it is not JSON).`)
    return parseJsonFeed(text, url)
  }
  if (/<(rss|feed|rdf:RDF)[\s>]/.test(text.slice(0, 4096))) return parseFeed(text, url)
  return null
}

/** `<link rel="alternate" type="application/rss+xml" href="…">` of a web page, absolute. */
function feedLinkOf(bytes: Uint8Array, url: string, contentType?: string): string | null {
  const { html } = decodeHtml(bytes, url, contentType)
  const links = html.match(/<link\b[^>]*>/gi) ?? []
  for (const tag of links) {
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
    const value = (name: string) => {
      const m = attr(name)
      return m ? (m[2] ?? m[3] ?? m[4] ?? '') : ''
    }
    if (!/\balternate\b/i.test(value('rel'))) continue
    if (!/(rss|atom|feed\+json|rdf)/i.test(value('type'))) continue
    const href = value('href')
    if (!href) continue
    try {
      return new URL(href.replace(/&amp;/g, '&'), url).href
    } catch {
      continue
    }
  }
  return null
}
