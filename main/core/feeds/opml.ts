import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { ImportError } from '../importers/importer'
import type { FeedSubscription } from '../model'

/** One feed of an OPML subscription list. */
export interface OpmlFeed {
  url: string
  title?: string
  siteUrl?: string
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'outline',
  processEntities: true,
  htmlEntities: true,
})

/**
 * The feeds of an OPML file (as feed readers export them): every `<outline>` with an
 * `xmlUrl`, at any depth of folders.
 *
 * @throws ImportError when the text is not XML or not OPML.
 */
export function parseOpml(xml: string, label = 'The file'): OpmlFeed[] {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new ImportError(
      `${label} is not valid OPML: the XML is broken at line ${valid.err.line} (${valid.err.msg.replace(/\.$/, '')}).`,
    )
  }
  const doc = parser.parse(xml) as { opml?: { body?: { outline?: unknown[] } } }
  if (!doc.opml) throw new ImportError(`${label} is XML but not OPML.`)
  const out: OpmlFeed[] = []
  const walk = (nodes: unknown[] | undefined) => {
    for (const n of nodes ?? []) {
      if (typeof n !== 'object' || n === null) continue
      const o = n as Record<string, unknown>
      const url = typeof o['@xmlUrl'] === 'string' ? o['@xmlUrl'].trim() : ''
      if (url) {
        const title = o['@title'] ?? o['@text']
        const site = o['@htmlUrl']
        out.push({
          url,
          ...(typeof title === 'string' && title ? { title } : {}),
          ...(typeof site === 'string' && site ? { siteUrl: site } : {}),
        })
      }
      walk(o.outline as unknown[] | undefined)
    }
  }
  walk(doc.opml.body?.outline)
  return out
}

/** An OPML 2.0 subscription list of the feeds, for any feed reader. */
export function toOpml(feeds: readonly FeedSubscription[], now: Date): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  const lines = feeds.map((f) => {
    const site = f.siteUrl ? ` htmlUrl="${esc(f.siteUrl)}"` : ''
    return `    <outline type="rss" text="${esc(f.title)}" title="${esc(f.title)}" xmlUrl="${esc(f.url)}"${site}/>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>Morgue feeds</title><dateCreated>${now.toUTCString()}</dateCreated></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}
