import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import jpeg from 'jpeg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../tests/helpers'
import { memoryImportContext } from '../testing/memoryImportContext'
import { createImageDownloader, type ImageProgress } from './imageDownloader'

const jpegOf = (width: number, grey: number) =>
  new Uint8Array(
    jpeg.encode({ width, height: 60, data: new Uint8Array(width * 60 * 4).fill(grey) }, 80).data,
  )
const PHOTO = jpegOf(120, 100)
const OTHER = jpegOf(140, 180)
const GIF = new Uint8Array(
  Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
)

let server: Server
let base = ''
let hugeBytesSent = 0
let inFlight = 0
let maxInFlight = 0
const requests = new Map<string, number>()
const hanging: ServerResponse[] = []

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/photo.jpg': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    res.end(PHOTO)
  },
  '/untyped': (_q, res) => res.end(OTHER),
  '/moved.jpg': (_q, res) => {
    res.writeHead(301, { location: '/photo.jpg' })
    res.end()
  },
  '/loop.jpg': (_q, res) => {
    res.writeHead(302, { location: '/loop.jpg' })
    res.end()
  },
  '/to-file.jpg': (_q, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd' })
    res.end()
  },
  '/error-page.jpg': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>404</title><h1>Not found</h1>')
  },
  '/lying.jpg': (_q, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    res.end('<!doctype html><title>Error</title><p>Sorry</p>')
  },
  '/gone.jpg': (_q, res) => {
    res.writeHead(404, { 'content-type': 'text/html' })
    res.end('<h1>Not found</h1>')
  },
  '/never.jpg': (_q, res) => {
    hanging.push(res) // headers never come
  },
  '/huge.jpg': (req, res) => {
    // A body that would reach 2 GB: 256 KB chunks as fast as the client takes them.
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    const chunk = Buffer.alloc(256 * 1024, 0xff)
    const pump = () => {
      while (hugeBytesSent < 2 * 1024 ** 3) {
        hugeBytesSent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    req.socket.on('close', () => res.destroy())
    pump()
  },
  '/slow-a.jpg': (_q, res) => later(res, PHOTO),
  '/slow-b.jpg': (_q, res) => later(res, OTHER),
  '/slow-c.jpg': (_q, res) => later(res, PHOTO),
  '/slow-d.jpg': (_q, res) => later(res, OTHER),
  '/slow-e.jpg': (_q, res) => later(res, GIF),
}

function later(res: ServerResponse, body: Uint8Array): void {
  inFlight++
  maxInFlight = Math.max(maxInFlight, inFlight)
  setTimeout(() => {
    inFlight--
    res.writeHead(200, { 'content-type': 'image/jpeg' })
    res.end(body)
  }, 50)
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    requests.set(path, (requests.get(path) ?? 0) + 1)
    const route = routes[path]
    if (route) return route(req, res)
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const res of hanging) res.destroy()
  server.closeAllConnections()
  await new Promise<void>((done) => server.close(() => done()))
})

const httpFetch = (url: string, init?: { signal?: AbortSignal }) => fetch(url, init)

function downloader(options: Parameters<typeof createImageDownloader>[1] = {}) {
  const ctx = memoryImportContext(httpFetch)
  return { ctx, images: createImageDownloader({ putBlob: ctx.putBlob, fetch: ctx.fetch }, options) }
}

