import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { startFeedScheduler } from '../../main/core/feeds/feedScheduler'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'

/** A small news site on 127.0.0.1: article pages, its feeds in every format, a broken feed. */
interface Story {
  slug: string
  title: string
  paragraphs: string[]
  date: string
}

const para = (topic: string, n: number) =>
  `${topic}: the full article text, paragraph ${n}, which the feed itself never carries in full.`

let stories: Story[]
let requests: { path: string; ifNoneMatch?: string }[]
let server: Server
let base: string
let dir: string
let cleanup: () => Promise<void>
let archive: Archive

function articlePage(s: Story): string {
  return `<!doctype html><html><head><title>${s.title}</title></head><body><article>
<h1>${s.title}</h1>${s.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
}

function rss(): string {
  const items = [...stories].reverse().map(
    (s) => `<item><title>${s.title}</title><link>${base}/news/${s.slug}</link>
<description>Short summary of ${s.title}.</description><pubDate>${s.date}</pubDate></item>`,
  )
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<link>${base}/</link>${items.join('')}</channel></rss>`
}

function etagOf(body: string): string {
  let h = 0
  for (const c of body) h = (h * 31 + c.charCodeAt(0)) | 0
  return `"${h.toString(16)}"`
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/'
  requests.push({ path, ifNoneMatch: req.headers['if-none-match'] as string | undefined })
  const send = (type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'content-type': type, ...headers })
    res.end(body)
  }
  if (path === '/feed.xml') {
    const body = rss()
    const etag = etagOf(body)
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304)
      res.end()
      return
    }
    return send('application/xml', body, { etag })
  }
  if (path === '/') {
    return send(
      'text/html',
      `<html><head><link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml"></head><body>Home</body></html>`,
    )
  }
  if (path === '/atom') {
    return send(
      'text/xml',
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>${stories[0].title}</title><link href="${base}/news/${stories[0].slug}"/><updated>2026-11-30T10:00:00Z</updated><summary>s</summary></entry></feed>`,
    )
  }
  if (path === '/rdf') {
    return send(
      'application/rdf+xml',
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="${base}/"><title>RDF Wire</title><link>${base}/</link></channel>
<item rdf:about="${base}/news/${stories[0].slug}"><title>${stories[0].title}</title><link>${base}/news/${stories[0].slug}</link></item></rdf:RDF>`,
    )
  }
  if (path === '/feed.json') {
    return send(
      'application/feed+json',
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON Times',
        home_page_url: `${base}/`,
        items: [
          {
            id: '1',
            url: `${base}/news/gone`,
            title: 'Only in the feed',
            content_text: 'Text carried by the feed alone.\n\nA second paragraph of it.',
          },
        ],
      }),
    )
  }
  if (path === '/broken') {
    res.writeHead(500)
    res.end('oops')
    return
  }
  const story = stories.find((s) => path === `/news/${s.slug}`)
  if (story) return send('text/html; charset=utf-8', articlePage(story))
  res.writeHead(404)
  res.end('not found')
}

beforeEach(async () => {
  stories = [
    {
      slug: 'port-strike',
      title: 'Dockers strike at the port',
      paragraphs: [1, 2, 3].map((n) => para('Port strike', n)),
      date: 'Mon, 30 Nov 2026 08:00:00 GMT',
    },
    {
      slug: 'ferry-delay',
      title: 'Ferries delayed by the storm',
      paragraphs: [1, 2, 3].map((n) => para('Ferry delay', n)),
      date: 'Mon, 30 Nov 2026 09:00:00 GMT',
    },
  ]
  requests = []
  server = createServer(handle)
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
})
afterEach(async () => {
  await archive.close()
  await new Promise((ok) => server.close(ok))
  await cleanup()
})

