import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import iconv from 'iconv-lite'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../model'
import { ImportError } from './importer'
import { importUrl } from './url'
import { memoryImportContext } from './testing/memoryImportContext'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A small PNG made here, so the test needs no image file. */
function makePng(): Uint8Array {
  const png = new PNG({ width: 8, height: 6 })
  png.data.fill(200)
  return new Uint8Array(PNG.sync.write(png))
}

const PNG_BYTES = makePng()
const PNG_SHA = createHash('sha256').update(PNG_BYTES).digest('hex')
const BODY = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: the council met late into the night to discuss the flood defences ` +
    `along the river, and residents queued outside the hall to be heard.</p>`,
).join('')

function article(extra = '', head = '<meta charset="utf-8">'): string {
  return (
    `<!doctype html><html lang="en"><head>${head}<title>Council meets on floods</title>` +
    '<link rel="canonical" href="https://news.example/council-floods"></head><body><article>' +
    `<h1>Council meets on floods</h1>${extra}${BODY}</article></body></html>`
  )
}

const FIGURE =
  '<figure><img src="/img/hall.png" alt=""><figcaption>Residents outside the town hall.' +
  ' <span class="credit">Jane Smith/Reuters</span></figcaption></figure>' +
  '<figure><img src="/img/missing.png" alt=""><figcaption>A second photo. (AP Photo/Evan Vucci)</figcaption></figure>'

const routes: Record<string, Handler> = {
  '/story': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(article(FIGURE))
  },
  '/img/hall.png': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG_BYTES)
  },
  '/img/missing.png': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('not here')
  },
  '/r1': (_req, res) => {
    res.writeHead(301, { location: '/r2' })
    res.end()
  },
  '/r2': (_req, res) => {
    res.writeHead(302, { location: '/story' })
    res.end()
  },
  '/loop': (_req, res) => {
    res.writeHead(302, { location: '/loop' })
    res.end()
  },
  '/hang': () => {
    // Never answers: the client must give up on its own.
  },
  '/big': (_req, res) => {
    // No Content-Length: the cap must hold while streaming.
    res.writeHead(200, { 'content-type': 'text/html' })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    for (let i = 0; i < 40; i++) res.write(chunk)
    res.end()
  },
  '/photo.png': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG_BYTES)
  },
  '/latin1': (_req, res) => {
    const html = article('<p>Caf\u00e9 cr\u00e8me et \u00e9clairs \u00e0 la mairie.</p>', '')
    res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
    res.end(iconv.encode(html, 'windows-1252'))
  },
  '/to-file': (_req, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd' })
    res.end()
  },
  '/lazy': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(
      article(
        '<figure><img class="lazyload" data-src="img/hall.png" alt="">' +
          '<figcaption>Sandbags on the quay. Photo: Jane Smith</figcaption></figure>',
      ),
    )
  },
  '/nav': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><body><nav><a href="/">Home</a></nav></body></html>')
  },
}

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (handler) return handler(req, res)
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

async function importOne(path: string, options = {}) {
  const ctx = memoryImportContext()
  const drafts = await importUrl(`${base}${path}`, ctx, options)
  expect(drafts).toHaveLength(1)
  return { draft: drafts[0] as ArticleDraft, ctx }
}

async function failure(url: string, options = {}): Promise<ImportError> {
  const ctx = memoryImportContext()
  const err = await importUrl(url, ctx, options).then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ImportError)
  expect(ctx.blobs.size).toBe(0)
  return err as ImportError
}

describe('importUrl', () => {
  it('imports the page and archives its images, so the reader needs no network', async () => {
    const { draft, ctx } = await importOne('/story')
    expect(draft.title).toBe('Council meets on floods')
    expect(draft.url).toBe(`${base}/story`)
    expect(draft.canonicalUrl).toBe('https://news.example/council-floods')
    expect(draft.origin).toEqual({ kind: 'url', path: `${base}/story` })
    expect(draft.body).toHaveLength(5)

    const [hall, missing] = draft.photos
    expect(hall.caption).toBe('Residents outside the town hall.')
    expect(hall.credit).toMatchObject({ photographer: 'Jane Smith', agency: 'Reuters' })
    expect(hall.src).toBe(`${base}/img/hall.png`)
    expect(hall.image).toMatchObject({ sha256: PNG_SHA, mime: 'image/png', fileName: 'hall.png' })
    expect(ctx.blobs.get(PNG_SHA)?.bytes).toEqual(PNG_BYTES)
    expect(hall.thumbnail?.mime).toMatch(/^image\//)
    // A 404 image keeps its address only; the import still succeeds.
    expect(missing.credit?.photographer).toBe('Evan Vucci')
    expect(missing.image).toBeUndefined()
    expect(draft.missingImages).toEqual([
      {
        url: `${base}/img/missing.png`,
        reason: `${base}/img/missing.png answered HTTP 404 Not Found.`,
      },
    ])

    const snapshot = new TextDecoder().decode(ctx.blobs.get(draft.snapshot!.sha256)?.bytes)
    expect(snapshot).toContain(`data-morgue-blob="${PNG_SHA}"`)
    expect(snapshot).not.toContain('src=')
    // Addresses stay only as inert references (for "Retry missing images"), never as loads.
    expect(snapshot.replace(/ data-morgue-ref="[^"]*"/g, '')).not.toContain('127.0.0.1')
  })

  it('archives lazy-loaded images and marks them in the snapshot', async () => {
    const { draft, ctx } = await importOne('/lazy')
    expect(draft.photos[0]).toMatchObject({
      caption: 'Sandbags on the quay.',
      src: `${base}/img/hall.png`,
    })
    expect(draft.photos[0].credit?.photographer).toBe('Jane Smith')
    expect(draft.photos[0].image?.sha256).toBe(PNG_SHA)
    const snapshot = new TextDecoder().decode(ctx.blobs.get(draft.snapshot!.sha256)?.bytes)
    expect(snapshot).toContain(
      `<img class="lazyload" alt="" data-morgue-ref="${base}/img/hall.png" data-morgue-blob="${PNG_SHA}">`,
    )
  })

  it('follows a redirect chain and keeps the final URL', async () => {
    const { draft } = await importOne('/r1')
    expect(draft.url).toBe(`${base}/story`)
    expect(draft.origin?.path).toBe(`${base}/r1`)
  })

  it('reads the charset the server sends', async () => {
    const { draft } = await importOne('/latin1')
    expect(draft.body[0]).toBe('Caf\u00e9 cr\u00e8me et \u00e9clairs \u00e0 la mairie.')
  })

  it('gives up after too many redirects', async () => {
    const err = await failure(`${base}/loop`, { maxRedirects: 3 })
    expect(err.message).toBe(`${base}/loop redirects more than 3 times.`)
  })

  it('gives up on a server that never answers', async () => {
    const err = await failure(`${base}/hang`, { timeoutMs: 300 })
    expect(err.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 300 ms\.$/)
  })

  it('refuses a page larger than the cap while it streams', async () => {
    const err = await failure(`${base}/big`, { maxBytes: 1024 * 1024 })
    expect(err.message).toBe(`${base}/big is larger than 1 MB.`)
  })

  it('refuses what is not a web page', async () => {
    const err = await failure(`${base}/photo.png`)
    expect(err.message).toBe(`${base}/photo.png is not a web page (the server sent image/png).`)
  })

  it('says so when a page holds no article', async () => {
    const err = await failure(`${base}/nav`)
    expect(err.message).toMatch(/^No article found in /)
  })

  it('explains a refused connection in one sentence', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const err = await failure(`http://127.0.0.1:${port}/story`, { timeoutMs: 5000 })
    expect(err.message).toBe(`127.0.0.1:${port} refused the connection.`)
  })

  it('refuses addresses that are not http or https, also after a redirect', async () => {
    expect((await failure('file:///etc/passwd')).message).toBe(
      'file:///etc/passwd is not an http or https address.',
    )
    expect((await failure('not a url')).message).toBe('not a url is not a web address.')
    expect((await failure(`${base}/to-file`)).message).toBe(
      `${base}/to-file is not an http or https address (it leads to file:).`,
    )
  })

  it('reports a network failure from the context fetch as a clear reason, never a hang', async () => {
    const ctx = memoryImportContext()
    ctx.fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })
    }
    await expect(importUrl('https://offline.example/story', ctx)).rejects.toThrow(
      'offline.example could not be found: there is no network, or the address is wrong.',
    )
  })
})