describe('the image downloader', () => {
  it('keeps a remote image with a thumbnail, following a redirect, and fetches it once', async () => {
    const { ctx, images } = downloader()
    const first = await images.archive(`${base}/moved.jpg`)
    const again = await images.archive(`${base}/moved.jpg`)
    expect(first).toEqual(again)
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.image).toMatchObject({
      mime: 'image/jpeg',
      bytes: PHOTO.byteLength,
      fileName: 'photo.jpg',
    })
    expect(ctx.blobs.get(first.image.sha256)?.bytes).toEqual(PHOTO)
    expect(first.thumbnail?.mime).toBe('image/jpeg')
    expect(requests.get('/moved.jpg')).toBe(1)
  })

  it('recognises an image by its bytes when the server names no type', async () => {
    const { images } = downloader()
    expect(await images.archive(`${base}/untyped`)).toMatchObject({
      ok: true,
      image: { mime: 'image/jpeg', bytes: OTHER.byteLength },
    })
  })

  it('keeps a data: URI image, and refuses one that is not a picture', async () => {
    const { ctx, images } = downloader()
    const gif = await images.archive(`data:image/gif;base64,${Buffer.from(GIF).toString('base64')}`)
    expect(gif).toMatchObject({ ok: true, image: { mime: 'image/gif', bytes: GIF.byteLength } })
    if (gif.ok) expect(ctx.blobs.get(gif.image.sha256)?.bytes).toEqual(GIF)
    const text = await images.archive('data:image/png,hello')
    expect(text).toEqual({
      ok: false,
      reason: expect.stringMatching(/^An inline image .* is not an image/),
    })
  })

  it('gives each bad address its own reason and stores nothing', async () => {
    // A generous timeout for every address but the one that never answers (a loaded machine
    // must not turn a redirect loop into a timeout).
    const { ctx, images } = downloader({
      timeoutMs: 30_000,
      maxBytes: 1024 * 1024,
      maxRedirects: 3,
    })
    const hanging = downloader({ timeoutMs: 500 })
    const reasons = await Promise.all(
      [
        'ftp://files.example/photo.jpg',
        'javascript:alert(1)',
        `${base}/loop.jpg`,
        `${base}/to-file.jpg`,
        `${base}/error-page.jpg`,
        `${base}/lying.jpg`,
        `${base}/gone.jpg`,
        `${base}/never.jpg`,
        `${base}/huge.jpg`,
      ].map(async (ref) => {
        const by = ref.endsWith('/never.jpg') ? hanging.images : images
        const result = await by.archive(ref)
        return result.ok ? 'kept' : result.reason
      }),
    )
    expect(reasons).toEqual([
      'ftp://files.example/photo.jpg is not an http or https address.',
      'javascript:alert(1) is not an http or https address.',
      `${base}/loop.jpg redirects more than 3 times.`,
      `${base}/to-file.jpg is not an http or https address (it leads to file:).`,
      `${base}/error-page.jpg sent text/html, not an image (an error page?).`,
      `${base}/lying.jpg is not an image (its bytes are not a picture).`,
      `${base}/gone.jpg answered HTTP 404 Not Found.`,
      `127.0.0.1:${new URL(base).port} did not answer within 500 ms.`,
      `${base}/huge.jpg is larger than 1 MB.`,
    ])
    expect(ctx.blobs.size + hanging.ctx.blobs.size).toBe(0)
    // The oversize body was cut off while streaming, far short of its 2 GB.
    expect(hugeBytesSent).toBeLessThan(64 * 1024 * 1024)
    expect(images.progress()).toEqual({ done: 8, failed: 8, total: 8 })
  })

  it('keeps at most `concurrency` downloads in flight and reports progress', async () => {
    const seen: ImageProgress[] = []
    const { images } = downloader({ concurrency: 2, onProgress: (p) => seen.push(p) })
    const names = ['a', 'b', 'c', 'd', 'e']
    const results = await Promise.all(names.map((n) => images.archive(`${base}/slow-${n}.jpg`)))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(maxInFlight).toBeGreaterThan(0)
    expect(maxInFlight).toBeLessThanOrEqual(2)
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5])
    expect(seen.at(-1)).toEqual({ done: 5, failed: 0, total: 5 })
  })

  it('gives up on remote images after three network failures in a row', async () => {
    let calls = 0
    const images = createImageDownloader(
      {
        putBlob: memoryImportContext().putBlob,
        fetch: async () => {
          calls++
          throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })
        },
      },
      { concurrency: 1 },
    )
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => images.archive(`https://offline.example/${i}.jpg`)),
    )
    expect(calls).toBe(3)
    expect(results[0]).toEqual({
      ok: false,
      reason: 'offline.example could not be found: there is no network, or the address is wrong.',
    })
    expect(results[9]).toEqual({
      ok: false,
      skipped: true,
      reason: 'https://offline.example/9.jpg was not tried: the network looked down.',
    })
  })
})

describe('local images of an imported file', () => {
  it('reads files beside and below the page, never outside its folder', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const page = join(dir, 'site', 'Story.html')
      await mkdir(join(dir, 'site', 'Story_files'), { recursive: true })
      await writeFile(page, '<html></html>')
      await writeFile(join(dir, 'site', 'Story_files', 'lead.jpg'), PHOTO)
      await writeFile(join(dir, 'secret.jpg'), OTHER)
      await symlink(join(dir, 'secret.jpg'), join(dir, 'site', 'Story_files', 'link.jpg'))
      const { ctx, images } = downloader()
      const scope = { file: page }
      const lead = await images.archive('Story_files/lead.jpg', scope)
      expect(lead).toMatchObject({
        ok: true,
        image: { bytes: PHOTO.byteLength, fileName: 'lead.jpg' },
      })
      const byUrl = await images.archive(
        pathToFileURL(join(dir, 'site', 'Story_files', 'lead.jpg')).href,
        scope,
      )
      expect(byUrl).toMatchObject({ ok: true })
      expect(await images.archive('../secret.jpg', scope)).toEqual({
        ok: false,
        reason: `${join(dir, 'secret.jpg')} is outside the imported page's folder, so it was not read.`,
      })
      expect(await images.archive('Story_files/../../secret.jpg', scope)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('outside the imported page'),
      })
      expect(await images.archive('Story_files/link.jpg', scope)).toEqual({
        ok: false,
        reason: `${join(dir, 'site', 'Story_files', 'link.jpg')} leads outside the imported page's folder, so it was not read.`,
      })
      expect(await images.archive('Story_files/none.jpg', scope)).toEqual({
        ok: false,
        reason: `${join(dir, 'site', 'Story_files', 'none.jpg')} is missing beside the page.`,
      })
      // Without an imported file (pasted text, a URL) no local file is read at all.
      expect(await images.archive(pathToFileURL(join(dir, 'secret.jpg')).href)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('this import has no folder'),
      })
      expect(
        [...ctx.blobs.values()].some((b) => Buffer.from(b.bytes).equals(Buffer.from(OTHER))),
      ).toBe(false)
    } finally {
      await cleanup()
    }
  })

  it('looks beside the saved file first for images under the page’s own address', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const page = join(dir, 'Story.html')
      await mkdir(join(dir, 'Story_files'))
      await writeFile(join(dir, 'Story_files', 'lead.jpg'), PHOTO)
      let fetched = 0
      const ctx = memoryImportContext(async () => {
        fetched++
        throw new TypeError('fetch failed')
      })
      const images = createImageDownloader({ putBlob: ctx.putBlob, fetch: ctx.fetch })
      const scope = { file: page, pageUrl: 'https://news.example/world/story.html' }
      const result = await images.archive('https://news.example/world/Story_files/lead.jpg', scope)
      expect(result).toMatchObject({ ok: true, image: { bytes: PHOTO.byteLength } })
      expect(fetched).toBe(0)
    } finally {
      await cleanup()
    }
  })
})