describe('feed subscriptions', () => {
  it('subscribes through the page that links its feed and archives each entry as the full article', async () => {
    const { feed, refresh } = await archive.subscribe(`${base}/`)
    expect(feed).toMatchObject({ url: `${base}/feed.xml`, title: 'Harbour Gazette' })
    expect(refresh).toMatchObject({ status: 'updated', archived: 2 })
    expect(feed.unread).toHaveLength(2)
    const items = await Promise.all(feed.items.map((id) => archive.get(id)))
    expect(items.map((i) => i?.title)).toEqual([
      'Dockers strike at the port',
      'Ferries delayed by the storm',
    ])
    // The page's text, not the feed's one-line summary.
    expect(items[0]?.kind === 'article' && items[0].body).toEqual(stories[0].paragraphs)
    expect(archive.list({ feed: feed.id }).total).toBe(2)
  })

  it('asks again with the ETag, archives only what is new, and counts unread items', async () => {
    const { feed } = await archive.subscribe(`${base}/feed.xml`)
    requests = []
    const [unchanged] = await archive.refreshFeeds(feed.id)
    expect(unchanged).toMatchObject({ status: 'unchanged', archived: 0 })
    expect(requests[0].ifNoneMatch).toMatch(/^"/)

    stories.push({
      slug: 'new-crane',
      title: 'A new crane for the container terminal',
      paragraphs: [para('Crane', 1), para('Crane', 2)],
      date: 'Tue, 01 Dec 2026 08:00:00 GMT',
    })
    const [updated] = await archive.refreshFeeds('Harbour Gazette')
    expect(updated).toMatchObject({ status: 'updated', archived: 1 })
    const after = archive.feeds()[0]
    expect(after.unread).toHaveLength(3)
    await archive.markRead(after.unread.slice(0, 2))
    expect(archive.feeds()[0].unread).toHaveLength(1)
  })

  it('re-captures an entry the feed says changed: the story gets a new version', async () => {
    const { feed } = await archive.subscribe(`${base}/feed.xml`)
    const storyId = feed.items[0]
    stories[0] = {
      ...stories[0],
      title: 'Dockers strike at the port for a second day',
      paragraphs: [...stories[0].paragraphs, para('Port strike', 4)],
      date: 'Tue, 01 Dec 2026 07:00:00 GMT',
    }
    const [r] = await archive.refreshFeeds(feed.id)
    expect(r.archived).toBe(1)
    expect((await archive.versions(storyId)).map((v) => v.title)).toEqual([
      'Dockers strike at the port',
      'Dockers strike at the port for a second day',
    ])
    expect(archive.list().total).toBe(2)
  })

  it('reads Atom, RSS 1.0 and JSON Feed whatever the content type; a feed-only entry keeps the feed text', async () => {
    expect((await archive.subscribe(`${base}/atom`)).feed.title).toBe('Atom Desk')
    expect((await archive.subscribe(`${base}/rdf`)).feed.title).toBe('RDF Wire')
    const json = await archive.subscribe(`${base}/feed.json`)
    expect(json.feed.title).toBe('JSON Times')
    // Its page answers 404: the entry is archived from the feed's own text.
    const item = await archive.get(json.feed.items[0])
    expect(item).toMatchObject({ title: 'Only in the feed' })
    expect(item?.kind === 'article' && item.body).toEqual([
      'Text carried by the feed alone.',
      'A second paragraph of it.',
    ])
  })

  it('shows a failing feed’s error and backs off; a forced refresh still tries', async () => {
    await expect(archive.subscribe(`${base}/broken`)).rejects.toThrow('HTTP 500')
    await expect(archive.subscribe(`${base}/news/port-strike`)).rejects.toThrow('is not a feed')
    await expect(archive.subscribe('ftp://example.org/feed')).rejects.toThrow('not an http')

    const { feed } = await archive.subscribe(`${base}/feed.xml`)
    server.removeAllListeners('request')
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(503)
      res.end()
    })
    const [failed] = await archive.refreshFeeds(feed.id)
    expect(failed).toMatchObject({ status: 'failed', reason: expect.stringContaining('HTTP 503') })
    const state = archive.feeds()[0]
    expect(state.failures).toBe(1)
    expect(state.error).toContain('503')
    expect(Date.parse(state.retryAt!)).toBeGreaterThan(Date.now())
    // Refreshing all skips the failing feed until its retry time.
    expect((await archive.refreshFeeds())[0]).toMatchObject({ status: 'skipped' })
    expect((await archive.refreshFeeds(feed.id))[0].status).toBe('failed')
    expect(archive.feeds()[0].failures).toBe(2)
  })

  it('imports and exports OPML', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head/><body>
<outline text="News"><outline text="Harbour" xmlUrl="${base}/feed.xml" htmlUrl="${base}/"/>
<outline text="Atom Desk" type="rss" xmlUrl="${base}/atom"/></outline>
<outline text="Not a feed"/></body></opml>`
    expect(await archive.importOpml(opml)).toEqual({ added: 2, existing: 0 })
    expect(await archive.importOpml(opml)).toEqual({ added: 0, existing: 2 })
    const out = archive.exportOpml()
    expect(out).toContain(`xmlUrl="${base}/feed.xml"`)
    expect(out).toContain('text="Atom Desk"')
    await expect(archive.importOpml('<html><body>no</body></html>')).rejects.toThrow('not OPML')
  })

  it('refreshes on the user’s schedule only when one is set, and only the feeds that are due', async () => {
    await archive.importOpml(
      `<opml version="2.0"><body><outline text="Harbour" xmlUrl="${base}/feed.xml"/></body></opml>`,
    )
    expect(await archive.refreshFeeds(undefined, { dueOnly: true })).toEqual([])
    const stop = startFeedScheduler(archive, { tickMs: 20 })
    try {
      await new Promise((r) => setTimeout(r, 100))
      expect(archive.feeds()[0].checkedAt).toBeUndefined()
      await archive.setFeedRefreshMinutes(60)
      await expect.poll(() => archive.feeds()[0].items.length, { timeout: 5000 }).toBe(2)
    } finally {
      stop()
    }
    // Just checked: not due again for an hour.
    expect(await archive.refreshFeeds(undefined, { dueOnly: true })).toEqual([])
    await expect(archive.setFeedRefreshMinutes(-5)).rejects.toThrow('whole number of minutes')
  })

  it('is driven from the command line', async () => {
    await archive.close()
    const at = ['--archive', join(dir, 'archive')]
    const sub = await cli(['subscribe', `${base}/`, ...at])
    expect(sub.code).toBe(0)
    expect(sub.stdout).toContain('Subscribed to Harbour Gazette')
    expect(sub.stdout).toContain('2 articles archived')
    const list = JSON.parse((await cli(['feeds', '--json', ...at])).stdout) as {
      title: string
      unread: number
    }[]
    expect(list).toEqual([expect.objectContaining({ title: 'Harbour Gazette', unread: 2 })])
    const text = await cli(['feeds', ...at])
    expect(text.stdout).toMatch(/Harbour Gazette\s+2 unread/)
    const refresh = await cli(['refresh', ...at])
    expect(refresh.stdout).toContain('Harbour Gazette: unchanged')
    const opml = await cli(['feeds', '--opml', ...at])
    expect(opml.stdout).toContain('<opml version="2.0">')
    const un = await cli(['unsubscribe', 'Harbour Gazette', ...at])
    expect(un.code).toBe(0)
    expect((await cli(['unsubscribe', 'Harbour Gazette', ...at])).stderr).toContain('No feed')
    archive = await openArchive(join(dir, 'archive'))
  })
})
